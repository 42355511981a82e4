"""Long work in the background (issue 15): imports, large exports, the periodic report.

A person asks; a `Job` row records what, for whom and how far it got; one django-tasks task,
`run_job`, runs every kind of job and stores what it made as an `Attachment` owned by the job,
then tells the owner through `core.notify`. An app declares a kind once:

    @job_kind(source=lambda job, user: ..., shared=False)
    def register_xlsx(job: Job, progress: Progress) -> Output: ...

and its view calls `start(request, register_xlsx, commune=..., label=..., params=...)` when the
work is large (`too_large(rows)`), keeping the small case synchronous.

Who may see a job and download its file (`job_readable_by`): the kind's `source` check, asked
again at every request (a person who lost the right loses the file too), and, unless the kind is
`shared` (its output is the same whoever asked: a plan's report), only the owner, since an
export can hold what the owner's own access let in.

Where jobs run (`settings.DANVAN_JOBS`):
- "thread" (the default: one commune, nothing new to run): the web process that queued a job
  runs the queue in one background thread; a job page that finds its job still waiting starts
  the thread again (after a restart).
- "worker" (a province): `danvan worker` (django-tasks-db's worker) runs them, on any machine
  that reaches the database.
- "now": django-tasks' immediate backend, the job runs inside the request (tests).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import OperationalError, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from danvan.core.errors import DomainError
from danvan.core.models import Attachment, Job, Unit, User
from danvan.core.notify import notify

log = logging.getLogger(__name__)

T = TypeVar("T")

Status = Job.Status


@dataclass(frozen=True)
class Output:
    """What a job made: a file (`content`, `filename`, `mime`), or a page to open (`url`),
    and one Vietnamese sentence saying what was done."""

    content: bytes = b""
    filename: str = ""
    mime: str = ""
    url: str = ""
    message: str = ""


@dataclass(frozen=True)
class JobKind:
    path: str
    run: Callable[[Job, Progress], Output]
    # Whether this person may read what the job was made from (the plan, the register…).
    source: Callable[[Job, User], bool]
    # True when the output is the same whoever asked; else only the owner downloads it.
    shared: bool = False


def job_kind(
    *, source: Callable[[Job, User], bool], shared: bool = False
) -> Callable[[Callable[[Job, Progress], Output]], JobKind]:
    """Declare a kind of job; the decorated module-level name becomes the `JobKind`, found
    again by its dotted path in the worker."""

    def wrap(run: Callable[[Job, Progress], Output]) -> JobKind:
        return JobKind(f"{run.__module__}.{run.__name__}", run, source, shared)

    return wrap


def kind_of(job: Job) -> JobKind:
    kind = import_string(job.kind)
    if not isinstance(kind, JobKind):
        raise TypeError(f"{job.kind} is not a job kind")
    return kind


def job_readable_by(job: Job, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    kind = kind_of(job)
    if not kind.shared and user.pk != job.owner_id:
        return False
    return bool(kind.source(job, user))


class Progress:
    """How far a job got, written to its row at most every `EVERY` seconds (and at the end),
    so that a long export does not spend its time writing its own progress."""

    EVERY = 0.5

    def __init__(self, job: Job) -> None:
        self.job = job
        self._written = 0.0

    def __call__(self, done: int, total: int | None = None, note: str = "") -> None:
        job = self.job
        if total is not None:
            job.total = max(total, 0)
        job.done = max(0, min(done, job.total) if job.total else done)
        if note:
            job.note = note[:200]
        now = time.monotonic()
        if now - self._written < self.EVERY and job.done < job.total:
            return
        try:
            # A savepoint: a busy row (SQLite's lock while a page reads the job) loses only
            # this tick, never the work or a transaction the job runs in.
            with transaction.atomic():
                Job.objects.filter(pk=job.pk).update(
                    done=job.done, total=job.total, note=job.note, updated_at=timezone.now()
                )
        except OperationalError as e:
            log.info("Job %s: progress not written this time (%s)", job.pk, e)
            return
        self._written = now

    def each(self, items: Iterable[T], total: int, note: str = "") -> Iterator[T]:
        """The items, counting each one as done once the caller has taken the next."""
        self(0, total, note)
        for done, item in enumerate(items, start=1):
            yield item
            self(done)


FAILED = (
    "Không thực hiện được việc này do lỗi của hệ thống; lỗi đã được ghi lại để quản trị viên "
    "kiểm tra. Xin thử lại sau."
)
CUT_OFF = "Việc bị gián đoạn (máy chủ dừng hoặc khởi động lại khi đang làm). Xin yêu cầu làm lại."


@task()
def run_job(job_id: int) -> str:
    """Run one queued job; safe to run twice (a job already claimed is left alone)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, updated_at=now
    )
    if not claimed:
        return "skipped"
    job = Job.objects.select_related("owner", "commune").get(pk=job_id)
    try:
        output = kind_of(job).run(job, Progress(job))
        _finish(job, output)
    except DomainError as e:
        log.warning("Job %s (%s) refused: %s", job.pk, job.kind, e.message)
        _fail(job, e.message)
    except Exception:
        log.exception("Job %s (%s) failed", job.pk, job.kind)
        _fail(job, _(FAILED))
    return job.status


def _store(job: Job, output: Output) -> Attachment:
    name = output.filename or "ket-qua"
    return Attachment.objects.create(
        file=ContentFile(output.content, name=name),
        original_name=name[:255],
        mime_type=output.mime or "application/octet-stream",
        size=len(output.content),
        sha256=hashlib.sha256(output.content).hexdigest(),
        commune=job.commune,
        uploaded_by=job.owner,
        owner_type=ContentType.objects.get_for_model(Job),
        owner_id=job.pk,
    )


def _finish(job: Job, output: Output) -> None:
    with transaction.atomic():
        if output.content:
            job.result = _store(job, output)
        job.result_url = output.url[:300]
        job.message = output.message or _("Đã xong.")
        job.status = Status.DONE
        job.done = max(job.done, job.total)
        job.note = ""
        job.finished_at = timezone.now()
        job.save()
        title = _("Đã xong: %(label)s") % {"label": job.label}
        transaction.on_commit(lambda: _tell(job, title))


def _fail(job: Job, message: str) -> None:
    job.status = Status.FAILED
    job.message = message
    job.note = ""
    job.finished_at = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=job.status, message=message, note="", finished_at=job.finished_at
    )
    title = _("Không thực hiện được: %(label)s") % {"label": job.label}
    transaction.on_commit(lambda: _tell(job, title))


def _tell(job: Job, title: str) -> None:
    notify([job.owner], title=title, body=job.message, url=reverse("core:job", args=[job.pk]))


def prune(*, now: datetime | None = None, limit: int = 100) -> int:
    """Forget jobs finished more than `DANVAN_JOBS_KEEP_DAYS` ago, with their files: an export
    of a register or of the audit log is a copy of personal data, kept no longer than it is
    useful. Runs as each job is queued (a few rows at a time); returns how many went."""
    before = (now or timezone.now()) - timedelta(days=settings.DANVAN_JOBS_KEEP_DAYS)
    old = list(
        Job.objects.filter(finished_at__lt=before).select_related("result").order_by("pk")[:limit]
    )
    for job in old:
        result = job.result
        job.delete()
        if result is not None:
            result.file.delete(save=False)
            result.delete()
    return len(old)


def enqueue(
    kind: JobKind, *, owner: User, commune: Unit, label: str, params: dict | None = None
) -> Job:
    """Queue a job for `owner`; with the immediate backend it has run when this returns."""
    prune()
    job = Job.objects.create(
        kind=kind.path, label=label[:200], owner=owner, commune=commune, params=params or {}
    )
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    if settings.DANVAN_JOBS == "thread":
        transaction.on_commit(kick)
    job.refresh_from_db()
    return job


def too_large(rows: int) -> bool:
    """Whether work of this many rows goes to the background (`DANVAN_JOBS_SYNC_ROWS`)."""
    return rows > settings.DANVAN_JOBS_SYNC_ROWS


def start(
    request: HttpRequest,
    kind: JobKind,
    *,
    commune: Unit,
    label: str,
    params: dict | None = None,
) -> HttpResponse:
    """Queue the job and answer: its file or page when it is already done (the immediate
    backend), else its progress page."""
    user = request.user
    assert isinstance(user, User)
    job = enqueue(kind, owner=user, commune=commune, label=label, params=params)
    if job.status == Status.DONE:
        if job.result_id:
            return redirect("core:attachment", pk=job.result_id)
        if job.result_url:
            messages.success(request, job.message)
            return redirect(job.result_url)
    return redirect("core:job", pk=job.pk)


def refresh(job: Job) -> Job:
    """What a job page does before showing a job: a running job silent for longer than
    `DANVAN_JOBS_STALE_MINUTES` was cut off (its process died) and is marked failed; a job
    still waiting in "thread" mode gets a runner (the process that queued it may be gone)."""
    now = timezone.now()
    if job.status == Status.RUNNING:
        stale = now - timedelta(minutes=settings.DANVAN_JOBS_STALE_MINUTES)
        if job.updated_at < stale:
            Job.objects.filter(pk=job.pk, status=Status.RUNNING, updated_at__lt=stale).update(
                status=Status.FAILED, message=_(CUT_OFF), finished_at=now
            )
            log.error("Job %s (%s) cut off: no progress since %s", job.pk, job.kind, stale)
            job.refresh_from_db()
    elif job.status == Status.QUEUED and settings.DANVAN_JOBS == "thread":
        kick()
    return job


def status_of(job: Job) -> dict[str, Any]:
    """The job as the page and its script read it."""
    percent = 100 if job.status == Status.DONE else 0
    if job.total and job.status != Status.DONE:
        percent = min(99, job.done * 100 // job.total)
    return {
        "id": job.pk,
        "label": job.label,
        "status": job.status,
        "status_label": job.get_status_display(),
        "finished": job.status in (Status.DONE, Status.FAILED),
        "done": job.done,
        "total": job.total,
        "percent": percent,
        "note": job.note,
        "message": job.message,
        "download": reverse("core:attachment", args=[job.result_id]) if job.result_id else "",
        "url": job.result_url,
    }


# In-process runner ("thread" mode): at most one thread per process drains the queue, started
# when a job is queued; `_wanted` makes a job queued while the thread finishes its last batch
# start another batch rather than wait.
_lock = threading.Lock()
_wanted = False
_thread: threading.Thread | None = None


def kick() -> None:
    """Make sure this process runs the queued jobs soon."""
    global _thread, _wanted
    with _lock:
        _wanted = True
        if _thread is None:
            _thread = threading.Thread(target=_drain, name="danvan-jobs", daemon=True)
            _thread.start()


def _drain() -> None:
    global _thread, _wanted
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"web-{os.getpid()}-{threading.get_ident()}"[:64],
        excluded_queue_names=[],
    )
    try:
        while True:
            with _lock:
                if not _wanted:
                    _thread = None
                    return
                _wanted = False
            worker.run()
    except Exception:
        log.exception("The in-process job runner stopped")
        with _lock:
            _thread = None
    finally:
        connections.close_all()
