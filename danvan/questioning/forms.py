"""Forms of the questioning pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.core.fields import DayField, FileUploads, LongText, Text
from danvan.core.models import Unit
from danvan.questioning.models import CouncilSession, Question


def _units(commune_id: int, *, questioned: bool) -> Any:
    """The units of the commune a question may be put to (the UBND itself and its offices), or
    that may carry out a pledge (any unit of the commune but the UBND itself and villages)."""
    units = Unit.objects.filter(commune_id=commune_id, is_active=True)
    if questioned:
        units = units.filter(kind__in=[Unit.Kind.COMMUNE, Unit.Kind.OFFICE])
    else:
        units = units.exclude(kind__in=[Unit.Kind.COMMUNE, Unit.Kind.VILLAGE])
    return units.order_by("kind", "name")


class SessionForm(forms.Form):
    term = Text(label="Khóa", max_length=40, initial="khóa I, nhiệm kỳ 2026–2031")
    number = forms.IntegerField(
        label="Kỳ họp thứ",
        min_value=1,
        max_value=99,
        error_messages={
            "invalid": "Nhập số thứ tự kỳ họp.",
            "min_value": "Số thứ tự kỳ họp từ 1 trở lên.",
            "max_value": "Số thứ tự kỳ họp tối đa 99.",
        },
    )
    kind = forms.ChoiceField(label="Loại kỳ họp", choices=CouncilSession.Kind.choices)
    title = Text(
        label="Tên kỳ họp (nếu có)",
        max_length=200,
        required=False,
        help_text="Ví dụ: Kỳ họp cuối năm 2026.",
    )
    opens_on = DayField(label="Ngày khai mạc", future=True)
    closes_on = DayField(label="Ngày bế mạc", future=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("opens_on"), data.get("closes_on")
        if start and end and end < start:
            self.add_error("closes_on", "Ngày bế mạc không được trước ngày khai mạc.")
        return data


class QuestionForm(forms.Form):
    delegate = Text(label="Đại biểu chất vấn (họ và tên)", max_length=120)
    constituency = Text(label="Đơn vị bầu cử", max_length=200, required=False)
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn (nếu chất vấn về một thôn)",
        required=False,
        error_messages={"invalid_choice": "Chọn thôn trong danh sách."},
    )
    respondent_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Cơ quan bị chất vấn",
        error_messages={"invalid_choice": "Chọn cơ quan của xã trong danh sách."},
        help_text="Chọn xã (UBND xã) khi chất vấn Chủ tịch, Phó Chủ tịch UBND xã.",
    )
    respondent_title = Text(
        label="Người bị chất vấn (chức danh)",
        max_length=120,
        help_text="Ví dụ: Chủ tịch UBND xã; Trưởng phòng Văn hóa - Xã hội.",
    )
    content = LongText("Nội dung chất vấn", rows=4)
    asked_on = DayField(label="Ngày chất vấn")
    mode = forms.ChoiceField(
        label="Hình thức trả lời",
        choices=Question.Mode.choices,
        help_text="Trả lời bằng văn bản: hạn 20 ngày kể từ ngày chất vấn (quy tắc chưa kiểm chứng).",
    )

    def __init__(self, *args: Any, commune_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["respondent_unit"].queryset = _units(commune_id, questioned=True)
        self.fields["village"].queryset = Unit.objects.filter(
            commune_id=commune_id, kind=Unit.Kind.VILLAGE, is_active=True
        )


class AnswerForm(forms.Form):
    answered_on = DayField(label="Ngày trả lời")
    answer = LongText("Nội dung trả lời", rows=5)
    attachments = FileUploads(
        label="Văn bản trả lời (PDF, Word, ảnh; tối đa 5 tệp)", required=False
    )


class PledgeForm(forms.Form):
    title = Text(label="Lời hứa (tóm tắt)", max_length=300)
    content = LongText("Nội dung lời hứa", rows=3, required=False)
    owner_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị thực hiện",
        error_messages={"invalid_choice": "Chọn đơn vị của xã trong danh sách."},
    )
    due_on = DayField(label="Hạn thực hiện", future=True)
    public = forms.BooleanField(
        label="Công khai trên trang “Chính quyền đã hứa — đã làm”", required=False, initial=True
    )
    internal_reason = Text(
        label="Lý do không công khai (nếu không công khai)", max_length=300, required=False
    )

    def __init__(self, *args: Any, commune_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = _units(commune_id, questioned=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("public") and not data.get("internal_reason"):
            self.add_error("internal_reason", "Lời hứa không công khai phải ghi lý do.")
        return data


class FiledForm(forms.Form):
    on = DayField(label="Ngày gửi báo cáo")
