"""Forms of the officers' and village heads' pages. They check what a person typed (required,
numbers that are whole and not negative, dates that exist); the law is checked once, in
decisions.services, and its DomainError is shown on the same form with what was typed kept."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from danvan.core.fields import DayField, FileUpload, FileUploads, LongText, Text
from danvan.core.models import Unit
from danvan.decisions.models import CommunityDecision, MatterItem
from danvan.decisions.services import MAX_COUNT


def villages_of(commune: Unit) -> QuerySet[Unit]:
    """The active villages of a commune, by name: the choices of the forms below."""
    return Unit.objects.filter(commune=commune, kind=Unit.Kind.VILLAGE, is_active=True).order_by(
        "name"
    )


def Village() -> forms.ModelChoiceField:
    """One village, its choices set by the form (the decision's villages, the commune's)."""
    return forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn",
        empty_label=None,
        error_messages={"invalid_choice": "Thôn không hợp lệ.", "required": "Chọn thôn."},
    )


def Count(label: str, *, minimum: int = 0) -> forms.IntegerField:
    message = f"{label}: nhập một số nguyên từ {minimum} đến {MAX_COUNT:,}.".replace(",", ".")
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=MAX_COUNT,
        error_messages={
            "invalid": message,
            "min_value": message,
            "max_value": message,
            "required": f"Vui lòng nhập {label.lower()}.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": minimum}),
    )


class DecisionForm(forms.Form):
    item = forms.ModelChoiceField(
        queryset=MatterItem.objects.all(),
        label="Nội dung theo Điều 15 Luật THDCCS 2022",
        empty_label="— chọn —",
        error_messages={"required": "Chọn nội dung.", "invalid_choice": "Nội dung không hợp lệ."},
    )
    title = Text(label="Tên việc", max_length=300)
    content = LongText("Nội dung đề xuất (mức đóng góp, cách thu, chi…)", rows=5)
    scope = forms.ChoiceField(
        label="Phạm vi",
        choices=CommunityDecision.Scope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Chọn phạm vi.", "invalid_choice": "Phạm vi không hợp lệ."},
    )
    villages = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn biểu quyết",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Chọn ít nhất một thôn.",
            "invalid_choice": "Thôn không thuộc xã này.",
            "invalid_pk_value": "Thôn không hợp lệ.",
        },
    )
    form = forms.ChoiceField(
        label="Hình thức",
        choices=CommunityDecision.Form.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Chọn hình thức.",
            "invalid_choice": "Hình thức không hợp lệ.",
        },
    )
    follows = forms.ModelChoiceField(
        queryset=CommunityDecision.objects.none(),
        label="Phát phiếu sau cuộc họp không đủ đại diện hộ tham dự (khoản 3, 4, 5 Điều 15)",
        help_text="Luật THDCCS 2022, Điều 19 khoản 1 điểm b. Để trống với nội dung khác.",
        required=False,
        empty_label="— không —",
        error_messages={"invalid_choice": "Cuộc họp không hợp lệ."},
    )
    documents = FileUploads(label="Tài liệu kèm theo (PDF, ảnh, Word, Excel)", required=False)

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = villages_of(commune)
        self.fields["follows"].queryset = CommunityDecision.objects.filter(
            commune=commune, form=CommunityDecision.Form.MEETING, item__meeting_required=True
        ).order_by("-created_at", "-id")


class MeetingForm(forms.Form):
    village = Village()
    notice_on = DayField(future=True, label="Ngày thông báo (giấy mời, loa, bảng tin)")
    held_on = DayField(future=True, label="Ngày họp / ngày phát phiếu")
    ballot_until = DayField(
        future=True, label="Hạn thu phiếu, kết thúc biểu quyết trực tuyến", required=False
    )
    online_agreed = Count("Số hộ đã đồng ý biểu quyết trực tuyến")
    place = Text(label="Địa điểm", max_length=200)
    convened_by = Text(label="Người triệu tập, chủ trì", max_length=120)

    def __init__(
        self, *args: Any, villages: Any, ballot: bool, online: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        if not ballot:
            del self.fields["ballot_until"]
        if online:
            self.fields["online_agreed"].help_text = (
                "Phải trên 1/2 tổng số hộ gia đình của thôn (Nghị định 59/2023/NĐ-CP, Điều 5 "
                "khoản 2 điểm c)."
            )
            self.fields["place"].label = "Nhóm mạng xã hội của thôn"
        else:
            del self.fields["online_agreed"]


class TallyForm(forms.Form):
    present = Count("Số hộ có đại diện tham gia")
    agree = Count("Số hộ tán thành")
    disagree = Count("Số hộ không tán thành")
    invalid = Count("Số phiếu không hợp lệ, để trống")
    minutes = FileUpload(
        label="Ảnh biên bản có chữ ký (JPEG, PNG, PDF)",
        required=False,
        error_messages={"required": "Cần đính kèm ảnh hoặc bản chụp biên bản có chữ ký."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        keys = ("present", "agree", "disagree", "invalid")
        if all(isinstance(data.get(k), int) for k in keys):
            total = data["agree"] + data["disagree"] + data["invalid"]
            if total > data["present"]:
                raise ValidationError(
                    f"Tán thành + không tán thành + không hợp lệ ({total}) lớn hơn số hộ "
                    f"tham gia ({data['present']})."
                )
        return data


class HouseholdsForm(forms.Form):
    village = Village()
    households = Count("Số hộ gia đình", minimum=1)
    representatives = Count("Số đại diện hộ gia đình")
    as_of = DayField(label="Tính đến ngày")
    source = Text(label="Nguồn số liệu (sổ hộ khẩu, rà soát…)", max_length=300)

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages_of(commune)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        h, r = data.get("households"), data.get("representatives")
        if isinstance(h, int) and isinstance(r, int) and r > h:
            self.add_error("representatives", "Số đại diện không được lớn hơn số hộ gia đình.")
        return data


class SendForm(forms.Form):
    sent_on = DayField(label="Ngày gửi biên bản")


class RecogniseForm(forms.Form):
    recognised_on = DayField(label="Ngày công nhận")
    note = Text(label="Số, ngày văn bản công nhận", max_length=300, required=False)
    effective_on = DayField(label="Ngày có hiệu lực (việc toàn xã)", required=False)

    def __init__(self, *args: Any, effective_date: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if effective_date:
            # A commune-wide decision on items 1–2: the People's Committee decides when it takes
            # effect (Luật THDCCS 2022, Điều 21 khoản 2, đoạn 2).
            self.fields["recognised_on"].label = "Ngày Ủy ban nhân dân xã quyết định"
            self.fields["note"].label = "Số, ngày văn bản quyết định"
            self.fields["effective_on"].label = "Ngày có hiệu lực"
            self.fields["effective_on"].required = True
            self.fields["effective_on"].error_messages["required"] = "Nhập ngày có hiệu lực."
        else:
            del self.fields["effective_on"]


class RefuseForm(forms.Form):
    refused_on = DayField(label="Ngày văn bản trả lời")
    reasons = LongText("Lý do không công nhận (nêu rõ trong văn bản trả lời)", rows=4)
