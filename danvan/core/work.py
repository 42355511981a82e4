"""What waits on a person, in any app: the rows of "Việc của tôi" (the leaders' loop).

Each app's `my_work` hook (core.domain.AppConfig) returns WorkItems; the page sorts them by
due date, late first, whatever app they come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class WorkItem:
    app: str  # the app's verbose name: "Đơn thư", "Kế hoạch, nhiệm vụ"
    kind: str  # what is asked, in words: "Xử lý đơn", "Báo cáo tiến độ", "Duyệt báo cáo"
    title: str
    url: str
    due: date | None
    commune_id: int | None = None

    def late_on(self, today: date) -> bool:
        return self.due is not None and self.due < today
