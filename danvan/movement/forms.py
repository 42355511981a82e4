"""Forms of the movement's pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.commendations.models import AwardForm as CommendationForm
from danvan.core.fields import DayField, FileUploads, LongText, Text
from danvan.core.models import Unit
from danvan.movement.models import REGISTRATION, Criterion, Field, Kind, RecognitionLevel
from danvan.plans.models import LegalDocument

CHOOSE = "Chọn trong danh sách."


def _villages(commune_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(
        commune_id=commune_id, kind=Unit.Kind.VILLAGE, is_active=True
    ).order_by("name")


def _choice(queryset: Any, label: str, *, required: bool = True, **kw: Any) -> Any:
    return forms.ModelChoiceField(
        queryset=queryset,
        label=label,
        required=required,
        error_messages={"invalid_choice": CHOOSE, "required": "Vui lòng chọn."},
        **kw,
    )


class RegisterForm(forms.Form):
    registrant = _choice(Unit.objects.none(), "Đơn vị đăng ký")
    kind = forms.ChoiceField(
        label="Loại",
        choices=Kind.choices,
        error_messages={"invalid_choice": CHOOSE, "required": "Vui lòng chọn."},
    )
    name = Text(label="Tên mô hình, điển hình", max_length=300)
    person_name = Text(
        label="Họ và tên cá nhân (điển hình cá nhân)", max_length=120, required=False
    )
    field = _choice(Field.objects.filter(is_active=True), "Lĩnh vực")
    year = forms.IntegerField(
        label="Năm",
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Nhập năm bằng số, ví dụ 2026.",
            "required": "Vui lòng nhập năm.",
            "min_value": "Năm từ 2000 đến 2100.",
            "max_value": "Năm từ 2000 đến 2100.",
        },
    )
    village = _choice(
        Unit.objects.none(),
        "Thôn (nơi thực hiện; để trống nếu toàn xã)",
        required=False,
    )

    def __init__(self, *args: Any, units: list[Unit], commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["registrant"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:
            self.fields["registrant"].initial = units[0].pk
            if units[0].kind == Unit.Kind.VILLAGE:
                self.fields["village"].initial = units[0].pk
        self.fields["village"].queryset = _villages(commune.pk)
        for name, label in REGISTRATION:
            self.fields[name] = LongText(label, rows=3, required=name != "resources")
        self.fields["starts_on"] = DayField(label="Bắt đầu từ ngày", future=True)
        self.fields["ends_on"] = DayField(
            label="Dự kiến hoàn thành (nếu có)", future=True, required=False
        )
        self.fields["guidance"] = forms.ModelMultipleChoiceField(
            queryset=LegalDocument.objects.all(),
            label="Văn bản hướng dẫn (số, ngày)",
            required=False,
            help_text="Hướng dẫn của Ban Tuyên giáo và Dân vận, của tỉnh… trong sổ văn bản căn cứ.",
            error_messages={"invalid_choice": CHOOSE, "invalid_pk_value": CHOOSE},
        )


class FollowUpForm(forms.Form):
    on = DayField(label="Ngày")
    note = LongText("Nội dung theo dõi, kết quả đạt được", rows=3)
    evidence = FileUploads(
        label="Ảnh, tài liệu minh chứng",
        required=False,
        most=6,
        help_text="Ảnh (JPEG, PNG, WEBP), PDF, Word, Excel. Ảnh của mô hình, điển hình được "
        "công nhận sẽ hiện trên trang công khai.",
    )


class ReviewForm(forms.Form):
    """One number field per criterion that applies (`c<id>`), within its points."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"c{c.pk}"] = forms.IntegerField(
                label=f"{c.name} (tối đa {c.max_points} điểm)",
                min_value=0,
                max_value=c.max_points,
                help_text=c.hint,
                error_messages={
                    "required": "Vui lòng chấm điểm tiêu chí này.",
                    "invalid": "Nhập điểm bằng số nguyên.",
                    "min_value": "Điểm không được âm.",
                    "max_value": f"Tối đa {c.max_points} điểm.",
                },
            )
        self.fields["comment"] = LongText("Nhận xét", rows=2, required=False)

    def data_for_service(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "points": {c.pk: d.get(f"c{c.pk}") for c in self.criteria},
            "comment": d.get("comment", ""),
        }


class DecideForm(forms.Form):
    recognised = forms.TypedChoiceField(
        label="Kết quả xét",
        choices=[("1", "Công nhận cấp xã"), ("0", "Không công nhận")],
        coerce=lambda v: v == "1",
        error_messages={"invalid_choice": CHOOSE, "required": "Vui lòng chọn."},
    )
    decision_number = Text(label="Số quyết định công nhận", max_length=60, required=False)
    decided_on = DayField(label="Ngày quyết định")
    decision_note = Text(label="Ý kiến (lý do nếu không công nhận)", max_length=500, required=False)


class ProposeForm(forms.Form):
    level = _choice(
        RecognitionLevel.objects.filter(is_active=True, is_commune=False), "Đề nghị cấp"
    )
    proposal_number = Text(label="Số tờ trình, công văn đề nghị", max_length=60)
    proposed_on = DayField(label="Ngày đề nghị")


class AwardForm(forms.Form):
    form = _choice(
        CommendationForm.objects.filter(is_active=True, level=CommendationForm.Level.COMMUNE),
        "Hình thức khen thưởng",
    )
    decision_number = Text(label="Số quyết định khen thưởng", max_length=60)
    decided_on = DayField(label="Ngày ký quyết định")
    achievement = LongText("Thành tích", rows=2, max_length=2000)
    signer_name = Text(label="Người ký", max_length=120, required=False)
    signer_title = Text(label="Chức vụ người ký", max_length=120, required=False)


class ReplicationForm(forms.Form):
    adopter = Text(label="Đơn vị, tập thể, cá nhân áp dụng", max_length=200)
    village = _choice(Unit.objects.none(), "Thôn của xã áp dụng", required=False)
    place = Text(
        label="Hoặc nơi khác áp dụng (xã, tỉnh)",
        max_length=200,
        required=False,
    )
    since = DayField(label="Áp dụng từ ngày")
    note = Text(label="Ghi chú", max_length=500, required=False)

    def __init__(self, *args: Any, commune_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages(commune_id)


class PublicForm(forms.Form):
    public = forms.TypedChoiceField(
        label="Trang công khai",
        choices=[("1", "Hiện"), ("0", "Ẩn")],
        coerce=lambda v: v == "1",
        error_messages={"invalid_choice": CHOOSE, "required": "Vui lòng chọn."},
    )
