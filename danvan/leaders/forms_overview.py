"""The overview's period: a year, a half-year or a month of it, or any days `?tu=&den=`
(dd/mm/yyyy), each refused in Vietnamese when it is wrong."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from danvan.core.fields import DayField
from danvan.leaders.overview import SECTIONS

WHOLE_YEAR = "ca-nam"
FIRST_HALF = "6-thang-dau"
SECOND_HALF = "6-thang-cuoi"
PERIODS = [
    (WHOLE_YEAR, "Cả năm"),
    (FIRST_HALF, "6 tháng đầu năm"),
    (SECOND_HALF, "6 tháng cuối năm"),
    *[(f"thang-{m}", f"Tháng {m}") for m in range(1, 13)],
]
# Longer periods would make the months' chart unreadable and its query long.
LONGEST_DAYS = 3 * 366

SECTION_LABELS = {
    "plan": "Kế hoạch",
    "petitions": "Đơn thư",
    "reception": "Tiếp công dân",
    "disclosures": "Công khai",
    "consultations": "Lấy ý kiến",
    "decisions": "Dân quyết định",
    "supervision": "Giám sát",
    "promises": "Cam kết",
    "dialogues": "Đối thoại",
    "voters": "Kiến nghị cử tri",
    "questioning": "Chất vấn",
    "inspections": "Kiểm tra",
    "mediation": "Hòa giải",
    "movement": "Dân vận khéo",
    "commendations": "Khen thưởng",
    "scorecard": "Tự đánh giá",
    "onestop": "Một cửa",
    "news": "Tin bài, truyền thanh",
    "opinion": "Dư luận",
    "ethnic_religious": "Dân tộc, tôn giáo",
    "study": "Học tập",
    "directives": "Chỉ đạo",
}


class PeriodForm(forms.Form):
    nam = forms.IntegerField(
        label="Năm",
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Năm phải là một số, ví dụ 2026.",
            "min_value": "Năm phải từ 2000 đến 2100.",
            "max_value": "Năm phải từ 2000 đến 2100.",
        },
    )
    ky = forms.ChoiceField(
        label="Kỳ",
        required=False,
        choices=PERIODS,
        error_messages={"invalid_choice": "Kỳ không hợp lệ: chọn cả năm, 6 tháng hoặc một tháng."},
    )
    tu = DayField(label="Từ ngày", required=False, future=True)
    den = DayField(label="Đến ngày", required=False, future=True)
    # The province viewer's comparison: rank the communes by one part's on-time rate.
    xep = forms.ChoiceField(
        label="Xếp theo",
        required=False,
        choices=[("", "Tên xã"), *[(k, v) for k, v in SECTION_LABELS.items() if k in SECTIONS]],
        error_messages={"invalid_choice": "Cách xếp không hợp lệ."},
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        tu, den = data.get("tu"), data.get("den")
        if (tu is None) != (den is None) and not self.errors:
            raise ValidationError("Nhập cả “Từ ngày” và “Đến ngày”, hoặc để trống cả hai.")
        if tu and den:
            if den < tu:
                raise ValidationError("“Đến ngày” không được trước “Từ ngày”.")
            if (den - tu).days > LONGEST_DAYS:
                raise ValidationError("Khoảng thời gian dài nhất là 3 năm.")
        return data

    def period(self, today: date) -> tuple[date, date, str]:
        """(start, end, the period in words) of a valid form; the current year by default."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("tu") and data.get("den"):
            start, end = data["tu"], data["den"]
            return start, end, f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
        year = data.get("nam") or today.year
        kind = data.get("ky") or WHOLE_YEAR
        if kind == FIRST_HALF:
            return date(year, 1, 1), date(year, 6, 30), f"6 tháng đầu năm {year}"
        if kind == SECOND_HALF:
            return date(year, 7, 1), date(year, 12, 31), f"6 tháng cuối năm {year}"
        if kind.startswith("thang-"):
            month = int(kind.removeprefix("thang-"))
            first = date(year, month, 1)
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            return first, last, f"tháng {month}/{year}"
        return date(year, 1, 1), date(year, 12, 31), f"năm {year}"
