"""Forms of the promises' pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.core.fields import DayField, FileUploads, LongText, Text
from danvan.promises.models import Outcome


class ReportForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Kết quả",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Vui lòng chọn kết quả thực hiện.",
            "invalid_choice": "Kết quả đã chọn không có trong danh sách.",
        },
    )
    note = LongText("Kết quả thực hiện, nội dung giải trình", rows=4)
    on = DayField(label="Ngày có kết quả")
    roadmap_due = DayField(
        label="Thời hạn hoàn thành mới (khi đang thực hiện theo lộ trình)",
        future=True,
        required=False,
    )
    attachments = FileUploads(
        label="Tài liệu, hình ảnh minh chứng (PDF, ảnh, Word, Excel; tối đa 5 tệp)",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        roadmap = data.get("outcome") == Outcome.ROADMAP
        if roadmap and not data.get("roadmap_due") and "roadmap_due" not in self.errors:
            self.add_error(
                "roadmap_due", "Đang thực hiện theo lộ trình: vui lòng ghi thời hạn mới."
            )
        return data

    def service_data(self) -> dict[str, Any]:
        """The cleaned data under the names of services.promise_report."""
        data = dict(self.cleaned_data)
        data["files"] = data.pop("attachments") or ()
        if data["outcome"] != Outcome.ROADMAP:
            data["roadmap_due"] = None
        return data


class VisibilityForm(forms.Form):
    public = forms.TypedChoiceField(
        label="Trên trang công khai “Chính quyền đã hứa — đã làm”",
        choices=[("1", "Công khai"), ("0", "Không công khai (chỉ cán bộ xem)")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Vui lòng chọn công khai hay không.",
            "invalid_choice": "Lựa chọn không hợp lệ.",
        },
    )
    reason = Text(
        label="Lý do không công khai",
        max_length=300,
        required=False,
        help_text="Bắt buộc khi không công khai, ví dụ: liên quan đến an toàn của một người.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("public") is False and not data.get("reason"):
            self.add_error("reason", "Vui lòng ghi lý do không công khai cam kết này.")
        return data
