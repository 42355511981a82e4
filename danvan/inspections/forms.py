"""Forms of the inspection pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.core.fields import DayField, LongText, Text
from danvan.core.models import Unit
from danvan.inspections.models import (
    Finding,
    Inspection,
    InspectionPlan,
    MeasureKind,
    Remedy,
    SubjectKind,
)


def _units(commune_id: int) -> QuerySet[Unit]:
    """The units of the commune that can be inspected or owe a remedy."""
    return (
        Unit.objects.filter(commune_id=commune_id, is_active=True)
        .exclude(kind__in=[Unit.Kind.COMMUNE, Unit.Kind.PROVINCE])
        .order_by("kind", "name")
    )


def _choice(queryset: QuerySet[Any], label: str, message: str, **kwargs: Any) -> Any:
    return forms.ModelChoiceField(
        queryset=queryset, label=label, error_messages={"invalid_choice": message}, **kwargs
    )


class PlanForm(forms.Form):
    year = forms.IntegerField(
        label="Năm",
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Nhập năm bằng số.",
            "min_value": "Năm phải từ 2000 đến 2100.",
            "max_value": "Năm phải từ 2000 đến 2100.",
            "required": "Vui lòng nhập năm.",
        },
    )
    number = Text(label="Số, ký hiệu", max_length=60, required=False, help_text="Ví dụ: 15/KH-UBND")
    title = Text(label="Tên kế hoạch", max_length=300)
    issued_on = DayField(label="Ngày ban hành")


class InspectionForm(forms.Form):
    subject_kind = _choice(
        SubjectKind.objects.all(), "Loại nội dung kiểm tra", "Chọn loại nội dung trong danh sách."
    )
    title = Text(
        label="Nội dung kiểm tra",
        max_length=300,
        help_text="Ví dụ: Việc chấp hành giờ giấc, tiếp nhận và trả hồ sơ đúng hẹn.",
    )
    inspected_unit = _choice(
        Unit.objects.none(), "Đơn vị được kiểm tra", "Chọn đơn vị của xã trong danh sách."
    )
    plan = _choice(
        InspectionPlan.objects.none(),
        "Thuộc kế hoạch kiểm tra",
        "Chọn kế hoạch trong danh sách.",
        required=False,
        empty_label="Kiểm tra đột xuất (ngoài kế hoạch)",
    )
    planned_from = DayField(label="Dự kiến từ ngày", future=True)
    planned_to = DayField(label="Dự kiến đến ngày", future=True)
    team = LongText(
        "Đoàn kiểm tra (trưởng đoàn, thành viên)", required=False, rows=3, max_length=2000
    )

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspected_unit"].queryset = _units(commune.pk)
        self.fields["plan"].queryset = InspectionPlan.objects.filter(commune=commune)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("planned_from"), data.get("planned_to")
        if start and end and end < start:
            self.add_error("planned_to", "Ngày kết thúc không được trước ngày bắt đầu.")
        return data


class FindingForm(forms.Form):
    text = LongText("Nội dung phát hiện", rows=3)
    severity = forms.ChoiceField(label="Mức độ", choices=Finding.Severity.choices)


class ConcludeForm(forms.Form):
    done_on = DayField(label="Ngày kết thúc kiểm tra")
    concluded_on = DayField(label="Ngày kết luận")
    conclusion_number = Text(label="Số kết luận", max_length=60, required=False)
    conclusion = LongText(
        "Nội dung kết luận (được công khai khi công khai kết quả: không ghi họ tên)", rows=5
    )
    public = forms.BooleanField(
        label="Công khai kết quả kiểm tra và việc khắc phục trên trang công khai",
        required=False,
        initial=True,
    )
    internal_reason = Text(
        label="Lý do không công khai (nếu không công khai)", max_length=300, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("public") and not data.get("internal_reason"):
            self.add_error("internal_reason", "Ghi lý do không công khai kết quả kiểm tra.")
        return data


class RemedyForm(forms.Form):
    finding = _choice(
        Finding.objects.none(), "Nội dung phát hiện", "Chọn nội dung phát hiện trong danh sách."
    )
    owner_unit = _choice(Unit.objects.none(), "Đơn vị thực hiện", "Chọn đơn vị của xã.")
    owner_person = Text(label="Người chịu trách nhiệm (nếu có)", max_length=200, required=False)
    measure = LongText("Biện pháp khắc phục", rows=3)
    due_on = DayField(label="Hạn khắc phục", future=True)
    evidence = Text(label="Sản phẩm, minh chứng phải nộp", max_length=300, required=False)

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        findings = inspection.findings.all()
        self.fields["finding"].queryset = findings
        # The first finding still without a remedy, as the office goes down the list.
        waiting = findings.filter(remedies__isnull=True).values_list("pk", flat=True).first()
        self.fields["finding"].initial = waiting
        self.fields["owner_unit"].queryset = _units(inspection.commune_id)
        self.fields["owner_unit"].initial = inspection.inspected_unit_id


class PublicForm(forms.Form):
    reason = Text(label="Lý do không công khai", max_length=300, required=False)


class RecheckForm(forms.Form):
    """The day and note of the re-check, and one result (and note) per remedy."""

    rechecked_on = DayField(label="Ngày phúc tra")
    note = LongText("Kết quả phúc tra", rows=3)

    def __init__(self, *args: Any, remedies: list[Remedy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.remedies = remedies
        for r in remedies:
            self.fields[f"r{r.pk}"] = forms.ChoiceField(
                label=f"{r.measure[:120]} ({r.owner_unit.label})",
                choices=[("", "—"), *Remedy.Recheck.choices],
                error_messages={"required": "Chọn kết quả phúc tra của biện pháp này."},
            )
            self.fields[f"n{r.pk}"] = Text(label="Ghi chú", max_length=500, required=False)

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "rechecked_on": data["rechecked_on"],
            "note": data["note"],
            "results": {r.pk: data[f"r{r.pk}"] for r in self.remedies},
            "notes": {r.pk: data.get(f"n{r.pk}", "") for r in self.remedies},
        }


class MeasureForm(forms.Form):
    kind = _choice(MeasureKind.objects.all(), "Hình thức", "Chọn hình thức trong danh sách.")
    subject = Text(label="Cá nhân, tập thể", max_length=200)
    unit = _choice(Unit.objects.none(), "Đơn vị công tác", "Chọn đơn vị của xã.", required=False)
    inspection = _choice(
        Inspection.objects.none(),
        "Qua cuộc kiểm tra",
        "Chọn cuộc kiểm tra trong danh sách.",
        required=False,
        empty_label="Không gắn với cuộc kiểm tra",
    )
    decision_number = Text(label="Số quyết định", max_length=60)
    decision_on = DayField(label="Ngày quyết định")
    reason = LongText("Lý do", rows=3)

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(commune.pk)
        self.fields["inspection"].queryset = Inspection.objects.filter(
            commune=commune
        ).select_related("inspected_unit")
