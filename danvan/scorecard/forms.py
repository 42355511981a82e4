"""Forms of the self-assessment pages: they check what a person typed; the rules are in
services and sheet."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from danvan.core.errors import DomainError
from danvan.core.fields import FileUploads, LongText, Text
from danvan.scorecard import services
from danvan.scorecard.models import Scorecard
from danvan.scorecard.sheet import Line
from danvan.scorecard.templatetags.scorecard import points as shown


class PointsField(forms.Field):
    """Points as typed in Vietnam ("4,5") or with a dot ("4.5"), within 0..max."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "dv-points"})

    def __init__(self, *, max_points: Decimal, **kwargs: Any) -> None:
        self.max_points = max_points
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip().replace(" ", "").replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError("Nhập điểm là một số, ví dụ 4,5.") from None
        if not number.is_finite() or number.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ValidationError("Điểm có tối đa hai chữ số thập phân.")
        if not Decimal(0) <= number <= self.max_points:
            raise ValidationError(f"Điểm từ 0 đến {shown(self.max_points)}.")
        return number


class ScoresForm(forms.Form):
    """One form for every criterion of the assessment: points, explanation, links, files."""

    def __init__(self, *args: Any, lines: list[Line], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = [line for line in lines if line.scored]
        for line in self.lines:
            pk = line.criterion
            what = "Điểm trừ" if line.kind == "penalty" else "Điểm"
            self.fields[f"p_{pk}"] = PointsField(
                label=f"{what} {line.code} (tối đa {shown(line.max_points)})",
                max_points=line.max_points,
                initial="" if line.points is None else shown(line.points),
            )
            self.fields[f"n_{pk}"] = LongText(
                f"Giải trình {line.code}", required=False, rows=2, max_length=3000
            )
            self.fields[f"n_{pk}"].initial = line.note
            self.fields[f"l_{pk}"] = LongText(
                f"Liên kết minh chứng {line.code}", required=False, rows=2, max_length=3300
            )
            self.fields[f"l_{pk}"].initial = "\n".join(line.links)
            self.fields[f"l_{pk}"].help_text = "Mỗi dòng một đường dẫn trong hệ thống."
            self.fields[f"f_{pk}"] = FileUploads(
                label=f"Tệp minh chứng {line.code}", required=False, most=5
            )

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        for line in self.lines:
            name = f"l_{line.criterion}"
            if name in data:
                try:
                    data[name] = services.clean_links((data[name] or "").splitlines())
                except DomainError as e:
                    self.add_error(name, e.message)
        return data

    def entries(self) -> dict[int, services.Entry]:
        data = self.cleaned_data
        return {
            line.criterion: services.Entry(
                points=data.get(f"p_{line.criterion}"),
                note=data.get(f"n_{line.criterion}") or "",
                links=data.get(f"l_{line.criterion}") or [],
                files=data.get(f"f_{line.criterion}") or [],
            )
            for line in self.lines
        }

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "points": self[f"p_{line.criterion}"],
                "note": self[f"n_{line.criterion}"],
                "links": self[f"l_{line.criterion}"],
                "files": self[f"f_{line.criterion}"],
            }
            for line in self.lines
        ]


class StartForm(forms.Form):
    year = forms.TypedChoiceField(label="Năm", coerce=int)
    scorecard = forms.ModelChoiceField(
        label="Bộ tiêu chí", queryset=Scorecard.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, years: list[int], cards: list[Scorecard], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["scorecard"].queryset = Scorecard.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.pk for c in cards]
        )


class ReopenForm(forms.Form):
    reason = Text(label="Lý do mở lại", max_length=500)
