"""The rows of the petition book, of the province's book and of the statistics' tables as HTML,
rendered in Python: the same markup the template loops of `cases_list.html`,
`province_list.html` and `stats_table.html` wrote, without the engine's variable lookups,
filters, date and number formatting for each cell (the loop was most of a list's template time).

Every text from the database goes through `html.escape`, as Django's autoescaping does (its
`escape` is `html.escape`). `test_petition_rows.py` checks the output equals the template loops
these replaced, on hostile text.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from danvan.core.templatetags.fast_text import dmy, truncatechars
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.selectors import ListedPetition, Row

register = template.Library()

BADGES = {
    "overdue": ' <span class="badge text-bg-danger">Quá hạn</span>',
    "soon": ' <span class="badge text-bg-warning">Sắp đến hạn</span>',
}


def _sender(p: Petition | ListedPetition) -> str:
    if p.kind == PetitionKind.DENUNCIATION:
        return '<span class="text-body-secondary">Danh tính được bảo vệ</span>'
    if p.anonymous:
        return '<span class="text-body-secondary">Đơn nặc danh</span>'
    return escape(p.petitioner_name) if p.petitioner_name else "—"


def _kind(p: Petition | ListedPetition) -> str:
    return escape(str(p.get_kind_display())) + (" (lần hai)" if p.second_complaint else "")


def _status(p: Petition | ListedPetition) -> str:
    return (
        f'<span class="badge {escape(p.status_class)}">'  # type: ignore[union-attr]
        f"{escape(str(p.get_status_display()))}</span>"
        f"{BADGES.get(p.badge, '')}"  # type: ignore[union-attr]
    )


@register.simple_tag
def petition_rows(rows: Iterable[ListedPetition]) -> SafeString:
    """One `<tr>` per row of the list (selectors.ListedPetition, or a Petition: the same
    attributes), each with the `url`, `badge` and `status_class` the view
    (views_cases.petition_list) set on it."""
    out: list[str] = []
    add = out.append
    for p in rows:
        unit = p.handling_unit
        village = p.village.name if p.village else ""
        add(
            f'\n<tr>\n  <td class="dv-stack-title"><a href="{escape(p.url)}">'
            f"Số {escape(p.code)}: {escape(truncatechars(p.subject, 120))}</a>"
            + (f'<div class="small text-body-secondary">{escape(unit.label)}</div>' if unit else "")
            + f'</td>\n  <td data-label="Loại">{_kind(p)}</td>\n'
            f'  <td data-label="Ngày nhận">{dmy(p.received_on)}</td>\n'
            f'  <td data-label="Người gửi">{_sender(p)}</td>\n'
            f'  <td data-label="Thôn">{escape(village) if village else "—"}</td>\n'
            f'  <td data-label="Hạn xử lý">{dmy(p.due_on) or "—"}</td>\n'
            f'  <td data-label="Tình trạng">{_status(p)}</td>\n</tr>\n'
        )
    return mark_safe("".join(out))  # every value above is escaped


@register.simple_tag
def province_rows(rows: Iterable[ListedPetition]) -> SafeString:
    """One `<tr>` per petition of the province's book (no petitioner, no link to the case),
    each with the `badge` and `status_class` the view (views_province) set on it."""
    out: list[str] = []
    add = out.append
    for p in rows:
        commune = p.commune.label if p.commune else ""
        add(
            f'\n<tr>\n  <td class="dv-stack-title">'
            f"Số {escape(p.code)}: {escape(truncatechars(p.subject, 120))}</td>\n"
            f'  <td data-label="Xã">{escape(commune)}</td>\n'
            f'  <td data-label="Loại">{_kind(p)}</td>\n'
            f'  <td data-label="Ngày nhận">{dmy(p.received_on)}</td>\n'
            f'  <td data-label="Hạn xử lý">{dmy(p.due_on) or "—"}</td>\n'
            f'  <td data-label="Tình trạng">{_status(p)}</td>\n</tr>\n'
        )
    return mark_safe("".join(out))  # every value above is escaped


def _rate(r: Row) -> str:
    rate = r.rate
    return "—" if rate is None else f"{rate}%"


@register.simple_tag
def stats_rows(rows: Iterable[Row], total: Row | None = None) -> SafeString:
    """The body of a statistics table (stats_table.html): one `<tr>` per row, then the total's
    line if there is one. The numbers are ints, written as the engine writes them."""
    out: list[str] = []
    add = out.append
    for r in rows:
        overdue = f'<strong class="dv-danger">{r.overdue}</strong>' if r.overdue else "0"
        add(
            f'\n<tr>\n  <td class="dv-stack-title">{escape(r.label)}</td>\n'
            f'  <td data-label="Tổng số">{r.total}</td>\n'
            f'  <td data-label="Đang xử lý">{r.open}</td>\n'
            f'  <td data-label="Quá hạn">{overdue}</td>\n'
            f'  <td data-label="Đã giải quyết">{r.resolved}</td>\n'
            f'  <td data-label="Hướng dẫn, chuyển, trả, lưu">{r.routed}</td>\n'
            f'  <td data-label="Đúng hạn">{r.on_time}</td>\n'
            f'  <td data-label="Tỷ lệ đúng hạn">{_rate(r)}</td>\n</tr>\n'
        )
    add("\n")
    if total:
        add(
            f'<tr class="fw-semibold">\n  <td class="dv-stack-title">{escape(total.label)}</td>\n'
            f'  <td data-label="Tổng số">{total.total}</td>\n'
            f'  <td data-label="Đang xử lý">{total.open}</td>\n'
            f'  <td data-label="Quá hạn">{total.overdue}</td>\n'
            f'  <td data-label="Đã giải quyết">{total.resolved}</td>\n'
            f'  <td data-label="Hướng dẫn, chuyển, trả, lưu">{total.routed}</td>\n'
            f'  <td data-label="Đúng hạn">{total.on_time}</td>\n'
            f'  <td data-label="Tỷ lệ đúng hạn">{_rate(total)}</td>\n</tr>'
        )
    return mark_safe("".join(out))  # every text above is escaped, the rest are ints
