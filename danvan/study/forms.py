"""Forms of the study pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.core.fields import DayField, FileUploads, LongText, Text
from danvan.core.http import int_param
from danvan.core.models import Unit
from danvan.plans.models import LegalDocument
from danvan.study.models import Audience, Kind
from danvan.study.services import AttendanceRow


def _choice(what: str) -> dict[str, str]:
    return {"invalid_choice": f"Chọn {what} trong danh sách.", "required": f"Chọn {what}."}


class DocumentChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        title = f": {obj.title[:120]}" if obj.title and obj.number else ""
        return f"{obj}{title}"


class SessionForm(forms.Form):
    title = Text(
        label="Tên buổi học tập, tuyên truyền",
        max_length=300,
        help_text="Ví dụ: Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở.",
    )
    kind = forms.ChoiceField(
        label="Hình thức", choices=Kind.choices, error_messages=_choice("hình thức")
    )
    audience = forms.ChoiceField(
        label="Đối tượng", choices=Audience.choices, error_messages=_choice("đối tượng")
    )
    organiser = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị tổ chức",
        error_messages=_choice("đơn vị tổ chức"),
    )
    presenter = Text(label="Báo cáo viên", max_length=200, required=False)
    place = Text(label="Địa điểm", max_length=200)
    planned_on = DayField(label="Ngày dự kiến", future=True)
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn, tổ dân phố (buổi tổ chức cho Nhân dân thôn)",
        required=False,
        error_messages=_choice("thôn"),
    )
    documents = DocumentChoice(
        queryset=LegalDocument.objects.all(),
        label="Văn bản được học tập, phổ biến",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=(
            "Chọn trong sổ văn bản căn cứ (giữ Ctrl để chọn nhiều). Văn bản chưa có trong sổ: "
            "thêm vào căn cứ của kế hoạch trước, rồi chọn ở đây."
        ),
        error_messages={
            "invalid_choice": "Chọn văn bản trong danh sách.",
            "invalid_pk_value": "Chọn văn bản trong danh sách.",
        },
    )
    note = LongText("Ghi chú", required=False, rows=3, max_length=3000)

    def __init__(self, *args: Any, organisers: QuerySet[Unit], commune_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        ids = list(organisers.values_list("pk", flat=True)[:2])
        if len(ids) == 1:
            self.fields["organiser"].initial = ids[0]
        self.fields["village"].queryset = Unit.objects.filter(
            commune_id=commune_id, kind=Unit.Kind.VILLAGE, is_active=True
        )


class HeldForm(forms.Form):
    held_on = DayField(label="Ngày tổ chức")


class CancelForm(forms.Form):
    reason = Text(label="Lý do hủy", max_length=300)


class MaterialsForm(forms.Form):
    uploads = FileUploads(
        label="Tài liệu, hình ảnh (PDF, Word, Excel, ảnh)",
        most=10,
        help_text="Bài giảng, đề cương, ảnh chụp buổi học tập; tối đa 10 tệp một lần.",
    )


class AttendanceForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    expected = forms.IntegerField(
        label="Số được triệu tập",
        required=False,
        min_value=0,
        max_value=100000,
        error_messages={"invalid": "Nhập một số.", "min_value": "Không được âm."},
    )
    present = forms.IntegerField(
        label="Số có mặt",
        required=False,
        min_value=0,
        max_value=100000,
        error_messages={"invalid": "Nhập một số.", "min_value": "Không được âm."},
    )
    absent_reasons = Text(label="Lý do vắng", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        expected, present = data.get("expected"), data.get("present")
        if expected is not None and present is not None and present > expected:
            self.add_error("present", "Số có mặt không được lớn hơn số được triệu tập.")
        return data


class BaseAttendanceFormSet(forms.BaseFormSet):
    units: dict[int, Unit]

    def add_error(self, field: str | None, error: str) -> None:
        """A service's refusal, shown above the table (what core.steps.run_step asks)."""
        self.non_form_errors().append(error)

    def rows(self) -> list[AttendanceRow]:
        out = []
        for data in self.cleaned_data:
            unit = self.units.get(data.get("unit") or 0)
            if unit is None:
                continue
            out.append(
                AttendanceRow(
                    unit=unit,
                    expected=data.get("expected"),
                    present=data.get("present"),
                    absent_reasons=data.get("absent_reasons") or "",
                )
            )
        return out


AttendanceFormSet = forms.formset_factory(
    AttendanceForm,
    formset=BaseAttendanceFormSet,
    extra=0,
    max_num=500,
    absolute_max=500,
    validate_max=True,
)


def attendance_forms(
    units: list[Unit], existing: dict[int, Any], data: Any = None
) -> BaseAttendanceFormSet:
    """One row per unit, filled from its recorded attendance."""
    initial = [
        {
            "unit": u.pk,
            "expected": existing[u.pk].expected if u.pk in existing else None,
            "present": existing[u.pk].present if u.pk in existing else None,
            "absent_reasons": existing[u.pk].absent_reasons if u.pk in existing else "",
        }
        for u in units
    ]
    formset = AttendanceFormSet(data, initial=initial, prefix="dd")
    formset.units = {u.pk: u for u in units}
    for form in formset.forms:
        unit = formset.units.get(int_param(form["unit"].value()) or 0)
        form.unit_name = unit.name if unit else ""  # type: ignore[attr-defined]
    return formset
