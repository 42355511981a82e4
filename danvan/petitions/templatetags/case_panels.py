"""The case page's parts written in Python (cases_detail.html): `{% case_panels %}`, the
handling steps, written by petitions.case_panels with this request's CSRF field, and
`{% case_history history %}`, the case's history."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.template.base import render_value_in_context
from django.template.defaultfilters import date
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # not in the stubs

from danvan.core.models import AuditEntry
from danvan.petitions.case_panels import write_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def case_panels(context: template.Context) -> SafeString:
    csrf_input = CsrfTokenNode().render(context)
    written = write_panels(context["panels"], case_url=context["case_url"], csrf_input=csrf_input)
    # Every text in it is escaped, by write_panels or by the form renderer.
    return mark_safe(written)


@register.simple_tag(takes_context=True)
def case_history(context: template.Context, entries: Iterable[AuditEntry]) -> SafeString:
    """The case's history (cases_detail.html's "Nhật ký thay đổi"): what its loop over the
    entries and their changed fields wrote, each value through `render_value_in_context` as
    `{{ }}` does (local time, localization, autoescaping); tests/test_case_panels.py compares."""

    def show(value: object) -> str:
        return render_value_in_context(value, context)

    out: list[str] = []
    add = out.append
    for e in entries:
        text, changes = e.described()
        when = show(date(template_localtime(e.created_at, context.use_tz), "H:i d/m/Y"))
        add(
            f'\n    <li><span class="small text-body-secondary">{when} · '
            f"{show(e.actor or 'Hệ thống')}</span><br>{show(text)}\n      "
        )
        if changes:
            add('<ul class="small">')
            add("".join(f"<li>{show(label)}: {show(value)}</li>" for label, value in changes))
            add("</ul>")
        add("</li>\n  ")
    return mark_safe("".join(out) if out else "<li>Chưa có thay đổi.</li>")
