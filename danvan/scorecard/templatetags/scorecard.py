"""`{{ value|points }}`: points as Vietnamese write them ("4,5", "10")."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def points(value: Decimal | str | None) -> str:
    if value is None or value == "":
        return ""
    number = Decimal(value).quantize(Decimal("0.01")).normalize()
    text = f"{number:f}"
    return text.replace(".", ",")
