"""Petitions' background jobs (core/jobs.py): the reception register of a year, form 03/TCD,
when it is too long to make while the officer waits."""

from __future__ import annotations

from danvan.core.access import get_access
from danvan.core.jobs import Output, Progress, job_kind
from danvan.core.models import Job, User
from danvan.lib.spreadsheet import XLSX_MIME
from danvan.petitions import exports
from danvan.petitions.models import Visit


def keeps_register(job: Job, user: User) -> bool:
    """Who keeps (or reads as a leader) the commune's register: the page's own rule."""
    return job.commune_id in get_access(user).reception_communes


# The register is the same for everyone who keeps it (a protected line shows the mark).
@job_kind(source=keeps_register, shared=True)
def register_xlsx(job: Job, progress: Progress) -> Output:
    year = int(job.params["year"])
    visits = Visit.objects.filter(commune=job.commune, visited_on__year=year).order_by(
        "visited_on", "id"
    )
    total = visits.count()
    rows = progress.each(visits.iterator(chunk_size=1000), total, "Đang ghi sổ")
    content = exports.register_xlsx(commune=job.commune, year=year, visits=rows)
    return Output(
        content=content,
        filename=f"so-tiep-cong-dan-{year}.xlsx",
        mime=XLSX_MIME,
        message=f"Đã xuất sổ tiếp công dân năm {year}: {total} lượt tiếp.",
    )
