"""Forms of the supervision pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.core.access import members
from danvan.core.fields import DayField, FileUploads, LongText, Text
from danvan.core.models import Role, Unit, User
from danvan.supervision.models import Activity, Board, BoardMember, SubjectKind


def _village_field(label: str) -> forms.ModelChoiceField:
    """A village of the commune, optional; its choices are set by `_villages`."""
    return forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=label,
        required=False,
        error_messages={"invalid_choice": "Chọn thôn trong danh sách."},
    )


def _villages(commune_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(commune_id=commune_id, kind=Unit.Kind.VILLAGE, is_active=True)


class _PeriodForm(forms.Form):
    """A form with a first and a last day: the last may not come before the first."""

    period: tuple[str, str, str]  # first field, last field, the message on the last

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, last, message = self.period
        start, end = data.get(first), data.get(last)
        if start and end and end < start:
            self.add_error(last, message)
        return data


class BoardForm(_PeriodForm):
    period = (
        "term_start",
        "term_end",
        "Ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu.",
    )

    kind = forms.ChoiceField(label="Loại ban", choices=Board.Kind.choices)
    name = Text(label="Tên ban", max_length=200)
    organiser = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Mặt trận tổ chức, chỉ đạo",
        error_messages={"invalid_choice": "Chọn Ủy ban MTTQ của xã trong danh sách."},
    )
    village = _village_field("Thôn (nếu ban được bầu ở một thôn)")
    project = Text(label="Chương trình, dự án được giám sát", max_length=300, required=False)
    term_start = DayField(label="Nhiệm kỳ từ ngày", future=True)
    term_end = DayField(label="Nhiệm kỳ đến ngày", future=True, required=False)
    decision = Text(label="Quyết định, nghị quyết công nhận", max_length=200, required=False)

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(commune=commune, is_active=True)
        self.fields["organiser"].queryset = units.filter(kind=Unit.Kind.FRONT)
        self.fields["village"].queryset = _villages(commune.pk)


class MemberForm(_PeriodForm):
    period = ("term_from", "term_to", "Ngày kết thúc không được trước ngày bắt đầu.")

    full_name = Text(label="Họ và tên", max_length=120)
    role = forms.ChoiceField(label="Chức danh", choices=BoardMember.Role.choices)
    village = _village_field("Thôn")
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
        self.fields["village"].queryset = _villages(board.commune_id)
        people = members(*Role.values, commune_id=board.commune_id)
        self.fields["user"].queryset = people.order_by("full_name", "username")


class ActivityForm(_PeriodForm):
    period = ("started_on", "ended_on", "Ngày kết thúc không được trước ngày bắt đầu.")

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
    village = _village_field("Địa bàn (thôn)")
    started_on = DayField(label="Từ ngày")
    ended_on = DayField(label="Đến ngày")
    method = forms.ChoiceField(label="Hình thức giám sát", choices=Activity.Method.choices)
    findings = LongText("Kết quả giám sát", rows=6)
    attachments = FileUploads(
        label="Biên bản, hình ảnh (PDF, ảnh, Word, Excel; tối đa 5 tệp)", required=False
    )

    def __init__(self, *args: Any, commune: Unit, boards: list[Board], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = Board.objects.filter(pk__in=[b.pk for b in boards])
        if len(boards) == 1:
            self.fields["board"].initial = boards[0]
        self.fields["village"].queryset = _villages(commune.pk)


class FilesForm(forms.Form):
    attachments = FileUploads(label="Biên bản, hình ảnh (tối đa 5 tệp)")


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
    received_on = DayField(
        label="Ngày UBND xã nhận được kiến nghị",
        required=False,
        help_text="Để trống nếu nhận ngay ngày ban gửi; hạn theo quy định tính từ ngày này.",
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
    attachments = FileUploads(label="Văn bản trả lời (PDF, Word; tối đa 5 tệp)", required=False)
