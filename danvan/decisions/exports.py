"""The register of matters villagers decided, one row per village's tally, as .xlsx.

Titles and places are typed by officers; lib.spreadsheet keeps every text cell from running as
a formula (a leading "=" stays text), as in the other exports.
"""

from __future__ import annotations

from collections.abc import Iterable

from danvan.decisions.models import CommunityDecision
from danvan.decisions.rules import percent
from danvan.lib.spreadsheet import Sheet

COLUMNS = [
    ("Việc", 40),
    ("Khoản (Điều 15)", 8),
    ("Hình thức", 24),
    ("Thôn", 18),
    ("Ngày biểu quyết", 12),
    ("Tổng số hộ", 10),
    ("Số hộ tham gia", 10),
    ("Tán thành", 10),
    ("Không tán thành", 10),
    ("Không hợp lệ", 10),
    ("Tỷ lệ tán thành", 10),
    ("Kết quả của thôn", 16),
    ("Kết quả chung", 16),
    ("Tình trạng", 22),
    ("Ngày gửi biên bản", 12),
    ("Ngày công nhận", 12),
    ("Ngày có hiệu lực", 12),
    ("Lý do không công nhận", 30),
]


def decisions_xlsx(decisions: Iterable[CommunityDecision]) -> bytes:
    sheet = Sheet("Dân bàn và quyết định")
    sheet.header(COLUMNS)
    for d in decisions:
        for m in d.meetings.select_related("village", "tally").order_by("village__name"):
            t = getattr(m, "tally", None)
            sheet.row(
                (
                    d.title,
                    d.item.number,
                    d.get_form_display(),
                    m.village.name,
                    m.vote_day,
                    t.households if t else None,
                    t.present if t else None,
                    t.agree if t else None,
                    t.disagree if t else None,
                    t.invalid if t else None,
                    percent(t.agree, t.households) if t else "",
                    ("Thông qua" if t.passed else "Không thông qua") if t else "Chưa có",
                    d.get_outcome_display(),
                    d.get_status_display(),
                    d.sent_on,
                    d.recognised_on,
                    d.effective_on,
                    d.refusal_reasons,
                )
            )
    return sheet.to_bytes()
