"""Forms of the supervision pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.core.fields import DayField, LongText, Text
from danvan.core.models import Membership, Unit, User
from danvan.plans.forms import MultipleFileField
from danvan.supervision.models import Activity, Board, BoardMember, SubjectKind


class BoardForm(forms.Form):
    kind = forms.ChoiceField(label="Loại ban", choices=Board.Kind.choices)
    name = Text(label="Tên ban", max_length=200)
    organiser = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Mặt trận tổ chức, chỉ đạo",
        error_messages={"invalid_choice": "Chọn Ủy ban MTTQ của xã trong danh sách."},
    )
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn (nếu ban được bầu ở một thôn)",
        required=False,
        error_messages={"invalid_choice": "Chọn thôn trong danh sách."},
    )
    project = Text(label="Chương trình, dự án được giám sát", max_length=300, required=False)
    term_start = DayField(label="Nhiệm kỳ từ ngày", future=True)
    term_end = DayField(label="Nhiệm kỳ đến ngày", future=True, required=False)
    decision = Text(label="Quyết định, nghị quyết công nhận", max_length=200, required=False)

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(commune=commune, is_active=True)
        self.fields["organiser"].queryset = units.filter(kind=Unit.Kind.FRONT)
        self.fields["village"].queryset = units.filter(kind=Unit.Kind.VILLAGE)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", "Ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu.")
        return data


class MemberForm(forms.Form):
    full_name = Text(label="Họ và tên", max_length=120)
    role = forms.ChoiceField(label="Chức danh", choices=BoardMember.Role.choices)
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn",
        required=False,
        error_messages={"invalid_choice": "Chọn thôn trong danh sách."},
    )
    user = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Tài khoản để ghi kết quả giám sát (nếu có)",
        required=False,
        error_messages={"invalid_choice": "Chọn tài khoản trong danh sách."},
    )
    term_from = DayField(label="Từ ngày", future=True)
    term_to = DayField(label="Đến ngày", future=True, required=False)

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Unit.objects.filter(
            commune_id=board.commune_id, kind=Unit.Kind.VILLAGE, is_active=True
        )
        people = Membership.objects.filter(unit__commune_id=board.commune_id).values("user_id")
        self.fields["user"].queryset = User.objects.filter(pk__in=people, is_active=True).order_by(
            "full_name", "username"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("term_from"), data.get("term_to")
        if start and end and end < start:
            self.add_error("term_to", "Ngày kết thúc không được trước ngày bắt đầu.")
        return data


class ActivityForm(forms.Form):
    board = forms.ModelChoiceField(
        queryset=Board.objects.none(),
        label="Ban giám sát",
        error_messages={"invalid_choice": "Chọn ban mà bạn là thành viên."},
    )
    subject_kind = forms.ModelChoiceField(
        queryset=SubjectKind.objects.all(),
        label="Loại nội dung giám sát",
        error_messages={"invalid_choice": "Chọn loại nội dung trong danh sách."},
    )
    subject = Text(
        label="Nội dung giám sát",
        max_length=300,
        help_text="Ví dụ: Thi công đường bê tông thôn Hòa Bình; việc chi trả trợ cấp xã hội quý I.",
    )
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Địa bàn (thôn)",
        required=False,
        error_messages={"invalid_choice": "Chọn thôn trong danh sách."},
    )
    started_on = DayField(label="Từ ngày")
    ended_on = DayField(label="Đến ngày")
    method = forms.ChoiceField(label="Hình thức giám sát", choices=Activity.Method.choices)
    findings = LongText("Kết quả giám sát", rows=6)
    attachments = MultipleFileField(
        label="Biên bản, hình ảnh (PDF, ảnh, Word, Excel; tối đa 5 tệp)", required=False
    )

    def __init__(self, *args: Any, commune: Unit, boards: list[Board], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = Board.objects.filter(pk__in=[b.pk for b in boards])
        if len(boards) == 1:
            self.fields["board"].initial = boards[0]
        self.fields["village"].queryset = Unit.objects.filter(
            commune=commune, kind=Unit.Kind.VILLAGE, is_active=True
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", "Ngày kết thúc không được trước ngày bắt đầu.")
        return data


class FilesForm(forms.Form):
    attachments = MultipleFileField(label="Biên bản, hình ảnh (tối đa 5 tệp)")


class RecommendationForm(forms.Form):
    title = Text(label="Tóm tắt kiến nghị", max_length=300)
    content = LongText("Nội dung kiến nghị", rows=5)
    addressed_to = Text(label="Gửi đến", max_length=200, initial="Chủ tịch UBND xã")
    sent_on = DayField(label="Ngày gửi kiến nghị")


class AssignForm(forms.Form):
    owner_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị chủ trì giải quyết",
        error_messages={"invalid_choice": "Chọn đơn vị của xã trong danh sách."},
    )
    due_on = DayField(label="Hạn trả lời", future=True, required=False)

    def __init__(self, *args: Any, commune_id: int, rule_text: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = Unit.objects.filter(
            commune_id=commune_id, is_active=True
        ).exclude(kind=Unit.Kind.COMMUNE)
        self.fields["due_on"].help_text = rule_text


class AnswerForm(forms.Form):
    answered_by_body = Text(label="Cơ quan trả lời", max_length=200, initial="UBND xã")
    answered_on = DayField(label="Ngày trả lời")
    answer = LongText("Nội dung trả lời", rows=5)
    publish = forms.BooleanField(
        label="Công khai kiến nghị và trả lời trên trang công khai", required=False, initial=True
    )
    attachments = MultipleFileField(
        label="Văn bản trả lời (PDF, Word; tối đa 5 tệp)", required=False
    )
