from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import get_default_renderer
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from danvan.core.cache import kept
from danvan.core.fields import DATE_WIDGET, DayField, FileUploads, LongText, Text
from danvan.core.models import Unit
from danvan.plans.models import Plan, Recurrence, Section, Task


class ProgressReportForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label="Báo cáo với tư cách")
    text = Text(
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
    milestone = Text(label="Mốc đã đạt", max_length=300, required=False)
    is_final = forms.BooleanField(label="Nhiệm vụ đã hoàn thành", required=False)
    evidence = FileUploads(label="Tài liệu minh chứng (PDF, ảnh, Word, Excel)", required=False)

    def __init__(
        self,
        *args: Any,
        units: list[Unit],
        periods: list[tuple[date, date]] | None = None,
        recurrence: str = "",
        default_period: date | None = None,
        **kwargs: Any,
    ) -> None:
        """`periods`: a recurring task's periods that may be reported on (a choice); None for
        a one-off or ongoing task, whose report states the day its progress is counted to."""
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:
            self.fields["unit"].initial = units[0]
        self.fields["percent"].help_text = (
            "Báo cáo có tiến độ được duyệt (lãnh đạo UBND duyệt báo cáo của đơn vị chủ trì, đơn vị"
            " chủ trì duyệt phần phối hợp) rồi mới được tính; không ghi tiến độ là ghi chú, không"
            " tính vào tiến độ nhiệm vụ."
        )
        field: forms.Field
        if periods is None:
            field = DayField(
                label="Tiến độ tính đến ngày",
                initial=timezone.localdate(),
                required=False,
                help_text="Để trống: tính đến hôm nay.",
            )
        else:
            field = forms.TypedChoiceField(
                label="Kỳ báo cáo",
                choices=[
                    (last.isoformat(), period_label(recurrence, first, last))
                    for first, last in periods
                ],
                coerce=date.fromisoformat,
                initial=default_period.isoformat() if default_period else None,
                error_messages={"invalid_choice": "Kỳ báo cáo không phải một kỳ của nhiệm vụ."},
            )
        self.fields["period_end"] = field
        self.order_fields(["unit", "period_end"])


def period_label(recurrence: str, first: date, last: date) -> str:
    """ "Quý III/2026 (01/07–30/09/2026)": a recurring task's period as an officer names it."""
    if recurrence == Recurrence.MONTHLY:
        head = f"Tháng {first.month}/{first.year}"
    elif recurrence == Recurrence.QUARTERLY:
        head = f"Quý {['I', 'II', 'III', 'IV'][(first.month - 1) // 3]}/{first.year}"
    elif recurrence == Recurrence.HALF_YEARLY:
        head = f"6 tháng {'đầu' if first.month <= 6 else 'cuối'} năm {first.year}"
    else:
        head = f"Năm {first.year}"
    return f"{head} ({first:%d/%m}–{last:%d/%m/%Y})"


class ReviewForm(forms.Form):
    """The reviewer's comment: optional when accepting, required when returning."""

    comment = Text(label="Nhận xét", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = required
        self.fields["comment"].error_messages["required"] = "Cần ghi rõ lý do trả lại báo cáo."


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "issuing_unit",
            "lead_unit",
            "parent",
            "number",
            "symbol",
            "issued_on",
            "place",
            "year",
        ]
        field_classes = dict.fromkeys(["title", "number", "symbol", "place"], Text)
        widgets = {"issued_on": DATE_WIDGET, "title": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"number": "Để trống khi văn bản chưa lấy số."}

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = Unit.objects.filter(commune=commune)
        self.fields["lead_unit"].queryset = Unit.objects.filter(
            commune=commune, is_active=True
        ).exclude(kind=Unit.Kind.COMMUNE)
        self.fields["lead_unit"].help_text = (
            "Đơn vị được giao theo dõi, đôn đốc thực hiện kế hoạch; cán bộ của đơn vị này "
            "cùng lãnh đạo UBND xã cập nhật kế hoạch."
        )
        self.fields["parent"].queryset = Plan.objects.filter(commune=commune)
        self.fields["parent"].required = False
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )

    def clean_issued_on(self) -> Any:
        issued_on = self.cleaned_data.get("issued_on")
        if issued_on and not 2000 <= issued_on.year <= 2100:
            raise ValidationError("Ngày ban hành phải trong khoảng năm 2000 đến 2100.")
        return issued_on

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise ValidationError("Năm phải từ 2000 đến 2100.")
        return year


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["parent", "number", "title", "text"]
        field_classes = dict.fromkeys(["number", "title", "text"], Text)
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = plan.sections.all()
        self.fields["parent"].required = False
        self.fields["parent"].label = "Thuộc mục"


def _read_once(queryset: QuerySet[Unit]) -> type[ModelChoiceIterator]:
    """A choice iterator over `queryset`'s rows read once, for fields that list the same rows:
    Django's iterator reads them again for each field (and each time it is asked)."""
    rows = queryset.all()

    class ReadOnce(ModelChoiceIterator):
        def __iter__(self) -> Iterator[tuple[Any, Any]]:
            if self.field.empty_label is not None:
                yield ("", self.field.empty_label)
            for obj in rows:  # the first pass fills the queryset's cache, the next reuse it
                yield self.choice(obj)

        def __len__(self) -> int:
            return len(rows) + (self.field.empty_label is not None)

        def __bool__(self) -> bool:
            return self.field.empty_label is not None or bool(rows)

    return ReadOnce


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
        field_classes = dict.fromkeys(["title", "description", "expected_result"], Text)
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
        self.plan = plan
        units = Unit.objects.filter(commune_id=plan.commune_id, is_active=True).exclude(
            kind=Unit.Kind.COMMUNE
        )
        # The two fields list the same units: the page reads them once, when it writes the
        # first (validation still asks the database through each field's queryset).
        shared = _read_once(units)
        for name in ("lead_unit", "coordinating_units"):
            self.fields[name].iterator = shared  # type: ignore[attr-defined]
            self.fields[name].queryset = units  # type: ignore[attr-defined]  # its widget's choices
        self.fields["section"].queryset = plan.sections.all()
        self.fields["start_date"].required = False
        self.fields["recurrence"].choices = Recurrence.choices

    def written(self) -> SafeString:
        """The form as `{{ form }}` writes it, for the task form's page: a blank add form or an
        edit form not yet sent is written once per task (its values, the plan's sections, the
        commune's units) and kept until a record of the commune changes (core.cache.kept; every
        write of a task, a section or a unit logs an entry), a minute at most; a form sent back
        with its errors is written as before."""
        if self.is_bound or self.renderer is not get_default_renderer():
            return self.render()
        key = f"plans:task_form|{self.plan.pk}|{self.instance.pk or 0}|{timezone.localdate()}"
        written = kept(key, self.plan.commune_id, lambda: str(self.render()), seconds=60)
        return mark_safe(written)  # written by the form renderer, which escapes

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", "Hạn hoàn thành không được trước ngày bắt đầu.")
        if data.get("recurrence") == Recurrence.ONCE and not due:
            self.add_error("due_date", "Nhiệm vụ thực hiện một lần cần có hạn hoàn thành.")
        return data


class TaskFilterForm(forms.Form):
    q = Text(label="Tìm kiếm", required=False, max_length=200)
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


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp kế hoạch (.docx hoặc văn bản .txt UTF-8)",
        help_text="Văn bản xuất từ PDF cũng được: chú thích chân trang và chữ bị ngắt trang sẽ được ghép lại.",
    )
    commune = forms.ModelChoiceField(queryset=Unit.objects.none(), label="Xã ban hành")
    lead_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị chủ trì theo dõi kế hoạch",
        required=False,
        empty_label="Theo văn bản (đơn vị “chủ trì … theo dõi, đôn đốc” Kế hoạch)",
        help_text="Cán bộ của đơn vị này cùng lãnh đạo UBND xã soát xét, cập nhật kế hoạch.",
    )
    recurrence = forms.ChoiceField(
        label="Tần suất báo cáo của các nhiệm vụ",
        choices=Recurrence.choices,
        initial=Recurrence.QUARTERLY,
        help_text="Có thể sửa từng nhiệm vụ khi soát xét.",
    )

    def __init__(self, *args: Any, communes: Any, lead_units: Any, **kwargs: Any) -> None:
        """`communes`: where the user may import; `lead_units`: the units the user may name
        as the plan's lead (every unit of a commune the user manages, else the user's own)."""
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        if len(communes) == 1:
            self.fields["commune"].initial = communes[0]
        self.fields["lead_unit"].queryset = lead_units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        commune, lead = data.get("commune"), data.get("lead_unit")
        if commune and lead and lead.commune_id != commune.pk:
            self.add_error("lead_unit", "Đơn vị chủ trì phải thuộc xã ban hành kế hoạch.")
        return data

    def clean_file(self) -> Any:
        from django.conf import settings
        from django.template.defaultfilters import filesizeformat

        f = self.cleaned_data["file"]
        limit = min(settings.DANVAN_MAX_UPLOAD_BYTES, 5 * 1024 * 1024)
        if f.size > limit:
            raise ValidationError(f"Tệp quá lớn; tối đa {filesizeformat(limit)}.")
        return f


class PlanIssueForm(forms.Form):
    """Issuing a plan: the number it was given and the day it was signed."""

    number = Text(
        label="Số",
        max_length=20,
        help_text="Phần số trước ký hiệu, ví dụ 45 trong 45/KH-UBND.",
    )
    issued_on = DayField(label="Ngày ban hành")


class DraftTasksForm(forms.Form):
    """The review's choices over several duties of a draft: merge them, or give them to
    another lead unit (with these coordinating units)."""

    action = forms.ChoiceField(choices=[("merge", "Gộp"), ("reassign", "Giao lại")])
    tasks = forms.ModelMultipleChoiceField(
        queryset=Task.objects.none(),
        label="Nhiệm vụ đã chọn",
        error_messages={"required": "Chọn ít nhất một nhiệm vụ."},
    )
    lead_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label="Giao đơn vị chủ trì", required=False
    )
    coordinating_units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(), label="Đơn vị phối hợp", required=False
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(commune_id=plan.commune_id, is_active=True).exclude(
            kind=Unit.Kind.COMMUNE
        )
        self.fields["tasks"].queryset = plan.tasks.all()
        self.fields["lead_unit"].queryset = units
        self.fields["coordinating_units"].queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == "reassign" and not data.get("lead_unit"):
            self.add_error("lead_unit", "Chọn đơn vị chủ trì để giao các nhiệm vụ đã chọn.")
        return data


class ReferenceForm(forms.Form):
    doc_type = Text(
        label="Loại văn bản", max_length=40, help_text="Ví dụ: Nghị quyết, Chỉ thị, Luật"
    )
    number = Text(label="Số, ký hiệu", max_length=60, required=False, help_text="Ví dụ: 33/CT-TTg")
    issued_on = forms.DateField(label="Ngày ban hành", required=False, widget=DATE_WIDGET)
    issuer = Text(label="Cơ quan ban hành", max_length=200, required=False)
    title = LongText("Trích yếu", required=False, rows=2, max_length=500)
    sections = Text(
        label="Mục trích dẫn",
        max_length=200,
        required=False,
        help_text="Các mục cách nhau bởi dấu phẩy, ví dụ: II.1, II.2",
    )

    def __init__(self, *args: Any, reference: Any = None, **kwargs: Any) -> None:
        if reference is not None:
            doc = reference.document
            kwargs.setdefault(
                "initial",
                {
                    "doc_type": doc.doc_type,
                    "number": doc.number,
                    "issued_on": doc.issued_on,
                    "issuer": doc.issuer,
                    "title": doc.title,
                    "sections": ", ".join(reference.sections),
                },
            )
        super().__init__(*args, **kwargs)

    def clean_sections(self) -> list[str]:
        return [s.strip() for s in self.cleaned_data["sections"].split(",") if s.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("number") and not data.get("title"):
            raise ValidationError("Cần có số, ký hiệu hoặc trích yếu của văn bản.")
        return data
