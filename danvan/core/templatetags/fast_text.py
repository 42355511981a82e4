"""`truncatechars` as Django's, without looking at every character of a text that has no
combining marks: Django walks the text a character at a time (unicodedata for each) and a list of
25 duties took a tenth of its page in it. A built-in of the template engine (settings.TEMPLATES),
so it replaces Django's filter of the same name everywhere; tested equal to Django's on any text.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import template
from django.template.defaultfilters import stringfilter
from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length

register = template.Library()


@register.filter(is_safe=True)
@stringfilter
def truncatechars(value: str, arg: Any) -> str:
    try:
        length = int(arg)
    except ValueError:  # invalid literal for int(): fail silently, as Django's does
        return value
    if length <= 0:
        return ""
    text = unicodedata.normalize("NFC", value)
    if len(text) <= length:  # combining marks count for nothing: no cut needed
        return text
    head = text[: length + 1]
    if any(map(unicodedata.combining, head)):  # in C, no Python call per character
        return Truncator(value).chars(length)
    return add_truncation_text(text[: calculate_truncate_chars_length(length, None)], None)
