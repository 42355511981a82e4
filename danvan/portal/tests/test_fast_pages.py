"""The portal's pages on the fast path (issue 16) write what they wrote before: the petition
form's selects from the places kept a minute (forms.Places); the home page's choice of commune,
its plans, the lists of consultations, disclosures and decisions written in Python
(templatetags/portal_rows.py); the public plan page's tree read as plain values; a
consultation's comments read only where the page shows them. (The home page's sections, kept
until a record changes: test_home.py.)"""

from __future__ import annotations

import time
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms
from django.db import connection
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.choices import normalize_choices

from danvan.conftest import World
from danvan.consultations.models import Consultation
from danvan.consultations.tests.conftest import Scene, scene  # noqa: F401 - the fixture
from danvan.core.models import Unit
from danvan.decisions.models import CommunityDecision, MatterItem
from danvan.disclosures.models import Category, Disclosure
from danvan.plans import services
from danvan.plans.models import Plan, Task
from danvan.plans.selectors import plan_tree
from danvan.portal.decisions import IN_EFFECT_SINCE
from danvan.portal.forms import PetitionForm, Places, commune_label, form_token
from danvan.portal.petitions import all_places
from danvan.portal.templatetags.portal_rows import (
    choice_options,
    commune_options,
    disclosure_items,
    plan_items,
)

pytestmark = pytest.mark.django_db

HOSTILE = "Thôn <b>\"Nà\" & 'Pàn'</b>"


# --- the petition form's places ---------------------------------------------------------------


class VillageSelectBefore(forms.Select):
    """The village select as it was before forms.Places: each option looks up its commune."""

    def __init__(self, commune_of: dict[str, int]) -> None:
        super().__init__()
        self.commune_of = commune_of

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        commune = self.commune_of.get(str(value))
        if commune:
            option["attrs"]["data-commune"] = str(commune)
        return option


def as_before(form: PetitionForm, places: Places) -> PetitionForm:
    """`form` with its two selects made as before forms.Places: Django's ModelChoiceField over a
    queryset of the communes, the village choices grouped in a plain list."""
    communes, villages = places.communes, places.villages
    commune = form.fields["commune"]
    assert isinstance(commune, forms.ModelChoiceField)
    before = forms.ModelChoiceField(
        queryset=Unit.objects.filter(pk__in=[c.pk for c in communes])
        .select_related("parent")
        .order_by("name", "parent__name"),
        label=commune.label,
        empty_label=commune.empty_label,
        initial=commune.initial,
        error_messages=commune.error_messages,
    )
    before.label_from_instance = commune_label  # type: ignore[method-assign]
    names = {c.pk: commune_label(c) for c in communes}
    blank = [("", "— Không rõ hoặc không thuộc thôn nào —")]
    if len(communes) == 1:
        choices: list[Any] = blank + [(str(v.pk), v.name) for v in villages]
    else:
        groups: dict[int, list[tuple[str, str]]] = {}
        for v in villages:
            groups.setdefault(v.commune_id or 0, []).append((str(v.pk), v.name))
        choices = blank + [(names[c], opts) for c, opts in groups.items() if c in names]
    village = form.fields["village"]
    form.fields["commune"] = before
    form.fields["village"] = forms.ChoiceField(
        label=village.label,
        required=False,
        choices=choices,
        widget=VillageSelectBefore({str(v.pk): v.commune_id or 0 for v in villages}),
        error_messages=village.error_messages,
    )
    return form


def test_it_writes_the_places_as_before_from_the_kept_list(world: World) -> None:
    Unit.objects.create(kind=Unit.Kind.VILLAGE, name=HOSTILE, parent=world.commune)
    elsewhere = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Bản Chắt", parent=world.other_commune
    )
    places = all_places()
    token = form_token(started=time.time() - 60)
    sent = {"kind": "reflection", "topic": "other", "subject": "a", "content": "b", "token": token}
    cases: list[tuple[dict[str, Any] | None, dict[str, Any]]] = [
        (None, {}),
        (None, {"commune": world.other_commune.pk}),
        ({**sent, "commune": world.commune.pk, "village": elsewhere.pk}, {}),  # wrong commune
        ({**sent, "village": world.village.pk}, {}),  # no commune
    ]
    for data, initial in cases:
        for _ in range(2):  # written, then from what the first one kept
            form = PetitionForm(data, initial=initial, places=places)
            before = as_before(PetitionForm(data, initial=initial, places=places), places)
            if data:
                assert form.errors == before.errors and form.errors
            for name in ("commune", "village"):
                assert str(form[name]) == str(before[name]), (name, data, initial)
    assert places.rendered
    # Given to the field as they are: what Django's normalisation would have made of them.
    assert list(places.village_choices) == normalize_choices(places.village_choices.choices)
    page = str(PetitionForm(places=places)["village"])
    assert "&lt;b&gt;&quot;Nà&quot; &amp; &#x27;Pàn&#x27;&lt;/b&gt;" in page and "<b>" not in page
    assert f'value="{elsewhere.pk}" data-commune="{world.other_commune.pk}"' in page


def test_it_writes_one_communes_places_as_before(world: World) -> None:
    places = Places([world.commune], [world.village])
    for _ in range(2):
        form = PetitionForm(places=places)
        before = as_before(PetitionForm(places=places), places)
        for name in ("commune", "village"):
            assert str(form[name]) == str(before[name]), name


def test_it_reads_the_places_once_for_many_forms(world: World) -> None:
    client = world.client(None)
    assert client.get("/gui-don/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        for xa in ("", str(world.commune.pk), str(world.other_commune.pk)):
            assert client.get("/gui-don/", {"xa": xa}).status_code == 200
    assert not [q for q in queries if "core_unit" in q["sql"]]


def test_it_offers_a_new_village_at_once(world: World) -> None:
    client = world.client(None)
    assert client.get("/gui-don/").status_code == 200
    Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Mới Lập", parent=world.commune)
    assert "Thôn Mới Lập" in client.get("/gui-don/").content.decode()


# --- the home page ------------------------------------------------------------------------------

# home.html's loop and _home_plans.html's as they were before the tag.
COMMUNES_LOOP = """{% for c in communes %}<option value="{{ c.pk }}"{% if c == commune %} selected{% endif %}>{{ c.name }}{% if c.parent %} ({{ c.parent.name }}){% endif %}</option>{% endfor %}"""
PLANS_LOOP = """{% for p in plans %}
<li class="card mb-2"><div class="card-body py-2"><a href="{% url 'portal:plan' p.pk %}">{{ p.title }}</a>
<div class="small text-body-secondary">{{ p.issuing_unit }} · Số: {{ p.reference }}{% if p.issued_on %} · ngày {{ p.issued_on|date:"d/m/Y" }}{% endif %}</div></div></li>
{% endfor %}"""


def test_the_commune_options_are_the_loop_they_replaced() -> None:
    province = Unit(pk=1, kind=Unit.Kind.PROVINCE, name=f"Tỉnh {HOSTILE}")
    communes = [
        Unit(pk=2, kind=Unit.Kind.COMMUNE, name="Xã Hồng Phong", parent=province),
        Unit(pk=3, kind=Unit.Kind.COMMUNE, name=HOSTILE, parent=province),
        Unit(pk=12345, kind=Unit.Kind.COMMUNE, name="Phường <Đông> Kinh"),
    ]
    loop = engines["django"].from_string(COMMUNES_LOOP)
    for chosen in (None, *communes):
        expected = loop.render({"communes": communes, "commune": chosen})
        assert commune_options(communes, chosen) == expected
    assert "<b>" not in commune_options(communes, None)


def test_the_plan_items_are_the_loop_they_replaced() -> None:
    unit = Unit(pk=5, kind=Unit.Kind.COMMUNE, name=HOSTILE)
    plans = [
        Plan(pk=7, title=HOSTILE, number="61", symbol="KH-UBND", issuing_unit=unit,
             issued_on=date(2026, 1, 5)),
        Plan(pk=1234, title="Kế hoạch & dân vận", number="", symbol="KH-<x>", issuing_unit=unit,
             issued_on=None),
        Plan(pk=9, title="", number="3", symbol="KH", issuing_unit=unit,
             issued_on=date(987, 12, 31)),
    ]  # fmt: skip
    expected = engines["django"].from_string(PLANS_LOOP).render({"plans": plans})
    assert plan_items(plans) == expected
    assert "<b>" not in plan_items(plans)


# --- the public plan page -------------------------------------------------------------------

# plan.html's progress and tree, as the page writes them.
PLAN_BODY = """{% with counts=tree.counts %}
<ul class="dv-cards" aria-label="Kết quả thực hiện">
  <li class="dv-card"><span class="dv-card-n">{{ tree.percent|default:0 }}%</span> tiến độ chung</li>
  <li class="dv-card dv-card-done"><span class="dv-card-n">{{ counts.done|default:0 }}</span> đã hoàn thành</li>
  <li class="dv-card dv-card-overdue"><span class="dv-card-n">{{ counts.overdue|default:0 }}</span> đang chậm so với hạn</li>
</ul>
{% endwith %}
<p class="small">Trang này chỉ nêu tên nhiệm vụ, cơ quan chịu trách nhiệm, thời hạn và mức độ hoàn thành; không có thông tin cá nhân.</p>
{% with rows=tree.rows public=True %}{% include "plans/_node.html" %}{% endwith %}"""


def test_the_public_plan_page_reads_plain_values_and_shows_what_tasks_showed(
    world: World, plan: Plan, task: Task
) -> None:
    section = services.section_create(plan=plan, by=world.chairman, title="Tuyên <b>truyền</b>")
    for i, (unit, changes) in enumerate(
        [
            (world.office_b, {"done_on": date(2026, 5, 4), "percent": 80}),
            (world.office_a, {"next_due": date(2026, 5, 1), "percent": 40}),
            (world.village, {"warn_from": date(2026, 5, 20), "next_due": date(2026, 6, 1)}),
            (world.office_b, {"last_report_on": date(2026, 5, 2), "percent": 55}),
        ]
    ):
        extra = services.task_create(
            plan=plan,
            by=world.chairman,
            title=f"Nhiệm vụ <{i}> & thôn",
            lead_unit=unit,
            section=section if i % 2 else None,
            due_date=date(2026, 12, 31),
        )
        Task.objects.filter(pk=extra.pk).update(**changes)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ISSUED)
    with time_machine.travel(datetime(2026, 5, 25, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        page = world.client(None).get(f"/ke-hoach/{plan.pk}/").content.decode()
        as_tasks = engines["django"].from_string(PLAN_BODY).render({"tree": plan_tree(plan)})
    assert as_tasks in page
    for shown in ("Nhiệm vụ &lt;3&gt; &amp; thôn", "dv-status-overdue", "dv-status-done"):
        assert shown in page


# --- the list of disclosures ----------------------------------------------------------------

# disclosures_list.html's loops as they were before the tags.
FILTER_LOOPS = """{% for c in communes %}<option value="{{ c.pk }}"{% if c.pk == commune %} selected{% endif %}>{{ c.name }}</option>{% endfor %}|{% for c in categories %}<option value="{{ c.number }}"{% if c.number == category %} selected{% endif %}>{{ c.number }}. {{ c.short_name }}</option>{% endfor %}"""
DISCLOSURES_LOOP = """{% for d in page.object_list %}
<li class="card mb-2"><div class="card-body py-2"><a href="{% url 'portal:disclosure' d.pk %}">{{ d.title }}</a>
<div class="small text-body-secondary">{{ d.category.short_name }} · {{ d.commune.name }} · văn bản ngày {{ d.decided_on|date:"d/m/Y" }}</div></div></li>
{% endfor %}"""


def test_the_disclosures_filters_and_rows_are_the_loops_they_replaced() -> None:
    communes = [Unit(pk=2, name="Xã Hồng Phong"), Unit(pk=1234, name=HOSTILE)]
    categories = [
        Category(number=1, short_name="Dự toán <ngân sách> & quyết toán"),
        Category(number=13, short_name="Thủ tục hành chính"),
    ]
    loops = engines["django"].from_string(FILTER_LOOPS)
    for commune, category in ((None, None), (1234, 13), (2, 1), (99, 99)):
        expected = loops.render(
            {"communes": communes, "categories": categories, "commune": commune,
             "category": category}
        )  # fmt: skip
        written = (
            choice_options([(c.pk, c.name) for c in communes], commune)
            + "|"
            + choice_options([(c.number, f"{c.number}. {c.short_name}") for c in categories],
                             category)
        )  # fmt: skip
        assert written == expected
    rows = [
        Disclosure(pk=3, title=HOSTILE, category=categories[0], commune=communes[1],
                   decided_on=date(2026, 3, 9)),
        Disclosure(pk=4567, title="Quy hoạch & kế hoạch", category=categories[1],
                   commune=communes[0], decided_on=date(987, 12, 31)),
    ]  # fmt: skip
    expected = (
        engines["django"].from_string(DISCLOSURES_LOOP).render({"page": {"object_list": rows}})
    )
    assert disclosure_items(rows) == expected
    assert "<b>" not in disclosure_items(rows)


# --- the list of decisions ------------------------------------------------------------------

# decisions_list.html's loop as it was before the tag, over the objects it read.
DECISIONS_LOOP = """<ul class="list-unstyled">{% for d in decisions %}
<li class="card mb-2"><div class="card-body py-2">
<h2 class="h6 mb-1"><a href="{% url 'portal:decision' d.pk %}">{{ d.title }}</a></h2>
<div class="small">{{ d.commune.name }} · {% for v in d.villages.all %}{{ v.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</div>
<div class="small text-body-secondary">{{ d.item.short_name }} · {{ d.get_outcome_display }} · có hiệu lực từ {{ d.effective_on|default:d.recognised_on|date:"d/m/Y" }}</div>
</div></li>{% endfor %}</ul>"""


def test_the_decisions_list_is_the_loop_it_replaced(world: World) -> None:
    items = list(MatterItem.objects.order_by("number")[:2])
    hostile = Unit.objects.create(kind=Unit.Kind.VILLAGE, name=HOSTILE, parent=world.commune)
    other = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Bản Chắt", parent=world.other_commune
    )
    S, R = CommunityDecision.Status, CommunityDecision.Outcome
    cases = [
        (world.commune, S.RECOGNISED, R.PASSED, date(2026, 5, 4), date(2026, 5, 6), [world.village, hostile]),
        (world.commune, S.IN_EFFECT, R.PASSED, date(2026, 6, 1), None, [hostile]),
        (world.other_commune, S.RECOGNISED, R.REJECTED, None, date(2026, 4, 2), [other]),
        (world.other_commune, S.IN_EFFECT, R.INCOMPLETE, None, None, []),
        (world.commune, S.DRAFT, R.PASSED, date(2026, 7, 1), None, [world.village]),  # not public
    ]  # fmt: skip
    for i, (commune, status, outcome, effective, recognised, villages) in enumerate(cases):
        d = CommunityDecision.objects.create(
            commune=commune,
            item=items[i % 2],
            title=f"Việc <{i}> & “thôn”",
            content="-",
            scope=CommunityDecision.Scope.VILLAGE,
            form=CommunityDecision.Form.MEETING,
            status=status,
            outcome=outcome,
            effective_on=effective,
            recognised_on=recognised,
        )
        d.villages.set(villages)
    before = (
        CommunityDecision.objects.public()
        .select_related("commune", "item")
        .prefetch_related("villages")
        .order_by(IN_EFFECT_SINCE.desc(), "-id")[:100]
    )
    expected = engines["django"].from_string(DECISIONS_LOOP).render({"decisions": before})
    page = world.client(None).get("/dan-quyet-dinh/").content.decode()
    assert expected in page
    assert page.count('class="card mb-2"') == 4 and "<b>" not in page


# --- the lists of consultations -------------------------------------------------------------

# _consultations_items.html as it was before the tag.
CONSULTATIONS_LOOP = """{% if items %}<ul class="list-unstyled">{% for c in items %}
<li class="card mb-2"><div class="card-body py-2"><a href="{% url 'portal:consultation' c.pk %}">{{ c.title }}</a>
<div class="small text-body-secondary">{{ c.commune.name }} · {% if c.status == 'published' %}công bố kết quả ngày {{ c.published_on|date:"d/m/Y" }}{% else %}{{ c.opens_on|date:"d/m/Y" }} – {{ c.closes_on|date:"d/m/Y" }}{% if c.left is not None %} · còn {{ c.left }} ngày{% endif %}{% endif %}</div></div></li>
{% endfor %}</ul>{% elif empty %}<p class="dv-empty">{{ empty }}</p>{% endif %}
"""


def test_the_consultations_items_are_the_template_they_replaced() -> None:
    S = Consultation.Status
    communes = [Unit(pk=2, name="Xã Hồng Phong"), Unit(pk=3, name=HOSTILE)]
    items = [
        Consultation(pk=1, title=HOSTILE, commune=communes[0], status=S.OPEN,
                     opens_on=date(2026, 5, 4), closes_on=date(2026, 6, 3)),
        Consultation(pk=22, title="Quy ước & hương ước", commune=communes[1], status=S.OPEN,
                     opens_on=date(2026, 7, 1), closes_on=date(2026, 7, 30)),
        Consultation(pk=333, title="Dự thảo", commune=communes[0], status=S.CLOSED,
                     opens_on=None, closes_on=None),
        Consultation(pk=4444, title="Kết quả", commune=communes[1], status=S.PUBLISHED,
                     published_on=date(987, 12, 31)),
        Consultation(pk=5, title="Kết quả", commune=communes[1], status=S.PUBLISHED),
    ]  # fmt: skip
    items[0].left = 0  # type: ignore[attr-defined]
    items[1].left = 12  # type: ignore[attr-defined]
    template = engines["django"].from_string(CONSULTATIONS_LOOP)
    partial = engines["django"].get_template("portal/_consultations_items.html")
    for context in (
        {"items": items},
        {"items": items[2:], "empty": "Không có <gì> cả."},
        {"items": [], "empty": "Không có <gì> cả."},
        {"items": []},
    ):
        assert partial.render(context) == template.render(context), context
    assert "<b>" not in partial.render({"items": items})


# --- a consultation -------------------------------------------------------------------------


def test_a_consultation_reads_its_comments_only_where_it_shows_them(scene: Scene) -> None:  # noqa: F811
    client = Client()
    with CaptureQueriesContext(connection) as beside_the_form:
        page = client.get(f"/lay-y-kien/{scene.open.pk}/").content.decode()
    assert "Góp ý từng điều" in page
    assert not [q for q in beside_the_form if "consultations_comment" in q["sql"]]
    with CaptureQueriesContext(connection) as closed:
        page = client.get(f"/lay-y-kien/{scene.closed.pk}/").content.decode()
    assert "Góp ý từng điều" not in page
    assert [q for q in closed if "consultations_comment" in q["sql"]]
