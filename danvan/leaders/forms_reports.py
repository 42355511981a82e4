"""Forms of the periodic report: the period to create, the narrative the office edits."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from danvan.core.fields import LongText, Text
from danvan.core.models import Unit
from danvan.leaders.models import ReportingPeriod
from danvan.leaders.reports import NARRATIVE

FIRST_YEAR = 2019  # Nghị định 09/2019/NĐ-CP is in force from 12/03/2019


class ReportCreateForm(forms.Form):
    xa = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Xã",
        error_messages={"invalid_choice": "Chọn một xã trong danh sách."},
    )
    ky = forms.ChoiceField(
        label="Kỳ báo cáo",
        choices=ReportingPeriod.Kind.choices,
        error_messages={"invalid_choice": "Chọn kỳ báo cáo 6 tháng hoặc năm."},
    )
    nam = forms.IntegerField(
        label="Năm",
        error_messages={"invalid": "Năm phải là một số, ví dụ 2026."},
    )

    def __init__(self, *args: Any, communes: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        xa = self.fields["xa"]
        assert isinstance(xa, forms.ModelChoiceField)
        xa.queryset = Unit.objects.filter(pk__in=[c.pk for c in communes]).order_by("name")
        if len(communes) == 1:
            xa.initial = communes[0].pk
        self.fields["nam"].initial = timezone.localdate().year

    def clean_nam(self) -> int:
        year: int = self.cleaned_data["nam"]
        latest = timezone.localdate().year + 1
        if not FIRST_YEAR <= year <= latest:
            raise forms.ValidationError(f"Năm báo cáo từ {FIRST_YEAR} đến {latest}.")
        return year


class NarrativeForm(forms.Form):
    number = Text(label="Số văn bản", required=False, max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, heading in NARRATIVE:
            self.fields[key] = LongText(heading, required=False, rows=6, max_length=20000)

    def narrative(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key, _heading in NARRATIVE}
