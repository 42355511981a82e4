"""The self-assessment's part of the leaders' overview (core.figures.shape; the hook `overview`
in apps.py).

The year is the year of the period's end: each commune's assessment of that year is one item,
done when submitted (no legal time limit is known for it, so nothing is late and no rate is
given). Its own numbers: the total and the grade (of the one commune, or how many communes
reached each grade), and the criteria scored without evidence. A unit's or a village's slice
means nothing here (the assessment is the commune's). A commune without one is counted among
"Xã chưa lập bản tự đánh giá".
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.urls import reverse

from danvan.core.figures import shape
from danvan.scorecard.models import Assessment
from danvan.scorecard.sheet import live
from danvan.scorecard.templatetags.scorecard import points


def figures(
    *,
    communes: list[int],
    start: date,
    end: date,
    on: date,
    units: list[int] | None = None,
    villages: list[int] | None = None,
    viewer: Any = None,
    detail: bool = True,
) -> dict[str, dict[str, Any]]:
    if units is not None or villages is not None:
        return {}
    year = end.year
    found = list(
        Assessment.objects.filter(commune_id__in=communes, year=year).select_related("scorecard")
    )
    rows = []
    missing = 0
    grades: Counter[str] = Counter()
    for a in found:
        done = int(a.submitted)
        rows.append(
            {
                "commune": a.commune_id,
                "total": 1,
                "new": 1,
                "carried": 0,
                "open": 1 - done,
                "late": 0,
                "done": done,
                "done_on_time": done,
                "done_late": 0,
                "on_time_rate": None,
                "small": False,
            }
        )
        if a.submitted:
            missing += a.missing or 0
            grades[a.grade or "Chưa xếp loại"] += 1
        else:
            result = live(a)
            missing += len(result.missing)
            a.total, a.grade = result.total, result.grade
    extra: list[dict[str, Any]] = []
    if len(found) == 1:
        a = found[0]
        state = "đã gửi" if a.submitted else "chưa gửi"
        extra += [
            {"key": "points", "label": f"Tổng điểm tự chấm ({state})", "value": points(a.total)},
            {"key": "grade", "label": "Tự xếp loại", "value": a.grade or "Chưa xếp loại"},
        ]
    else:
        extra += [
            {"key": f"grade:{name}", "label": f"Tự xếp loại {name}", "value": n}
            for name, n in sorted(grades.items())
        ]
    extra.append({"key": "missing", "label": "Tiêu chí chưa có minh chứng", "value": missing})
    # A commune that has not started its year's assessment is what the leaders must see first.
    extra.append(
        {
            "key": "absent",
            "label": "Xã chưa lập bản tự đánh giá",
            "value": len(set(communes)) - len(found),
        }
    )
    return {
        "scorecard": shape(
            label=f"Tự đánh giá công tác dân vận năm {year}",
            noun="bản tự đánh giá",
            url=reverse("scorecard:index"),
            note="Xong khi đã gửi; không có thời hạn pháp định nên không tính trễ hạn.",
            by_commune=rows,
            extra=extra,
            rated=False,
        )
    }
