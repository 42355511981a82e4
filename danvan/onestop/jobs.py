"""A large dossier file imported in the background (core/jobs.py): the file travels in the job's
parameters (base64: a year of a centre is a few megabytes), is read again with the commune's
saved columns and imported as on the page; the job opens the import's result page."""

from __future__ import annotations

import base64
from datetime import date

from django.urls import reverse

from danvan.core.access import get_access
from danvan.core.jobs import Output, Progress, job_kind
from danvan.core.models import Job, User
from danvan.onestop import services
from danvan.onestop.access import can_write


def may_import(job: Job, user: User) -> bool:
    return can_write(get_access(user), job.commune_id)


@job_kind(source=may_import)
def dossiers_import_file(job: Job, progress: Progress) -> Output:
    progress(0, 1, "Đang đọc tệp")
    done = services.file_import(
        base64.b64decode(job.params["file"]),
        str(job.params["name"]),
        commune=job.commune,
        on=date.fromisoformat(job.params["on"]),
        by=job.owner,
        progress=lambda n, total: progress(n, total, "Đang lưu hồ sơ"),
    )
    return Output(
        url=reverse("onestop:import_result", args=[done.pk]), message=services.summary(done)
    )
