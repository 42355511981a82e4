"""Forms of the voters' pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.core.fields import DayField, FileUploads, LongText, Text
from danvan.core.models import Unit
from danvan.voters.models import Field, Outcome, VoterMeeting


def _villages(commune_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(commune_id=commune_id, kind=Unit.Kind.VILLAGE, is_active=True)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label="Hình thức tiếp xúc",
        choices=VoterMeeting.Kind.choices,
        error_messages={"invalid_choice": "Chọn hình thức tiếp xúc trong danh sách."},
    )
    session_label = Text(
        label="Kỳ họp HĐND liên quan",
        max_length=200,
        required=False,
        help_text="Ví dụ: Kỳ họp thứ 5 HĐND xã khóa I.",
    )
    session_on = DayField(label="Ngày khai mạc kỳ họp", future=True, required=False)
    topic = Text(label="Chuyên đề (nếu theo chuyên đề)", max_length=300, required=False)
    held_on = DayField(label="Ngày tiếp xúc")
    place = Text(label="Địa điểm", max_length=200)
    villages = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn có cử tri dự",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Chọn thôn trong danh sách."},
    )
    chaired_by = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Mặt trận chủ trì",
        error_messages={"invalid_choice": "Chọn Ủy ban MTTQ của xã trong danh sách."},
    )
    delegates = LongText("Đại biểu HĐND dự (mỗi dòng một người)", rows=3, max_length=2000)
    voters_count = forms.IntegerField(
        label="Số cử tri dự",
        min_value=0,
        max_value=100000,
        error_messages={
            "invalid": "Nhập số cử tri bằng chữ số.",
            "min_value": "Số cử tri không được âm.",
            "max_value": "Số cử tri quá lớn.",
        },
    )
    attachments = FileUploads(
        label="Biên bản hội nghị (PDF, Word, ảnh; tối đa 5 tệp)", required=False
    )

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(commune=commune, is_active=True)
        fronts = units.filter(kind=Unit.Kind.FRONT)
        self.fields["chaired_by"].queryset = fronts
        if len(fronts) == 1:
            self.fields["chaired_by"].initial = fronts[0].pk
        self.fields["villages"].queryset = _villages(commune.pk)


class FilesForm(forms.Form):
    attachments = FileUploads(label="Biên bản, tài liệu (tối đa 5 tệp)")


class RecommendationForm(forms.Form):
    content = LongText("Nội dung kiến nghị", rows=4)
    field = forms.ChoiceField(
        label="Lĩnh vực",
        choices=Field.choices,
        error_messages={"invalid_choice": "Chọn lĩnh vực trong danh sách."},
    )
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn",
        required=False,
        error_messages={"invalid_choice": "Chọn thôn trong danh sách."},
    )

    def __init__(self, *args: Any, commune_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages(commune_id)


class AssignForm(forms.Form):
    owner_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị giải quyết",
        error_messages={"invalid_choice": "Chọn đơn vị của xã trong danh sách."},
    )
    due_on = DayField(label="Hạn giải quyết, trả lời cử tri", future=True)

    def __init__(self, *args: Any, commune_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = Unit.objects.filter(
            commune_id=commune_id, is_active=True
        ).exclude(kind__in=[Unit.Kind.COMMUNE, Unit.Kind.VILLAGE, Unit.Kind.PROVINCE])


class ForwardForm(forms.Form):
    receiving_body = Text(
        label="Cơ quan nhận",
        max_length=200,
        initial="Thường trực HĐND tỉnh",
        help_text="Cơ quan cấp tỉnh hoặc trung ương (không còn cấp huyện từ 01/07/2025).",
    )
    forwarded_on = DayField(label="Ngày chuyển")
    chase_on = DayField(
        label="Đôn đốc nếu chưa có trả lời từ ngày",
        future=True,
        help_text=(
            "Chưa tìm thấy quy định về thời hạn trả lời kiến nghị cử tri: văn phòng tự ấn định "
            "ngày đôn đốc."
        ),
    )


class AnswerForm(forms.Form):
    answered_on = DayField(label="Ngày nhận trả lời")
    outcome = forms.ChoiceField(
        label="Kết quả",
        choices=Outcome.choices,
        error_messages={"invalid_choice": "Chọn kết quả trong danh sách."},
    )
    roadmap_due = DayField(label="Thời hạn hoàn thành theo lộ trình", future=True, required=False)
    answer = LongText("Nội dung trả lời", rows=4)
    attachments = FileUploads(label="Văn bản trả lời (tối đa 5 tệp)", required=False)
