"""The rows of the task list and of the dashboard's overdue table as HTML, rendered in Python:
the same markup the template loops wrote, without the engine's lookups, filters and number
localization for each cell of 20-25 rows (the loop was most of the list's template time).

Every text from the database goes through `html.escape`, as Django's autoescaping does.
`tests/test_fast_reads.py` checks the output equals the template loop this replaced.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from danvan.core.templatetags.fast_text import dmy, truncatechars
from danvan.plans.selectors import ListedTask

register = template.Library()


@register.simple_tag(takes_context=True)
def task_list_rows(context: template.Context, rows: Iterable[ListedTask]) -> SafeString:
    """One `<tr>` per row; `task_url` (the task pages' prefix) from the context."""
    task_url = escape(str(context.get("task_url") or ""))
    out: list[str] = []
    add = out.append
    for t in rows:
        due = dmy(t.next_due) if t.next_due else "—"
        add(
            f'\n<tr>\n  <td class="dv-stack-title"><a href="{task_url}{t.pk}/">'
            f"{escape(truncatechars(t.title, 140))}</a>"
            f'<div class="small text-body-secondary">{escape(truncatechars(t.plan_title, 80))}'
            f"</div></td>\n"
            f'  <td data-label="Chủ trì">{escape(t.lead_label)}</td>\n'
            f'  <td data-label="Hạn gần nhất">{due}</td>\n'
            f'  <td data-label="Tiến độ">{t.effective_percent}%</td>\n'
            f'  <td data-label="Trạng thái"><span class="dv-status dv-status-{escape(t.status)}">'
            f"{escape(t.status_label)}</span>\n</td>\n</tr>\n"
        )
    return mark_safe("".join(out))  # every value above is escaped


@register.simple_tag(takes_context=True)
def overdue_rows(context: template.Context, rows: Iterable[ListedTask]) -> SafeString:
    """The dashboard's overdue tasks, one `<tr>` each; `task_url` from the context."""
    task_url = escape(str(context.get("task_url") or ""))
    return mark_safe(  # every value below is escaped
        "".join(
            f'<tr><td class="dv-stack-title"><a href="{task_url}{t.pk}/">'
            f"{escape(truncatechars(t.title, 120))}</a></td>"
            f'<td data-label="Chủ trì">{escape(t.lead_label)}</td>'
            f'<td data-label="Hạn">{dmy(t.next_due) if t.next_due else ""}</td>'
            f'<td data-label="Tiến độ">{t.effective_percent}%</td></tr>'
            for t in rows
        )
    )
