"""A plan's tree as HTML, rendered in Python: the same markup `plans/_node.html` wrote with a
template loop, without the engine's variable lookups, filters and localization for each of the
hundreds of tasks a plan lists (at 150 tasks, two thirds of the plan page's time went there).

Every text from the database goes through `html.escape`, as Django's autoescaping does (its
`escape` is `html.escape`); section text goes through `plan_text`, as the template did.
`test_plan_tree.py` checks the output equals the template this replaced, on hostile text.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from danvan.core.templatetags.fast_text import dmy, truncatechars
from danvan.plans.templatetags.plan_text import plan_text

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_rows(context: template.Context, rows: Iterable[tuple[str, Any, int]]) -> SafeString:
    """The rows of `Node.rows()`. Reads from the context, as the template did: `public` (the
    portal: titles whole, no links), `task_url` (the task pages' prefix), `show_text` and
    `footnote_href` (a section's text, its footnote marks linked there)."""
    public = bool(context.get("public"))
    task_url = escape(str(context.get("task_url") or ""))
    show_text = bool(context.get("show_text"))
    footnote_href = str(context.get("footnote_href") or "")
    out: list[str] = []
    add = out.append
    for kind, item, level in rows:
        if kind == "task":
            if public:
                add(f"\n  <li>{escape(item.title)}")
            else:
                title = escape(truncatechars(item.title, 160))
                add(f'\n  <li><a href="{task_url}{item.pk}/">{title}</a>')
            due = f" · hạn {dmy(item.next_due)}" if item.next_due else ""
            add(
                f'\n    <span class="small text-body-secondary">· {escape(item.lead_unit.label)}'
                f"{due} · {item.effective_percent}%</span>"
                f'\n    <span class="dv-status dv-status-{escape(item.status)}">'
                f"{escape(item.status_label)}</span></li>\n"
            )
        elif kind == "tasks":
            add('<ul class="dv-tasks">\n')
        elif kind == "end_tasks":
            add("</ul>\n")
        elif kind == "section":
            section = item.section
            path = escape(section.path)
            percent = item.percent
            add(
                f'<section class="dv-node" aria-labelledby="muc-{section.pk}">\n'
                f'  <h{level} class="dv-node-title" id="muc-{section.pk}">'
                f"{path + '. ' if section.path else ''}{escape(section.title)}\n    "
            )
            if percent is not None:
                add(f'<span class="dv-rollup">{percent}%</span>')
            add(f"</h{level}>\n  ")
            if percent is not None:
                add(
                    f'<progress class="dv-progress" max="100" value="{percent}" '
                    f'aria-label="Tiến độ mục {path}: {percent}%">{percent}%</progress>'
                )
            add("\n  ")
            if section.text and show_text:
                add(
                    '<details class="small"><summary>Nội dung mục</summary><div class="dv-text">'
                    f"{plan_text(section.text, footnote_href)}</div></details>"
                )
            add("\n")
        else:
            add("</section>\n")
    return mark_safe("".join(out))  # every value above is escaped
