"""Form fields every app uses, each refusing bad input with a Vietnamese message.

Django's own answers some input in English ("Null characters are not allowed.") or with a 500
(a date of year 99999); these do not.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


class Text(forms.CharField):
    """A text field that drops invisible control characters (NUL and the like) instead of
    refusing the whole form in English."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.validators = [
            v for v in self.validators if type(v).__name__ != "ProhibitNullCharactersValidator"
        ]

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        return _CONTROL.sub("", text) if text else text


def LongText(label: str, *, required: bool = True, rows: int = 3, max_length: int = 10000) -> Text:
    return Text(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class DayField(forms.DateField):
    """A date that exists, from 2000 to 2100, and — for a legal event that has happened, the
    default — not after today (`future=True` allows it: a meeting, a deadline)."""

    widget = DATE_WIDGET
    default_error_messages = {
        "invalid": "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm.",
        "required": "Vui lòng nhập ngày.",
    }

    def __init__(self, *args: Any, future: bool = False, **kwargs: Any) -> None:
        self.future = future
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> date | None:
        try:
            return super().to_python(value)
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value: date | None) -> None:
        super().validate(value)
        if value is None:
            return
        if not EARLIEST <= value <= LATEST:
            raise ValidationError("Ngày phải từ năm 2000 đến năm 2100.")
        if not self.future and value > timezone.localdate():
            raise ValidationError("Ngày không được sau hôm nay.")
