"""Daily: close consultations past their last day and ask their managers for the synthesis."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from danvan.consultations import services
from danvan.consultations.models import Comment
from danvan.core.access import members
from danvan.core.models import Role, User
from danvan.core.notify import notify


def managers_of(commune_id: int, lead_unit_id: int) -> list[User]:
    """The commune's leaders and the lead unit's officers: those who answer the comments."""
    leaders = members(Role.LEADER, unit_id=commune_id)
    return list(leaders | members(Role.OFFICER, unit_id=lead_unit_id))


def close_and_notify(*, today: date) -> dict[str, int]:
    closed = services.consultations_close_due(today=today)
    for c in closed:
        waiting = Comment.objects.filter(consultation=c).unanswered().count()
        notify(
            managers_of(c.commune_id, c.lead_unit_id),
            title=f"Hết thời gian lấy ý kiến: {c.title}"[:200],
            body=(
                f"Đã hết hạn nhận ý kiến ngày {c.closes_on:%d/%m/%Y}. Còn {waiting} ý kiến cần "
                "tiếp thu hoặc giải trình trước khi công bố kết quả."
            ),
            url=reverse("consultations:detail", args=[c.pk]),
        )
    return {"closed": len(closed)}
