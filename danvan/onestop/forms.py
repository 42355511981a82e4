"""The one-stop pages' forms (core.fields: one text policy, Vietnamese errors)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from danvan.core.fields import DayField, FileUpload, LongText, Text
from danvan.core.models import Unit
from danvan.onestop import reader
from danvan.onestop.models import Result

MISSING_SLIP = "missing_slip"


class UploadForm(forms.Form):
    # Not core.fields.FileUpload: a .csv is text, which the upload check (for evidence and
    # scans) refuses; the reader refuses what is neither .xlsx nor UTF-8 .csv, in Vietnamese.
    file = forms.FileField(
        label="Tệp danh sách hồ sơ (.xlsx hoặc .csv UTF-8)",
        error_messages=FileUpload.default_error_messages,
        help_text="Tệp xuất từ hệ thống một cửa của tỉnh; dòng tiêu đề cột có thể nằm dưới tên "
        "bảng.",
    )
    commune = forms.ModelChoiceField(queryset=Unit.objects.none(), label="Xã", empty_label=None)
    on = DayField(label="Tính kết quả đến ngày", future=True)

    def __init__(self, *args: Any, communes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["on"].initial = timezone.localdate()
        self.only = communes[0] if len(communes) == 1 else None
        if self.only is not None:
            self.fields["commune"].required = False
            self.fields["commune"].widget = forms.HiddenInput()

    def clean_commune(self) -> Any:
        return self.only or self.cleaned_data.get("commune")

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if f.size > settings.DANVAN_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"Tệp quá lớn (tối đa {filesizeformat(settings.DANVAN_MAX_UPLOAD_BYTES)}); hãy "
                "chia danh sách thành nhiều tệp."
            )
        return f


class ColumnsForm(forms.Form):
    """Which column holds which field, for a file whose headers were not all recognised."""

    token = forms.CharField(widget=forms.HiddenInput(), max_length=100)
    commune = forms.IntegerField(widget=forms.HiddenInput())
    on = forms.DateField(widget=forms.HiddenInput())

    def __init__(
        self, *args: Any, headers: list[str], found: dict[str, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "— không có cột này —")] + [
            (str(i), h or f"(cột {i + 1}, không tên)") for i, h in enumerate(headers)
        ]
        for name, label in reader.FIELDS.items():
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                required=name in reader.REQUIRED,
                empty_value=None,
                initial=found.get(name),
                error_messages={"required": "Hãy chọn cột chứa thông tin này."},
            )

    def chosen(self) -> dict[str, int]:
        return {
            n: self.cleaned_data[n] for n in reader.FIELDS if self.cleaned_data.get(n) is not None
        }


class FilterForm(forms.Form):
    result = forms.ChoiceField(
        label="Kết quả",
        required=False,
        choices=[("", "Tất cả"), *Result.choices, (MISSING_SLIP, "Quá hạn, chưa có phiếu xin lỗi")],
    )
    month = forms.DateField(
        label="Tháng tiếp nhận",
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": "Tháng không hợp lệ (năm-tháng, ví dụ 2026-03)."},
    )
    q = Text(label="Tìm mã hồ sơ, tên thủ tục", required=False, max_length=200)


class ApologyForm(forms.Form):
    reason = LongText("Lý do chậm trả kết quả", max_length=2000)
    new_due_on = DayField(label="Ngày hẹn trả mới", future=True)
    sent_on = DayField(label="Ngày gửi phiếu xin lỗi")
