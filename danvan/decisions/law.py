"""The matters villagers decide, as `danvan law` and the law page print them (core.law).

One row per item of Luật THDCCS 2022 Điều 15, read from the rule rows (MatterItem) an
administrator keeps. The rows carry no validity dates: every row is in force on every day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.decisions.models import MatterItem, Recognizer

RECOGNISED_BY: dict[str, str] = {Recognizer.COMMITTEE: "ubnd", Recognizer.FRONT: "ubmttq"}
FRACTIONS = {(1, 2): "half", (2, 3): "two-thirds"}
COMMUNE_WIDE = {"villages-2-3": "at-least-two-thirds-of-villages"}


def threshold_code(item: MatterItem) -> str:
    """`at-least-two-thirds`, `more-than-half` (another fraction an administrator sets: `at-least-3/4`)."""
    n, d = item.threshold_numerator, item.threshold_denominator
    fraction = FRACTIONS.get((n, d), f"{n}/{d}")
    return f"{'more-than' if item.threshold_strict else 'at-least'}-{fraction}"


def _sources(item: MatterItem) -> str:
    parts = [
        item.item_source,
        item.threshold_source,
        item.commune_wide_source,
        item.meeting_source,
        item.online_source,
        item.recognizer_source,
    ]
    out: list[str] = []
    named = ""
    for part in dict.fromkeys(p for p in parts if p):
        # "Luật …, Điều 15 khoản 1; Điều 21 khoản 1 …": a law named once while it repeats.
        law, _, rest = part.partition(", Điều ")
        out.append(f"Điều {rest}" if rest and law == named else part)
        named = law if rest and ";" not in rest else ""  # another text named inside: name again
    return "; ".join(out)


def law_in_force(on: date) -> dict[str, list[dict[str, Any]]]:
    rows = [
        {
            "item": item.number,
            "title": item.name,
            "threshold": threshold_code(item),
            "commune_wide": COMMUNE_WIDE.get(item.commune_wide_rule, item.commune_wide_rule)
            or None,
            "online_vote": item.online_allowed,
            "recognised_by": RECOGNISED_BY.get(item.recognizer),
            "source": _sources(item),
        }
        for item in MatterItem.objects.order_by("number")
    ]
    return {"decision_matters": rows}
