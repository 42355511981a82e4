"""The case page's handling steps written by petitions.case_panels (blank forms kept as written)
are what cases_detail.html wrote with its include of cases_action.html per step, byte for byte,
for every state of a case, a signer and a handler, hostile text and a form sent back with
errors; and the kept list of handlers is read again after a write of the commune."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms
from django.template import engines
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import Membership, Role, User
from danvan.petitions import case_panels, services
from danvan.petitions.access import can_sign_off
from danvan.petitions.forms import (
    AcceptForm,
    AssignForm,
    ClassifyForm,
    LinkForm,
    ReasonForm,
    ResolveForm,
    RouteForm,
    SendBackForm,
    SignOffForm,
    StepForm,
)
from danvan.petitions.models import Petition
from danvan.petitions.tests.test_cases import receive

TODAY = date(2026, 11, 2)
HOSTILE = "<script>alert('x')</script> & \"trích\" {{ p }}"

# cases_detail.html's steps before they were written in Python.
REFERENCE = """  {% if forms.classify %}{% url 'petitions:classify' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.classify step="phan-loai" title="Phân loại" url=u button="Lưu phân loại" help="Thay đổi phân loại (phức tạp, vùng sâu…) tính lại thời hạn theo quy tắc đang áp dụng." %}{% endif %}
  {% if forms.assign %}{% url 'petitions:assign' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.assign step="giao" title="Giao xử lý" url=u button="Giao" %}{% endif %}
  {% if forms.accept %}{% url 'petitions:accept' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.accept step="thu-ly" title="Thụ lý" url=u button="Thụ lý đơn" help="Thời hạn giải quyết tính từ ngày hôm sau ngày thụ lý." %}{% endif %}
  {% if forms.extend %}{% url 'petitions:extend' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.extend step="gia-han" title="Gia hạn giải quyết" url=u button="Gia hạn" help="Chỉ vụ việc phức tạp hoặc đặc biệt phức tạp được gia hạn, trước khi hết hạn." %}{% endif %}
  {% if forms.pause %}{% url 'petitions:pause' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.pause step="tam-dinh-chi" title="Tạm đình chỉ" url=u button="Tạm đình chỉ" %}{% endif %}
  {% if forms.resume %}{% url 'petitions:resume' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.resume step="tiep-tuc" title="Tiếp tục giải quyết" url=u button="Tiếp tục" %}{% endif %}
  {% if forms.record %}{% url 'petitions:record_step' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.record step="buoc" title="Xác minh, đối thoại, kết luận" url=u button="Ghi bước xử lý" help="Mỗi bước được ghi ngày và hiện trên trang tra cứu của người gửi." %}{% endif %}
  {% if forms.resolve %}{% url 'petitions:resolve' p.pk as u %}{% if signer %}{% include "petitions/cases_action.html" with form=forms.resolve step="ket-qua" title="Kết quả giải quyết" url=u button="Ký, ban hành kết quả" help="Lãnh đạo UBND xã ghi kết quả thì kết quả được ký ngay; đơn kết thúc vào ngày ký." %}{% else %}{% include "petitions/cases_action.html" with form=forms.resolve step="ket-qua" title="Trình kết quả giải quyết" url=u button="Trình lãnh đạo ký duyệt" help="Kết luận, quyết định do người xử lý dự thảo; đơn chỉ kết thúc khi lãnh đạo UBND xã ký duyệt. Thời hạn giải quyết vẫn tính trong khi chờ ký." %}{% endif %}{% endif %}
  {% if forms.sign_off %}{% url 'petitions:sign_off' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.sign_off step="ky-duyet" title="Ký duyệt kết quả giải quyết" url=u button="Ký duyệt" help="Đơn kết thúc vào ngày ký; văn bản trả lời người gửi mang tên người ký." %}{% endif %}
  {% if forms.send_back %}{% url 'petitions:send_back' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.send_back step="tra-lai-du-thao" title="Trả lại dự thảo" url=u button="Trả lại cho người xử lý" danger=True %}{% endif %}
  {% if forms.route %}{% url 'petitions:route' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.route step="xu-ly" title="Hướng dẫn, chuyển, trả, lưu đơn" url=u button="Kết thúc xử lý đơn" danger=True %}{% endif %}
  {% if forms.link %}{% url 'petitions:link' p.pk as u %}{% include "petitions/cases_action.html" with form=forms.link step="lien-ket" title="Liên kết với đơn trước" url=u button="Liên kết" %}{% endif %}
"""


def old_forms(p: Petition, user: User, bound: dict[str, forms.Form]) -> dict[str, Any]:
    """views_cases._forms as it was: every step form this case allows, built on each visit."""
    today = TODAY
    running = p.status == Petition.Status.ACCEPTED
    signer = can_sign_off(user, p)
    proposed = p.status == Petition.Status.PROPOSED
    blank: dict[str, Any] = {
        "classify": ClassifyForm.for_petition(p) if p.is_open else None,
        "assign": AssignForm(petition=p) if p.is_open else None,
        "accept": AcceptForm(prefix="tl", initial={"accepted_on": today})
        if p.status == Petition.Status.RECEIVED
        else None,
        "route": RouteForm(prefix="xl", initial={"on": today})
        if p.is_open and (not p.accepted_on or signer)
        else None,
        "extend": ReasonForm(prefix="gh", initial={"on": today})
        if running and p.step == "giai-quyet"
        else None,
        "pause": ReasonForm(prefix="dc", initial={"on": today}) if running else None,
        "resume": ReasonForm(prefix="tt", initial={"on": today})
        if p.status == Petition.Status.PAUSED
        else None,
        "resolve": ResolveForm.for_petition(p, signer=signer) if running else None,
        "sign_off": SignOffForm(prefix="kd", initial={"signed_on": today})
        if proposed and signer
        else None,
        "send_back": SendBackForm(prefix="tr", initial={"on": today})
        if proposed and signer
        else None,
        "record": StepForm(prefix="bx", initial={"on": today}) if running else None,
        "link": LinkForm(prefix="lk"),
    }
    blank.update(bound)
    return blank


def both(p: Petition, user: User, bound: dict[str, forms.Form] | None = None) -> tuple[str, str]:
    """The steps as the template wrote them and as case_panels writes them."""
    p = Petition.objects.select_related("commune", "village", "handler", "handling_unit").get(
        pk=p.pk
    )
    signer = can_sign_off(user, p)
    engine = engines["django"]
    context = {"p": p, "signer": signer, "csrf_token": "t0k3n"}
    before = engine.from_string(REFERENCE).render(
        context | {"forms": old_forms(p, user, bound or {})}
    )
    shown = case_panels.panels(p, signer=signer, today=TODAY, bound=bound or {})
    after = engine.from_string("{% load case_panels %}{% case_panels %}").render(
        context | {"panels": shown, "case_url": reverse("petitions:detail", args=[p.pk])}
    )
    return before, after


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(
        datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    ):
        yield


def _states(world: World) -> Iterator[tuple[str, Petition]]:
    """A case through its states, each yielded as it stands."""
    p = receive(world, received_on=TODAY)
    yield "received", p
    world.officer_b.full_name = HOSTILE
    world.officer_b.save()
    p = services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    yield "assigned", p
    p = services.petition_classify(
        petition=p, by=world.chairman, competent=True, conditions_met=True, complex=True
    )
    p = services.petition_accept(petition=p, by=world.officer_b, accepted_on=TODAY)
    yield "accepted", p
    p = services.petition_pause(petition=p, by=world.officer_b, on=TODAY, reason="Chờ giám định")
    yield "paused", p
    p = services.petition_resume(petition=p, by=world.officer_b, on=TODAY, reason="Đã có kết quả")
    p = services.petition_resolve(
        petition=p,
        by=world.officer_b,
        decided_on=TODAY,
        outcome=HOSTILE,
        legal_basis="Luật Khiếu nại 2011, Điều 27 <b>",
        public_answer="Trả lời & hướng dẫn",
    )
    yield "proposed", p
    p = services.petition_send_back(petition=p, by=world.chairman, on=TODAY, comment="Sửa")
    yield "sent back", p
    p = services.petition_resolve(
        petition=p, by=world.officer_b, decided_on=TODAY, outcome="Giữ nguyên", legal_basis="Luật"
    )
    p = services.petition_sign_off(petition=p, by=world.chairman, signed_on=TODAY)
    yield "resolved", p


@pytest.mark.django_db
def test_the_steps_are_written_as_the_template_wrote_them(world: World) -> None:
    seen, written = set(), []
    for state, p in _states(world):
        for user in (world.chairman, world.officer_b):
            for _ in range(2):  # written, then kept
                before, after = both(p, user)
                assert after == before, (state, user.username)
            seen.add(state)
            written.append(after)
            assert "t0k3n" in after
    assert len(seen) == 7
    # The hostile name and draft are escaped, not written as markup.
    everything = "".join(written)
    assert "<script>" not in everything and everything.count("&lt;script&gt;") >= 4


@pytest.mark.django_db
def test_a_form_sent_back_with_errors_is_written_open_with_what_was_typed(world: World) -> None:
    p = receive(world, received_on=TODAY)
    for name, form in {
        "link": LinkForm({"lk-code": HOSTILE, "lk-kind": "repeat"}, prefix="lk"),
        # A step the case no longer allows (the service refused it) still shows its form.
        "pause": ReasonForm({"dc-on": "2026-11-02", "dc-reason": ""}, prefix="dc"),
    }.items():
        form.is_valid()
        before, after = both(p, world.chairman, {name: form})
        assert after == before
        assert f'id="buoc-{case_panels._BY_NAME[name].anchor}" open>' in after
        assert "&lt;script&gt;" in after or name != "link"


@pytest.mark.django_db
def test_each_steps_address_is_its_url(world: World) -> None:
    from danvan.petitions.views_cases import STEPS

    p = receive(world, received_on=TODAY)
    case_url = reverse("petitions:detail", args=[p.pk])
    for panel in case_panels.PANELS:
        step = STEPS[panel.name]
        assert case_url + panel.path + "/" == reverse(f"petitions:{step.url_name}", args=[p.pk])
        assert panel.anchor == step.anchor


@pytest.mark.django_db
def test_the_kept_list_of_handlers_is_read_again_after_a_write(world: World) -> None:
    p = receive(world, received_on=TODAY)
    c = world.client(world.chairman)
    url = reverse("petitions:detail", args=[p.pk])
    assert "Người Mới" not in c.get(url).content.decode()
    newcomer = User.objects.create_user("nguoimoi", full_name="Người Mới")
    Membership.objects.create(user=newcomer, unit=world.office_b, role=Role.OFFICER)
    receive(world, received_on=TODAY)  # any write of the commune
    assert "Người Mới" in c.get(url).content.decode()


@pytest.mark.django_db
def test_the_history_read_with_the_columns_the_page_reads_is_written_alike(world: World) -> None:
    """The case page reads its history's shown columns only (views_cases.HISTORY_SHOWN): the
    kit's writer (core/templatetags/history.py, tested against the loop it replaced) writes the
    same from them, hostile names and changes, no actor, numbers and days included."""
    from danvan.core.audit import history, log_action
    from danvan.petitions.views_cases import HISTORY_SHOWN

    tag = engines["django"].from_string("{% load history %}{% history_items history %}")
    p = [p for _, p in _states(world)][-1]
    log_action(p, HOSTILE, by=None, changes={HOSTILE: [HOSTILE, 12345], "on": "2026-11-02"})
    log_action(p, "petitions.classified", by=world.officer_b, changes={"complex": [False, True]})
    full = tag.render({"history": list(history(p)[:50])})
    narrowed = tag.render({"history": list(history(p).only(*HISTORY_SHOWN)[:50])})
    assert narrowed == full
    assert "&lt;script&gt;" in full and "<script>" not in full and "Hệ thống" in full
