"""A plan's text as the document shows it: paragraphs, and footnote marks ("[^3]", as the
parser keeps them) as superscript numbers linked to the footnote."""

from __future__ import annotations

import re

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_MARK_RE = re.compile(r"\[\^(\d{1,3})\]")


@register.filter
def plan_text(text: str, href: str = "") -> SafeString:
    """Escaped paragraphs; each footnote mark a superscript, a link to `href` + its number
    ("#chu-thich-3") when the page lists the footnotes, plain otherwise."""

    def mark(m: re.Match[str]) -> str:
        n = m.group(1)
        if not href:
            return f"<sup>{n}</sup>"
        return f'<sup><a href="{href}{n}" aria-label="Chú thích {n}">{n}</a></sup>'

    # The marks survive escaping unchanged ("[", "^", "]" are not escaped).
    return mark_safe(_MARK_RE.sub(mark, linebreaks_filter(text or "", autoescape=True)))


@register.filter
def without_marks(text: str) -> str:
    """The text without its footnote marks (a title, a list)."""
    return _MARK_RE.sub("", text or "")
