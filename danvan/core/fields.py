"""Form fields every app uses, the portal's included, each refusing bad input in Vietnamese.

Django's own answers some input in English ("Null characters are not allowed.") or with a 500
(a date of year 99999); these do not. One text policy for every form: surrounding white space
is trimmed, invisible control characters (NUL and the like; not tab or line breaks) are dropped
rather than refusing the form, and the length limits speak Vietnamese. Uploads
are recognised by their content (core.uploads.check_upload), never by their name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import ModelChoiceIterator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.core.uploads import check_upload

UNREADABLE_NAME = (
    "Tên tệp “{name}” không đọc được (có ký tự không phải chữ Unicode); "
    "hãy đổi tên tệp rồi gửi lại."
)
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


def check_day(day: date | None, what: str, *, past: bool = False) -> None:
    """A service's check of a day it was given: within the years the product counts (as
    DayField's), and with `past` not after today; `what` names it in the message."""
    if day is None:
        return
    if not EARLIEST <= day <= LATEST:
        raise DomainError(f"{what} phải nằm trong khoảng từ năm 2000 đến năm 2100.")
    if past and day > timezone.localdate():
        raise DomainError(f"{what} không được sau hôm nay.")


class Text(forms.CharField):
    """A text field under the one text policy (see the module's docstring)."""

    default_error_messages = {
        "max_length": "Tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d).",
        "min_length": "Cần ít nhất %(limit_value)d ký tự (bạn đã nhập %(show_value)d).",
    }

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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FileUpload(forms.FileField):
    """One file, recognised by its content; `mimes` narrows what is accepted (a citizen's
    evidence is a scan or a photo)."""

    default_error_messages = {
        "invalid": "Tệp gửi lên không đọc được.",
        "missing": "Không nhận được tệp.",
        "empty": "Tệp gửi lên trống.",
        "max_length": "Tên tệp quá dài.",
        "required": "Vui lòng đính kèm tệp.",
    }

    def __init__(self, *args: Any, mimes: set[str] | None = None, **kwargs: Any) -> None:
        self.mimes = mimes
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        f = super().clean(data, initial)
        if f:
            check_file(f, self.mimes)
        return f


class FileUploads(forms.FileField):
    """Up to `most` files at once, each recognised by its content, together at most `total`
    bytes (None: no bound but each file's); every bad file is named."""

    widget = MultipleFileInput
    default_error_messages = {
        **FileUpload.default_error_messages,
        "too_many": "Chỉ đính kèm tối đa %(most)d tệp.",
        "too_much": (
            "Các tệp đính kèm có tổng dung lượng %(size)s, vượt quá %(total)s cho một lần gửi. "
            "Vui lòng bớt tệp hoặc chụp, quét với độ phân giải thấp hơn."
        ),
    }

    def __init__(
        self,
        *args: Any,
        most: int = 5,
        mimes: set[str] | None = None,
        total: int | None = None,
        **kwargs: Any,
    ):
        self.most = most
        self.mimes = mimes
        self.total = total
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > self.most:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"most": self.most}
            )
        size = sum(f.size or 0 for f in files)
        if self.total is not None and size > self.total:
            raise ValidationError(
                self.error_messages["too_much"],
                code="too_much",
                params={"size": filesizeformat(size), "total": filesizeformat(self.total)},
            )
        errors: list[str] = []
        for f in files:
            try:
                check_file(f, self.mimes)
            except ValidationError as e:
                errors.extend(e.messages)
        if errors:
            raise ValidationError(errors)
        return files


def check_file(f: UploadedFile, mimes: set[str] | None = None) -> str:
    """One upload checked: a name that is text, not empty, within the size limit, of an
    accepted content type."""
    if not readable_name(f.name or ""):
        raise ValidationError(UNREADABLE_NAME.format(name=shown_name(f.name or "")))
    if not f.size:
        raise ValidationError(f"Tệp “{f.name}” trống.")
    mime = check_upload(f)
    if mimes is not None and mime not in mimes:
        raise ValidationError(f"Tệp “{f.name}” không đúng định dạng cho phép ({_names(mimes)}).")
    return mime


def readable_name(name: str) -> bool:
    """Whether a file name is text: not bytes that were not UTF-8, which reach us as lone
    surrogates (os.fsdecode, core.middleware.unreadable_file_names) or as U+FFFD (a browser's
    or Django's replacement for what it could not decode)."""
    return "\ufffd" not in name and not any("\ud800" <= c <= "\udfff" for c in name)


def shown_name(name: str) -> str:
    """A name that cannot be shown as it is, with what could not be read as “?”."""
    return "".join("?" if "\ud800" <= c <= "\udfff" else c for c in name).replace("\ufffd", "?")


def _names(mimes: set[str]) -> str:
    return ", ".join(sorted(m.rsplit("/", 1)[-1].upper() for m in mimes))


class ReadChoices(ModelChoiceIterator):
    """The choices of every model choice field (CoreConfig.ready installs it on Django's
    ModelChoiceField): the list read in one query, afresh each time it is asked for, as Django's
    own does, but not through `QuerySet.iterator()`, which on PostgreSQL declares a server-side
    cursor for a few dozen units or kinds (DECLARE, FETCH and CLOSE: 1.2 ms more per field).
    A queryset with prefetched relations is read as Django reads it."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        if not queryset._prefetch_related_lookups:  # type: ignore[attr-defined]
            queryset = queryset.all()
        for obj in queryset:
            yield self.choice(obj)
