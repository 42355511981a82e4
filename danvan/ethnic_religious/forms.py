"""Forms of the ethnic and religious pages: they check what a person typed; the rules are in
services."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.core.fields import DayField, LongText, Text
from danvan.core.models import Unit, User
from danvan.ethnic_religious.models import (
    ContactKind,
    Establishment,
    EstablishmentKind,
    EthnicGroup,
    KeyPerson,
    Religion,
    Standing,
)
from danvan.ethnic_religious.services import followers


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name())


def _choice(queryset: Any, label: str, what: str, **kwargs: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=queryset,
        label=label,
        error_messages={
            "required": f"Chọn {what}.",
            "invalid_choice": f"Chọn {what} trong danh sách.",
        },
        **kwargs,
    )


def _year(label: str, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1900,
        max_value=2100,
        error_messages={
            "invalid": "Nhập năm bằng số, ví dụ 2024.",
            "min_value": "Năm phải từ 1900 trở đi.",
            "max_value": "Năm phải trước 2100.",
            "required": f"Nhập {label.lower()}.",
        },
    )


class Placed(forms.Form):
    """The village and the follower, narrowed to the commune."""

    def __init__(self, *args: Any, commune_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Unit.objects.filter(
            commune_id=commune_id, kind=Unit.Kind.VILLAGE, is_active=True
        )
        self.fields["follower"].queryset = followers(commune_id)


INTERNAL_HELP = (
    "Đánh dấu nếu không được công khai danh sách: chỉ lãnh đạo, văn phòng UBND xã và cán bộ "
    "theo dõi xem được."
)


class PersonForm(Placed):
    full_name = Text(label="Họ và tên", max_length=120)
    birth_year = _year("Năm sinh", required=False)
    ethnic_group = _choice(EthnicGroup.objects.filter(active=True), "Dân tộc", "dân tộc")
    village = _choice(Unit.objects.none(), "Thôn, tổ dân phố", "thôn của xã")
    standing = _choice(Standing.objects.filter(active=True), "Thành phần", "thành phần")
    recognised_year = _year("Năm được công nhận")
    decision_number = Text(label="Số quyết định công nhận", max_length=60, required=False)
    decision_date = DayField(label="Ngày quyết định công nhận", required=False)
    recognised_until = _year("Công nhận đến năm", required=False)
    phone = Text(label="Điện thoại", max_length=20, required=False)
    follower = PersonChoice(
        queryset=User.objects.none(),
        label="Cán bộ theo dõi",
        required=False,
        error_messages={"invalid_choice": "Chọn cán bộ của xã trong danh sách."},
    )
    internal = forms.BooleanField(
        label="Nội bộ, không công khai danh sách", required=False, help_text=INTERNAL_HELP
    )
    note = LongText("Ghi chú", rows=2, required=False)


class PersonEditForm(PersonForm):
    status = forms.ChoiceField(
        label="Tình trạng",
        choices=KeyPerson.Status.choices,
        error_messages={"invalid_choice": "Chọn tình trạng trong danh sách."},
    )
    ended_on = DayField(label="Ngày thôi công nhận", required=False)
    end_reason = Text(label="Lý do thôi công nhận", max_length=300, required=False)


class ContactForm(forms.Form):
    on = DayField(label="Ngày tiếp xúc")
    kind = _choice(ContactKind.objects.filter(active=True), "Hình thức", "hình thức")
    made_by = PersonChoice(
        queryset=User.objects.none(),
        label="Người thực hiện",
        error_messages={
            "required": "Chọn người thực hiện.",
            "invalid_choice": "Chọn người của xã trong danh sách.",
        },
    )
    content = LongText("Nội dung", rows=3)
    raised = LongText("Ý kiến, kiến nghị của người có uy tín", rows=3, required=False)
    follow_up = LongText("Việc cần theo dõi, giải quyết", rows=2, required=False)
    petition_code = Text(
        label="Số đơn thư (nếu kiến nghị thành đơn)",
        max_length=20,
        required=False,
        help_text="Ví dụ 15/2026.",
    )

    def __init__(self, *args: Any, commune_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["made_by"].queryset = followers(commune_id)


class EstablishmentForm(Placed):
    name = Text(label="Tên cơ sở", max_length=200, help_text="Ví dụ: Chùa Hồng Phong.")
    kind = _choice(EstablishmentKind.objects.filter(active=True), "Loại cơ sở", "loại cơ sở")
    religion = _choice(
        Religion.objects.filter(active=True), "Tôn giáo, tín ngưỡng", "tôn giáo, tín ngưỡng"
    )
    village = _choice(Unit.objects.none(), "Thôn, tổ dân phố", "thôn của xã")
    address = Text(label="Địa chỉ", max_length=300, required=False)
    representative = Text(label="Người đại diện, trụ trì", max_length=200, required=False)
    legal_status = forms.ChoiceField(
        label="Tình trạng pháp lý",
        choices=Establishment.Legal.choices,
        error_messages={"invalid_choice": "Chọn tình trạng pháp lý trong danh sách."},
    )
    follower = PersonChoice(
        queryset=User.objects.none(),
        label="Cán bộ theo dõi",
        required=False,
        error_messages={"invalid_choice": "Chọn cán bộ của xã trong danh sách."},
    )
    internal = forms.BooleanField(
        label="Nội bộ, không công khai danh sách", required=False, help_text=INTERNAL_HELP
    )
    note = LongText("Ghi chú", rows=2, required=False)


class EventForm(forms.Form):
    name = Text(label="Tên sự kiện, lễ hội", max_length=200)
    on = DayField(label="Ngày diễn ra (dương lịch)", future=True)
    lunar = Text(
        label="Ngày âm lịch", max_length=40, required=False, help_text="Ví dụ: 15/1 âm lịch."
    )
    expected = forms.IntegerField(
        label="Số người dự kiến",
        required=False,
        min_value=0,
        max_value=1_000_000,
        error_messages={
            "invalid": "Nhập số người bằng số.",
            "min_value": "Số người không được âm.",
            "max_value": "Số người quá lớn.",
        },
    )
    notified_on = DayField(label="Ngày thông báo, đăng ký với UBND xã", required=False)
    note = LongText("Ghi chú", rows=2, required=False)
    outcome = LongText("Kết quả sau sự kiện", rows=3, required=False)
    outcome.help_text = "Ghi sau khi sự kiện diễn ra: số người dự, an ninh trật tự, việc phát sinh."
