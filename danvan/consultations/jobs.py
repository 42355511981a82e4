"""Consultations' background jobs (core/jobs.py): the list of comments (.xlsx) of a draft that
drew more comments than `DANVAN_JOBS_SYNC_ROWS` (a consultation open on the portal)."""

from __future__ import annotations

from danvan.consultations import exports
from danvan.consultations.access import can_manage
from danvan.consultations.models import Comment, Consultation
from danvan.core.access import get_access
from danvan.core.errors import DomainError
from danvan.core.jobs import Output, Progress, job_kind
from danvan.core.models import Job, User
from danvan.lib.spreadsheet import XLSX_MIME


def _consultation(job: Job) -> Consultation | None:
    return (
        Consultation.objects.select_related("commune", "lead_unit", "matter")
        .filter(pk=job.params.get("consultation"), commune_id=job.commune_id)
        .first()
    )


def manages(job: Job, user: User) -> bool:
    """The page's rule: who manages the consultation (the list names who gave each comment)."""
    c = _consultation(job)
    return c is not None and get_access(user).can_read(c.commune_id) and can_manage(user, c)


def comment_count(c: Consultation) -> int:
    return Comment.objects.filter(consultation=c).count()


# Every manager of the consultation reads the same list.
@job_kind(source=manages, shared=True)
def comments_xlsx(job: Job, progress: Progress) -> Output:
    c = _consultation(job)
    if c is None:
        raise DomainError("Dự thảo không còn nữa.")
    progress(0, 1, f"Đang ghi {comment_count(c)} ý kiến")
    content = exports.comments_xlsx(c)
    return Output(
        content=content,
        filename=f"y-kien-du-thao-{c.pk}.xlsx",
        mime=XLSX_MIME,
        message=f"Đã xuất danh sách ý kiến góp ý: {c.title}.",
    )
