"""Forms of the disclosure register: what a person typed (required, lengths, real dates); the
law's order of things is checked in disclosures.services and shown on the same form."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django import forms

from danvan.core.fields import DayField, FileUpload, Text
from danvan.core.models import Unit
from danvan.core.uploads import ALLOWED
from danvan.disclosures.models import Category, Channel
from danvan.disclosures.rules import WARNING_LABELS

QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")


class DisclosureForm(forms.Form):
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(),
        label="Nội dung phải công khai (Điều 11)",
        empty_label="— Chọn —",
        error_messages={"invalid_choice": "Chọn một nội dung trong danh sách."},
    )
    title = Text(label="Tiêu đề", max_length=300)
    content = Text(
        label="Nội dung công khai", max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )
    document_ref = Text(label="Số, ký hiệu văn bản", max_length=120, required=False)
    decided_on = DayField(label="Ngày ban hành, phê duyệt văn bản")
    responsible_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị chịu trách nhiệm",
        empty_label=None,
        error_messages={"invalid_choice": "Chọn một đơn vị trong danh sách."},
    )
    start_days_override = forms.IntegerField(
        label="Thời hạn bắt đầu theo luật chuyên ngành (ngày làm việc)",
        required=False,
        min_value=0,
        max_value=365,
        error_messages={
            "min_value": "Thời hạn không được âm.",
            "max_value": "Thời hạn tối đa 365 ngày làm việc.",
            "invalid": "Thời hạn là một số nguyên.",
        },
        help_text="Để trống để áp dụng 05 ngày làm việc (Luật THDCCS 2022, Điều 12 khoản 3).",
    )
    override_basis = Text(
        label="Căn cứ của thời hạn khác",
        max_length=300,
        required=False,
        help_text="Ví dụ: Luật Đất đai 2024, Điều …",
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = Unit.objects.filter(
            pk__in=[u.pk for u in units]
        ).order_by("kind", "name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_days_override") is not None and not data.get("override_basis"):
            self.add_error("override_basis", "Ghi căn cứ pháp lý của thời hạn khác.")
        return data


class CreateForm(DisclosureForm):
    document_title = Text(label="Tên tài liệu đính kèm", max_length=200, required=False)
    document = FileUpload(label="Tài liệu (văn bản được công khai)", required=False)
    document_public = forms.BooleanField(
        label="Cho người dân tải tài liệu này trên cổng thông tin", required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = f"Định dạng: {ALLOWED}."

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("document") and not data.get("document_title"):
            data["document_title"] = (data["document"].name or "Tài liệu")[:200]
        return data


class DocumentForm(forms.Form):
    prefix = "tl"
    title = Text(label="Tên tài liệu", max_length=200)
    file = FileUpload(label="Tệp")
    public = forms.BooleanField(
        label="Cho người dân tải tài liệu này trên cổng thông tin", required=False, initial=True
    )


class PostingForm(forms.Form):
    prefix = "cv"
    channel = forms.ModelChoiceField(
        queryset=Channel.objects.filter(is_active=True),
        label="Hình thức công khai",
        empty_label="— Chọn —",
        error_messages={"invalid_choice": "Chọn một hình thức trong danh sách."},
    )
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn, tổ dân phố",
        required=False,
        empty_label="— Cả xã —",
        error_messages={"invalid_choice": "Chọn một thôn trong danh sách."},
    )
    start_on = DayField(label="Ngày bắt đầu")
    end_on = DayField(label="Ngày kết thúc", required=False, future=True)
    posted_by_name = Text(
        label="Người thực hiện niêm yết, thông báo", max_length=120, required=False
    )
    proof = FileUpload(label="Minh chứng (ảnh chụp, biên bản niêm yết)", required=False)
    note = Text(label="Ghi chú", max_length=500, required=False)

    def __init__(
        self, *args: Any, channels: Any = None, villages: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if channels is not None:
            self.fields["channel"].queryset = channels
        self.fields["village"].queryset = villages if villages is not None else Unit.objects.none()
        self.fields[
            "end_on"
        ].help_text = (
            "Để trống khi đang niêm yết; nội dung niêm yết thường xuyên không có ngày kết thúc."
        )
        self.fields["proof"].help_text = f"Định dạng: {ALLOWED}."


class PostingUpdateForm(forms.Form):
    end_on = DayField(label="Ngày kết thúc", required=False, future=True)
    proof = FileUpload(label="Thêm minh chứng (ảnh, biên bản)", required=False)


class ReviewForm(forms.Form):
    prefix = "rs"
    on = DayField(label="Ngày rà soát")
    note = Text(label="Ghi chú", max_length=300, required=False)


class WithdrawForm(forms.Form):
    prefix = "gb"
    on = DayField(label="Ngày gỡ bỏ")
    reason = Text(label="Lý do gỡ bỏ", max_length=300)


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_bounds(value: str) -> tuple[date, date] | None:
    m = QUARTER_RE.match(value or "")
    if not m:
        return None
    year, q = int(m.group(1)), int(m.group(2))
    if not 2000 <= year <= 2100:
        return None
    start = date(year, 3 * q - 2, 1)
    end = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    return start, end - timedelta(days=1)


def quarter_choices(today: date) -> list[tuple[str, str]]:
    out = [("", "Tất cả")]
    y, q = today.year, (today.month - 1) // 3 + 1
    for _ in range(8):
        out.append((f"{y}-Q{q}", f"Quý {q}/{y}"))
        q -= 1
        if q == 0:
            y, q = y - 1, 4
    return out


class FilterForm(forms.Form):
    quy = forms.ChoiceField(label="Quý", required=False)
    linh_vuc = forms.ModelChoiceField(
        queryset=Category.objects.all(), label="Nội dung", required=False, empty_label="Tất cả"
    )
    canh_bao = forms.ChoiceField(
        label="Cảnh báo",
        required=False,
        choices=[("", "Tất cả"), ("any", "Có cảnh báo"), *WARNING_LABELS.items()],
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quy"].choices = quarter_choices(today)
