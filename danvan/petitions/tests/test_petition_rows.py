"""The rows of the petition book, of the province's book and of the statistics' tables rendered
in Python (templatetags/petition_rows.py) write what the template loops of cases_list.html,
province_list.html and stats_table.html they replaced wrote, byte for byte, escaping included."""

from __future__ import annotations

from datetime import date
from itertools import cycle

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core.models import Unit
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.selectors import Row

# cases_list.html's loop as it was before the rows were rendered in Python.
TEMPLATE_LOOP = """{% for p in rows %}
<tr>
  <td class="dv-stack-title"><a href="{{ p.url }}">Số {{ p.code }}: {{ p.subject|truncatechars:120 }}</a>{% if p.handling_unit %}<div class="small text-body-secondary">{{ p.handling_unit.label }}</div>{% endif %}</td>
  <td data-label="Loại">{{ p.get_kind_display }}{% if p.second_complaint %} (lần hai){% endif %}</td>
  <td data-label="Ngày nhận">{{ p.received_on|date:"d/m/Y" }}</td>
  <td data-label="Người gửi">{% if p.kind == 'denunciation' %}<span class="text-body-secondary">Danh tính được bảo vệ</span>{% elif p.anonymous %}<span class="text-body-secondary">Đơn nặc danh</span>{% else %}{{ p.petitioner_name|default:"—" }}{% endif %}</td>
  <td data-label="Thôn">{{ p.village.name|default:"—" }}</td>
  <td data-label="Hạn xử lý">{{ p.due_on|date:"d/m/Y"|default:"—" }}</td>
  <td data-label="Tình trạng"><span class="badge {{ p.status_class }}">{{ p.get_status_display }}</span>{% if p.badge == 'overdue' %} <span class="badge text-bg-danger">Quá hạn</span>{% elif p.badge == 'soon' %} <span class="badge text-bg-warning">Sắp đến hạn</span>{% endif %}</td>
</tr>
{% endfor %}"""

# province_list.html's loop as it was.
PROVINCE_LOOP = """{% for p in rows %}
<tr>
  <td class="dv-stack-title">Số {{ p.code }}: {{ p.subject|truncatechars:120 }}</td>
  <td data-label="Xã">{{ p.commune.label }}</td>
  <td data-label="Loại">{{ p.get_kind_display }}{% if p.second_complaint %} (lần hai){% endif %}</td>
  <td data-label="Ngày nhận">{{ p.received_on|date:"d/m/Y" }}</td>
  <td data-label="Hạn xử lý">{{ p.due_on|date:"d/m/Y"|default:"—" }}</td>
  <td data-label="Tình trạng"><span class="badge {{ p.status_class }}">{{ p.get_status_display }}</span>{% if p.badge == 'overdue' %} <span class="badge text-bg-danger">Quá hạn</span>{% elif p.badge == 'soon' %} <span class="badge text-bg-warning">Sắp đến hạn</span>{% endif %}</td>
</tr>
{% endfor %}"""

# stats_table.html's body as it was.
STATS_LOOP = """{% for r in rows %}
<tr>
  <td class="dv-stack-title">{{ r.label }}</td>
  <td data-label="Tổng số">{{ r.total }}</td>
  <td data-label="Đang xử lý">{{ r.open }}</td>
  <td data-label="Quá hạn">{% if r.overdue %}<strong class="dv-danger">{{ r.overdue }}</strong>{% else %}0{% endif %}</td>
  <td data-label="Đã giải quyết">{{ r.resolved }}</td>
  <td data-label="Hướng dẫn, chuyển, trả, lưu">{{ r.routed }}</td>
  <td data-label="Đúng hạn">{{ r.on_time }}</td>
  <td data-label="Tỷ lệ đúng hạn">{% if r.rate is None %}—{% else %}{{ r.rate }}%{% endif %}</td>
</tr>
{% endfor %}
{% if total %}<tr class="fw-semibold">
  <td class="dv-stack-title">{{ total.label }}</td>
  <td data-label="Tổng số">{{ total.total }}</td>
  <td data-label="Đang xử lý">{{ total.open }}</td>
  <td data-label="Quá hạn">{{ total.overdue }}</td>
  <td data-label="Đã giải quyết">{{ total.resolved }}</td>
  <td data-label="Hướng dẫn, chuyển, trả, lưu">{{ total.routed }}</td>
  <td data-label="Đúng hạn">{{ total.on_time }}</td>
  <td data-label="Tỷ lệ đúng hạn">{% if total.rate is None %}—{% else %}{{ total.rate }}%{% endif %}</td>
</tr>{% endif %}"""

HOSTILE = [
    "",
    "Ô nhiễm <script>alert('x')</script> & \"khói\" bụi",
    "Đường liên thôn xuống cấp " * 8,  # longer than 120 characters: cut
    "Ho\u0300ng Phong " * 15,  # decomposed marks past the cut
    "a'b\"c<d>e&f",
]
DAYS = [date(2026, 1, 5), None, date(987, 12, 31), date(2026, 11, 30)]


def _petitions(texts: list[str], days: list[date | None]) -> list[Petition]:
    """A row for every branch of the loop: each kind and status, anonymous or not, with and
    without a handling unit (short name or not), a village (named or not), a due date."""
    text = cycle(texts)
    day = cycle(days)
    kinds = [k for k, _ in PetitionKind.choices]
    statuses = [s for s, _ in Petition.Status.choices]
    rows: list[Petition] = []
    for i in range(2 * max(len(kinds), len(statuses))):
        unit = None
        if i % 3:
            unit = Unit(pk=100 + i, name=next(text) or "UBND xã", short_name=next(text) * (i % 2))
        village = Unit(pk=200 + i, name=next(text)) if i % 4 else None
        p = Petition(
            pk=i + 1,
            year=2026,
            number=i + 1,
            subject=next(text),
            kind=kinds[i % len(kinds)],
            second_complaint=i % 5 == 1,
            received_on=next(day) or date(2026, 6, 1),
            anonymous=i % 3 == 2,
            petitioner_name=next(text),
            due_on=next(day),
            status=statuses[i % len(statuses)],
            handling_unit=unit,
            village=village,
            commune=Unit(pk=300 + i, name=next(text) or "Xã", short_name=next(text) * (i % 2)),
        )
        p.url = f"/can-bo/don-thu/{i + 1}/?a=1&b={next(text)}"  # type: ignore[attr-defined]
        p.badge = ["overdue", "soon", ""][i % 3]  # type: ignore[attr-defined]
        p.status_class = f"text-bg-{next(text)}"  # type: ignore[attr-defined]
        rows.append(p)
    return rows


def _both(
    rows: list[Petition], loop: str = TEMPLATE_LOOP, tag: str = "petition_rows"
) -> tuple[str, str]:
    engine = engines["django"]
    old = engine.from_string(loop).render({"rows": rows})
    new = engine.from_string(f"{{% load petition_rows %}}{{% {tag} rows %}}").render({"rows": rows})
    return old, new


def _province(rows: list[Petition]) -> tuple[str, str]:
    return _both(rows, PROVINCE_LOOP, "province_rows")


def test_the_rows_are_the_templates() -> None:
    old, new = _both(_petitions(HOSTILE, DAYS))
    assert "&lt;script&gt;" in new and "<script>" not in new
    assert "Danh tính được bảo vệ" in new and "Đơn nặc danh" in new and "Quá hạn" in new
    assert new == old


def test_the_provinces_rows_are_the_templates() -> None:
    old, new = _province(_petitions(HOSTILE, DAYS))
    assert "&lt;script&gt;" in new and "<script>" not in new and "Quá hạn" in new
    assert new == old


def test_no_rows_write_nothing() -> None:
    assert _both([]) == ("", "") == _province([])


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(min_size=0, max_size=200), min_size=3, max_size=6),
    days=st.lists(st.none() | st.dates(), min_size=1, max_size=3),
)
def test_any_text_renders_as_the_template_did(texts: list[str], days: list[date | None]) -> None:
    rows = _petitions(texts, days)
    old, new = _both(rows)
    assert new == old
    old, new = _province(rows)
    assert new == old


def _rows(labels: list[str], numbers: list[int]) -> list[Row]:
    """Rows with every branch: a rate or none (nothing closed nor overdue), overdue or not."""
    n = cycle(numbers)
    rows = []
    for label in labels:
        r = Row(key=label[:3], label=label)
        for name in ("total", "open", "resolved", "routed", "closed", "on_time", "overdue"):
            setattr(r, name, next(n))
        rows.append(r)
    return rows


def _stats(rows: list[Row], total: Row | None) -> tuple[str, str]:
    engine = engines["django"]
    context = {"rows": rows, "total": total}
    old = engine.from_string(STATS_LOOP).render(context)
    new = engine.from_string("{% load petition_rows %}{% stats_rows rows total %}").render(context)
    return old, new


def test_the_statistics_rows_are_the_templates() -> None:
    rows = [*_rows([*HOSTILE, "Tổng số"], [0, 3, 12_764, 1, 0, 0, 7, 2]), Row(key="", label="")]
    for total in (None, rows[-1], Row(key="", label="Tổng số")):
        old, new = _stats(rows, total)
        assert "&lt;script&gt;" in new and "—" in new and "%" in new
        assert new == old


@settings(max_examples=60, deadline=None)
@given(
    labels=st.lists(st.text(max_size=60), max_size=5),
    numbers=st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=9),
    with_total=st.booleans(),
)
def test_any_statistics_render_as_the_template_did(
    labels: list[str], numbers: list[int], with_total: bool
) -> None:
    rows = _rows(labels, numbers)
    total = _rows(["Tổng số"], numbers[::-1])[0] if with_total else None
    old, new = _stats(rows, total)
    assert new == old
