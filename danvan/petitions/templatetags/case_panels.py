"""`{% case_panels %}`: the case page's handling steps (cases_detail.html), written by
petitions.case_panels with this request's CSRF field."""

from __future__ import annotations

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString, mark_safe

from danvan.petitions.case_panels import write_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def case_panels(context: template.Context) -> SafeString:
    csrf_input = CsrfTokenNode().render(context)
    written = write_panels(context["panels"], case_url=context["case_url"], csrf_input=csrf_input)
    # Every text in it is escaped, by write_panels or by the form renderer.
    return mark_safe(written)
