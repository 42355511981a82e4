"""Split a pasted draft into its articles or points. Pure Python: no Django.

A Vietnamese draft numbers its parts "Điều 1. Phạm vi điều chỉnh", "Chương I", "1. Mục tiêu",
"I. MỤC ĐÍCH, YÊU CẦU" or "a) …". The top level present in the text becomes one point each:
articles ("Điều N") when there are any, otherwise Roman numerals, otherwise Arabic numerals;
lower levels stay inside the text of their point. What comes before the first heading is a
preamble point of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_POINTS = 200
HEADING_MAX = 300

_LEVELS = [
    re.compile(r"^\s*Điều\s+\d+[a-zđ]?\s*[.:]", re.IGNORECASE),
    re.compile(r"^\s*(?=[IVXLC]+\s*[.:)])[IVXLC]+\s*[.:)]\s+\S"),
    re.compile(r"^\s*\d{1,3}\s*[.:)]\s+\S"),
]


@dataclass(frozen=True)
class DraftPoint:
    heading: str
    text: str


def split_draft(raw: str) -> list[DraftPoint]:
    """The points of a pasted draft, in order; empty input gives no point."""
    lines = [line.rstrip() for line in (raw or "").replace("\r\n", "\n").split("\n")]
    if not any(line.strip() for line in lines):
        return []
    level = next((p for p in _LEVELS if any(p.match(line) for line in lines)), None)
    if level is None:
        text = "\n".join(lines).strip()
        return [DraftPoint(heading=_heading(text.split("\n", 1)[0]), text=text)]
    points: list[DraftPoint] = []
    heading: str | None = None
    body: list[str] = []

    def flush() -> None:
        text = "\n".join(body).strip()
        if heading is None:
            if text:
                points.append(DraftPoint(heading="Phần mở đầu", text=text))
        else:
            points.append(DraftPoint(heading=_heading(heading), text=text))

    for line in lines:
        if level.match(line):
            flush()
            heading, body = line.strip(), []
        else:
            body.append(line)
    flush()
    if len(points) > MAX_POINTS:
        kept = points[: MAX_POINTS - 1]
        rest = "\n\n".join(f"{p.heading}\n{p.text}".strip() for p in points[MAX_POINTS - 1 :])
        kept.append(DraftPoint(heading="Các điều còn lại", text=rest))
        points = kept
    return points


def _heading(line: str) -> str:
    line = " ".join(line.split())
    return line if len(line) <= HEADING_MAX else line[: HEADING_MAX - 1] + "…"
