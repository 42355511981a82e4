from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from danvan.core.models import Unit
from danvan.core.uploads import check_upload
from danvan.plans.models import Plan, Recurrence, Section, Task

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > 5:
            raise ValidationError("Chỉ đính kèm tối đa 5 tệp mỗi lần.")
        for f in files:
            check_upload(f)
        return list(files)


class ProgressReportForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label="Báo cáo với tư cách")
    text = forms.CharField(
        label="Kết quả thực hiện", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )
    percent = forms.IntegerField(
        label="Tiến độ (%)",
        min_value=0,
        max_value=100,
        required=False,
        error_messages={
            "min_value": "Tiến độ phải từ 0 đến 100%%.",
            "max_value": "Tiến độ phải từ 0 đến 100%%.",
            "invalid": "Tiến độ là một số nguyên từ 0 đến 100.",
        },
    )
    milestone = forms.CharField(label="Mốc đã đạt", max_length=300, required=False)
    is_final = forms.BooleanField(label="Nhiệm vụ đã hoàn thành", required=False)
    files = MultipleFileField(label="Tài liệu minh chứng (PDF, ảnh, Word, Excel)", required=False)

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:
            self.fields["unit"].initial = units[0]


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "issuing_unit",
            "parent",
            "number",
            "symbol",
            "issued_on",
            "place",
            "year",
        ]
        widgets = {"issued_on": DATE_WIDGET, "title": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"number": "Để trống khi văn bản chưa lấy số."}

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = Unit.objects.filter(commune=commune)
        self.fields["parent"].queryset = Plan.objects.filter(commune=commune)
        self.fields["parent"].required = False
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise ValidationError("Năm phải từ 2000 đến 2100.")
        return year


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["parent", "number", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = plan.sections.all()
        self.fields["parent"].required = False
        self.fields["parent"].label = "Thuộc mục"


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "section",
            "title",
            "description",
            "expected_result",
            "lead_unit",
            "coordinating_units",
            "recurrence",
            "start_date",
            "due_date",
        ]
        widgets = {
            "start_date": DATE_WIDGET,
            "due_date": DATE_WIDGET,
            "title": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
            "coordinating_units": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "due_date": "Bắt buộc với nhiệm vụ một lần; với nhiệm vụ định kỳ là ngày kết thúc.",
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(commune_id=plan.commune_id, is_active=True).exclude(
            kind=Unit.Kind.COMMUNE
        )
        self.fields["lead_unit"].queryset = units
        self.fields["coordinating_units"].queryset = units
        self.fields["section"].queryset = plan.sections.all()
        self.fields["start_date"].required = False
        self.fields["recurrence"].choices = Recurrence.choices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", "Hạn hoàn thành không được trước ngày bắt đầu.")
        if data.get("recurrence") == Recurrence.ONCE and not due:
            self.add_error("due_date", "Nhiệm vụ thực hiện một lần cần có hạn hoàn thành.")
        return data


class TaskFilterForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False, max_length=200)
    status = forms.ChoiceField(label="Trạng thái", required=False)
    scope = forms.ChoiceField(
        label="Phạm vi",
        required=False,
        choices=[("mine", "Đơn vị của tôi"), ("all", "Toàn xã")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from danvan.plans.models import TaskStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Tất cả"), *TaskStatus.choices]
