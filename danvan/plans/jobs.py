"""A plan's import (the page "Nhập kế hoạch") made in the background (core/jobs.py) when the
document holds more duties than `DANVAN_JOBS_SYNC_ROWS`: the text is read again from the job's
parameters (a .docx flattened as the parser reads it), then imported as on the page."""

from __future__ import annotations

from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.jobs import Output, Progress, job_kind
from danvan.core.models import Job, Unit, User
from danvan.lib import planparse
from danvan.plans.access import import_units
from danvan.plans.importer import plan_import


def may_import(job: Job, user: User) -> bool:
    """The page's rule: the commune's leaders, or an officer of one of its units."""
    access = get_access(user)
    if access.can_manage(job.commune_id):
        return True
    return Unit.objects.filter(pk__in=import_units(access), commune_id=job.commune_id).exists()


# The draft is the owner's to review: only the owner follows the job to it.
@job_kind(source=may_import)
def plan_import_text(job: Job, progress: Progress) -> Output:
    text = str(job.params["text"])
    progress(0, 2, "Đang đọc văn bản")
    parsed = planparse.parse_text(text)
    progress(1, 2, f"Đang lưu {len(parsed.tasks)} nhiệm vụ")
    lead_id = job.params.get("lead_unit")
    lead = Unit.objects.filter(pk=lead_id, commune_id=job.commune_id).first() if lead_id else None
    result = plan_import(
        parsed=parsed,
        commune=job.commune,
        by=job.owner,
        source_text=text,
        default_recurrence=job.params["recurrence"],
        lead_unit=lead,
    )
    return Output(
        url=reverse("plans:plan_review", args=[result.plan.pk]),
        message=(
            f"Đã đọc văn bản thành dự thảo kế hoạch với {result.plan.tasks.count()} nhiệm vụ. "
            "Dự thảo chưa tính vào danh sách, tổng quan hay đôn đốc: hãy soát xét, gộp, tách, "
            "giao lại nhiệm vụ, rồi trình lãnh đạo ban hành."
        ),
    )
