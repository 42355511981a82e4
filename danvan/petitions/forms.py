"""Forms of the officers' pages: reception register, petition intake, each handling step, filters.

Forms only check what a person typed (required, lengths, dates that exist, not in the future);
the law's order of steps is checked once, in petitions.services, and its DomainError is shown
on the same form.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.access import members
from danvan.core.fields import DATE_WIDGET, EARLIEST, DayField, LongText, Text
from danvan.core.models import Membership, Role, Unit, User
from danvan.petitions.models import Petition, PetitionEvent, PetitionKind, ReceptionSession, Visit
from danvan.petitions.services import handler_seats

HANDLER_ROLES = (Role.LEADER, Role.OFFICER)
CODE_RE = re.compile(r"^\s*(\d{1,7})\s*/\s*(\d{4})\s*$")


def headcount(label: str) -> forms.IntegerField:
    """How many people (who came, who signed): 1 to 10.000, each refusal naming the field."""
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=10000,
        initial=1,
        error_messages={
            "min_value": f"{label} từ 1 trở lên.",
            "max_value": f"{label} tối đa 10.000.",
            "invalid": f"{label} là một số nguyên.",
        },
    )


def commune_members(commune: Unit, roles: tuple[str, ...] = HANDLER_ROLES) -> QuerySet[User]:
    """People who may host a reception or handle a case: leaders and officers of the commune."""
    return members(*roles, commune_id=commune.pk).order_by("full_name", "username")


# --- reception register -------------------------------------------------------------------


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label="Hình thức tiếp", choices=ReceptionSession.Kind.choices)
    held_on = DayField(label="Ngày tiếp", future=True)
    host = forms.ModelChoiceField(queryset=User.objects.none(), label="Người chủ trì tiếp")
    place = Text(label="Địa điểm", max_length=200, initial="Trụ sở tiếp công dân xã")
    note = LongText("Ghi chú", required=False, rows=2, max_length=2000)

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = commune_members(commune)
        self.fields["host"].help_text = (
            "Buổi tiếp định kỳ của Chủ tịch do lãnh đạo UBND xã chủ trì "
            "(Luật Tiếp công dân 2013, Điều 15)."
        )


class VisitForm(forms.Form):
    """One line of the register, with the columns of form 03/TCD."""

    visited_on = DayField(label="Ngày tiếp")
    kind = forms.ChoiceField(label="Phân loại", choices=PetitionKind.choices)
    name = Text(label="Họ tên người đến", max_length=120, required=False)
    address = Text(label="Địa chỉ", max_length=300, required=False)
    id_number = Text(label="Số CCCD/CMND", max_length=20, required=False)
    phone = Text(label="Điện thoại", max_length=20, required=False)
    content = LongText("Nội dung vụ việc", rows=4)
    people = headcount("Số người")
    representatives = LongText(
        "Người đại diện (đoàn đông người)", required=False, rows=2, max_length=1000
    )
    handled_before = Text(label="Cơ quan đã giải quyết", max_length=300, required=False)
    competent = forms.BooleanField(label="Thuộc thẩm quyền của xã", required=False, initial=True)
    guidance = LongText("Hướng dẫn, trả lời", required=False, rows=2)
    forwarded_to = Text(label="Chuyển đơn đến", max_length=300, required=False)
    accepted_by = Text(label="Nhận đơn, thụ lý", max_length=300, required=False)
    follow_up = LongText("Theo dõi kết quả", required=False, rows=2)
    note = LongText("Ghi chú", required=False, rows=2, max_length=2000)
    open_petition = forms.BooleanField(
        label="Vào sổ đơn thư ngay (mở hồ sơ đơn từ lượt tiếp này)", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["representatives"].help_text = _representatives_help()
        self.fields["name"].help_text = (
            "Với tố cáo, họ tên, địa chỉ, số CCCD và điện thoại không ghi vào sổ mà được mã "
            "hóa; họ tên, số điện thoại viết trong các ô nội dung được lược bỏ (Luật Tố cáo "
            "2018, Điều 8 khoản 3, Điều 47)."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") != PetitionKind.DENUNCIATION and not (data.get("name") or "").strip():
            self.add_error("name", "Cần ghi họ tên người đến.")
        return data


# --- petitions ----------------------------------------------------------------------------


def _representatives_help() -> str:
    """The group-of-five rule as the LawRule rows say it today."""
    from danvan.core.errors import DomainError
    from danvan.petitions import rules

    try:
        size, up_to = rules.group_size(), rules.number(rules.Code.SMALL_GROUP_UP_TO)
        small = rules.number(rules.Code.SMALL_GROUP_REPRESENTATIVES)
        large = rules.number(rules.Code.LARGE_GROUP_REPRESENTATIVES)
        source = rules.rule_on(rules.Code.GROUP_SIZE).source
    except DomainError as e:
        return e.message
    return (
        f"Mỗi người một dòng: họ tên, địa chỉ. Đoàn từ {size} đến {up_to} người cử không quá "
        f"{small} người đại diện; trên {up_to} người không quá {large} người ({source})."
    )


def _second_complaint_help() -> str:
    """Where a second-instance complaint goes (the LawRule row), said before it is sent."""
    from danvan.core.errors import DomainError
    from danvan.petitions.services import second_complaint_body

    try:
        body, _source = second_complaint_body()
    except DomainError as e:
        return e.message
    return (
        "Khiếu nại lần hai đối với quyết định giải quyết lần đầu của Chủ tịch UBND xã không "
        f"thuộc thẩm quyền của xã: đơn được vào sổ và ghi là đã chuyển đến {body}."
    )


class IntakeForm(forms.Form):
    received_on = DayField(label="Ngày nhận đơn")
    channel = forms.ChoiceField(label="Kênh tiếp nhận", choices=Petition.Channel.choices)
    kind = forms.ChoiceField(label="Loại đơn", choices=PetitionKind.choices)
    second_complaint = forms.BooleanField(label="Khiếu nại lần hai", required=False)
    topic = forms.ChoiceField(
        label="Lĩnh vực", choices=Petition.Topic.choices, initial=Petition.Topic.OTHER
    )
    subject = Text(label="Tóm tắt nội dung", max_length=300)
    content = LongText("Nội dung đơn", rows=5, max_length=20000)
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label="Thôn, tổ dân phố", required=False
    )
    petitioner_name = Text(label="Họ tên người gửi", max_length=120, required=False)
    petitioner_address = Text(label="Địa chỉ người gửi", max_length=300, required=False)
    petitioner_phone = Text(label="Điện thoại", max_length=20, required=False)
    petitioner_id = Text(label="Số CCCD/CMND", max_length=20, required=False)
    signatories = headcount("Số người ký đơn")
    anonymous = forms.BooleanField(label="Đơn nặc danh (không rõ người gửi)", required=False)
    sensitive = forms.BooleanField(label="Nhạy cảm (liên quan dân tộc, tôn giáo)", required=False)

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Unit.objects.filter(
            commune=commune, kind=Unit.Kind.VILLAGE, is_active=True
        ).order_by("name")
        self.fields["petitioner_name"].help_text = (
            "Với đơn tố cáo, danh tính người tố cáo được mã hóa và chỉ người được giao "
            "mới xem được (Luật Tố cáo 2018, Điều 8, 47)."
        )
        self.fields["signatories"].help_text = "Từ 5 người ký trở lên là đơn đông người."
        self.fields["second_complaint"].help_text = _second_complaint_help()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("anonymous"):
            for name in ("petitioner_name", "petitioner_address", "petitioner_phone"):
                data[name] = ""
            data["petitioner_id"] = ""
        if data.get("second_complaint") and data.get("kind") != PetitionKind.COMPLAINT:
            self.add_error("second_complaint", "Chỉ đơn khiếu nại mới có khiếu nại lần hai.")
        return data

    def identity(self) -> dict[str, str]:
        d = self.cleaned_data
        return {
            "name": d.get("petitioner_name", ""),
            "address": d.get("petitioner_address", ""),
            "phone": d.get("petitioner_phone", ""),
            "id_number": d.get("petitioner_id", ""),
        }


STATUS_CHOICES = [("", "Tất cả"), ("open", "Đang xử lý"), *Petition.Status.choices]
KIND_CHOICES = [("", "Tất cả"), *PetitionKind.choices]
DUE_CHOICES = [("", "Tất cả"), ("overdue", "Quá hạn"), ("soon", "Sắp đến hạn")]


class FilterForm(forms.Form):
    xa = forms.TypedChoiceField(label="Xã", required=False, coerce=int, empty_value=None)
    scope = forms.ChoiceField(
        label="Phạm vi",
        required=False,
        choices=[("", "Toàn xã"), ("mine", "Được giao cho tôi, đơn vị tôi")],
    )
    q = Text(label="Tìm kiếm", required=False, max_length=200)
    status = forms.ChoiceField(label="Tình trạng", required=False, choices=STATUS_CHOICES)
    kind = forms.ChoiceField(label="Loại đơn", required=False, choices=KIND_CHOICES)
    due = forms.ChoiceField(label="Thời hạn", required=False, choices=DUE_CHOICES)
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label="Thôn", required=False, empty_label="Tất cả"
    )

    def __init__(self, *args: Any, communes: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = Unit.objects.filter(commune_id__in=communes, kind=Unit.Kind.VILLAGE)
        village = self.fields["village"]
        village.queryset = villages  # what a chosen village is checked against
        # The list in one query of two columns, not a Unit per village (label: Unit.__str__).
        names = villages.order_by("name").values_list("pk", "name")
        village.choices = [("", village.empty_label), *names]
        if len(communes) < 2:
            del self.fields["xa"]
        else:
            self.fields["xa"].choices = list(
                Unit.objects.filter(pk__in=communes).order_by("name").values_list("pk", "name")
            )
        if not communes:
            del self.fields["scope"]


class ProvinceFilterForm(forms.Form):
    """The filters of the province's list: a commune or all of them, no village (a commune's)."""

    xa = forms.TypedChoiceField(label="Xã", required=False, coerce=int, empty_value=None)
    q = Text(label="Tìm kiếm", required=False, max_length=200)
    status = forms.ChoiceField(label="Tình trạng", required=False, choices=STATUS_CHOICES)
    kind = forms.ChoiceField(label="Loại đơn", required=False, choices=KIND_CHOICES)
    due = forms.ChoiceField(label="Thời hạn", required=False, choices=DUE_CHOICES)

    def __init__(self, *args: Any, communes: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = Unit.objects.filter(pk__in=communes).order_by("name").values_list("pk", "name")
        self.fields["xa"].choices = [("", "Cả tỉnh"), *names]


class ClassifyForm(forms.Form):
    competent = forms.TypedChoiceField(
        label="Thẩm quyền",
        choices=[("1", "Thuộc thẩm quyền của xã"), ("0", "Không thuộc thẩm quyền")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    conditions_met = forms.TypedChoiceField(
        label="Điều kiện thụ lý",
        choices=[("1", "Đủ điều kiện thụ lý"), ("0", "Không đủ điều kiện")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    complex = forms.BooleanField(label="Vụ việc phức tạp", required=False)
    very_complex = forms.BooleanField(label="Đặc biệt phức tạp", required=False)
    remote = forms.BooleanField(label="Vùng sâu, vùng xa, đi lại khó khăn", required=False)
    several_places = forms.BooleanField(label="Xác minh ở nhiều địa điểm", required=False)
    sensitive = forms.BooleanField(label="Nhạy cảm (dân tộc, tôn giáo)", required=False)
    topic = forms.ChoiceField(label="Lĩnh vực", choices=Petition.Topic.choices)

    @classmethod
    def for_petition(cls, p: Petition) -> ClassifyForm:
        return cls(
            prefix="pl",
            initial={
                "competent": "" if p.competent is None else ("1" if p.competent else "0"),
                "conditions_met": ""
                if p.conditions_met is None
                else ("1" if p.conditions_met else "0"),
                "complex": p.complex,
                "very_complex": p.very_complex,
                "remote": p.remote,
                "several_places": p.several_places,
                "sensitive": p.sensitive,
                "topic": p.topic,
            },
        )


SEAT_SHOWN = ("unit__kind", "unit__name", "user__username", "user__full_name", "user__position")


class AssignForm(forms.Form):
    """Give the case to a person in a unit. Each person is listed under the units they work in
    (one choice is a person and a unit), so nobody outside the unit can be picked; the service
    checks the pair again (services.petition_assign)."""

    assignee = forms.ChoiceField(
        label="Người xử lý",
        error_messages={
            "required": "Vui lòng chọn người xử lý.",
            "invalid_choice": "Chọn người xử lý trong danh sách, dưới đơn vị của chính người "
            "đó: đơn chỉ giao cho người thuộc đơn vị xử lý.",
        },
        help_text="Mỗi người được liệt kê dưới đơn vị của mình: đơn giao cho người nào thì do "
        "đơn vị của người đó xử lý.",
    )

    def __init__(self, *args: Any, petition: Petition, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "gx")
        if petition.handler_id and petition.handling_unit_id:
            kwargs.setdefault(
                "initial", {"assignee": f"{petition.handling_unit_id}-{petition.handler_id}"}
            )
        super().__init__(*args, **kwargs)
        # The list needs names only; the chosen seat is read whole in clean() for the service.
        seats = handler_seats(petition.commune).select_related("unit", "user").only(*SEAT_SHOWN)
        self.seats = {f"{m.unit_id}-{m.user_id}": m for m in seats}
        groups: dict[Unit, list[tuple[str, str]]] = {}
        for key, m in sorted(
            self.seats.items(),
            key=lambda kv: (kv[1].unit.kind, kv[1].unit.name, str(kv[1].user)),
        ):
            who = f"{m.user}" + (f" – {m.user.position}" if m.user.position else "")
            groups.setdefault(m.unit, []).append((key, who))
        self.fields["assignee"].choices = [("", "— Chọn người xử lý —")] + [
            (unit.name, people) for unit, people in groups.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seat = self.seats.get(data.pop("assignee", "") or "")
        if seat is not None:
            whole = Membership.objects.select_related("unit", "user").filter(pk=seat.pk).first()
            if whole is None:  # the seat went away since the list was read
                self.add_error("assignee", self.fields["assignee"].error_messages["invalid_choice"])
            else:
                data["handler"], data["unit"] = whole.user, whole.unit
        return data


class AcceptForm(forms.Form):
    accepted_on = DayField(label="Ngày thụ lý")


class RouteForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Cách xử lý",
        choices=[
            (Petition.Status.GUIDED, "Hướng dẫn đến cơ quan có thẩm quyền"),
            (Petition.Status.FORWARDED, "Chuyển đơn đến cơ quan có thẩm quyền"),
            (Petition.Status.RETURNED, "Trả lại đơn"),
            (Petition.Status.FILED, "Lưu đơn"),
            (Petition.Status.INFORMATION, "Xử lý như thông tin (tố cáo nặc danh)"),
        ],
    )
    on = DayField(label="Ngày xử lý")
    note = LongText("Nội dung (cơ quan được chuyển, lý do…)", required=False, rows=2)


class ReasonForm(forms.Form):
    """Extension, pause and resumption: a date and the reason, which the citizen will read."""

    on = DayField(label="Ngày")
    reason = LongText("Lý do", rows=2, max_length=2000)


class StepForm(forms.Form):
    """A step between acceptance and the conclusion: verification, dialogue."""

    step = forms.ChoiceField(
        label="Bước",
        choices=[(k.value, k.label) for k in PetitionEvent.RESOLUTION_STEPS],
    )
    on = DayField(label="Ngày")
    note = LongText("Nội dung (kết quả xác minh, biên bản đối thoại…)", rows=2, max_length=4000)


class ResolveForm(forms.Form):
    """The conclusion or decision: the handler's draft for a leader to sign, or, typed by a
    leader, signed at once (services.petition_resolve)."""

    decided_on = DayField(label="Ngày trình ký")
    outcome = LongText("Kết luận, quyết định giải quyết", rows=4, max_length=10000)
    legal_basis = LongText("Căn cứ pháp lý", rows=2, max_length=2000)
    public_answer = LongText("Trả lời công khai cho người gửi", required=False, rows=3)

    def __init__(self, *args: Any, signer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signer:
            self.fields["decided_on"].label = "Ngày ký"
        self.fields[
            "outcome"
        ].help_text = "In vào văn bản trả lời gửi người gửi đơn; không đăng công khai."
        self.fields["legal_basis"].help_text = (
            "Văn bản, điều khoản áp dụng để giải quyết, mỗi căn cứ một dòng; ví dụ: "
            "Luật Đất đai năm 2024, Điều 12."
        )
        self.fields[
            "public_answer"
        ].help_text = "Hiển thị trên trang tra cứu của người gửi; không ghi thông tin cá nhân."

    @classmethod
    def for_petition(cls, p: Petition, *, signer: bool) -> ResolveForm:
        """A blank form holding the draft a leader sent back, to be corrected."""
        return cls(
            prefix="kq",
            signer=signer,
            initial={
                "decided_on": timezone.localdate(),
                "outcome": p.outcome,
                "legal_basis": p.legal_basis,
                "public_answer": p.public_answer,
            },
        )


class SignOffForm(forms.Form):
    signed_on = DayField(label="Ngày ký")
    note = LongText("Ý kiến của lãnh đạo", required=False, rows=2, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = "Lưu trong nhật ký của đơn; không gửi người dân."


class SendBackForm(forms.Form):
    on = DayField(label="Ngày trả lại")
    comment = LongText("Nội dung cần sửa", rows=3, max_length=4000)


class LinkForm(forms.Form):
    code = Text(
        label="Số đơn trước (số/năm)",
        max_length=20,
        help_text="Ví dụ: 15/2026",
    )
    kind = forms.ChoiceField(label="Quan hệ", choices=Petition.LinkKind.choices)

    def clean_code(self) -> tuple[int, int]:
        match = CODE_RE.match(self.cleaned_data["code"])
        if not match:
            raise ValidationError("Số đơn có dạng số/năm, ví dụ 15/2026.")
        return int(match.group(1)), int(match.group(2))


class PeriodForm(forms.Form):
    """The statistics period, ?from=&to= (ISO dates); the current year when absent or wrong."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.DateField(label="Từ ngày", required=False, widget=DATE_WIDGET)
        self.fields["to"] = forms.DateField(label="Đến ngày", required=False, widget=DATE_WIDGET)

    def period(self) -> tuple[date, date]:
        today = timezone.localdate()
        start, end = date(today.year, 1, 1), date(today.year, 12, 31)
        if self.is_bound:
            self.is_valid()  # a wrong date is reported on its field; the other one still counts
            start = self.cleaned_data.get("from") or start
            end = self.cleaned_data.get("to") or end
        start, end = max(start, EARLIEST), min(end, date(2100, 12, 31))
        if end < start:
            start, end = end, start
        return start, end


def visit_initial(visit: Visit) -> dict[str, Any]:
    """An intake form prefilled from a line of the reception register."""
    return {
        "received_on": visit.visited_on,
        "channel": Petition.Channel.IN_PERSON,
        "kind": visit.kind,
        "subject": " ".join(visit.content.split())[:300],
        "content": visit.content,
        "petitioner_name": "" if visit.protected else visit.name,
        "petitioner_address": "" if visit.protected else visit.address,
        "petitioner_id": "" if visit.protected else visit.id_number,
        "signatories": visit.people,
    }
