"""Background jobs (core/jobs.py, issue 15): a job is queued, runs in the worker (or in the
web process's thread, or at once), reports its progress, keeps its file for the owner and those
who may read its source, tells the owner when done, and fails in Vietnamese with the error
logged. The apps' own jobs: petitions/tests/test_jobs.py (the reception register),
leaders/tests/test_jobs.py (the periodic report); the plan import and the audit log here."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.core import jobs
from danvan.core.access import get_access
from danvan.core.audit import log_action
from danvan.core.errors import DomainError
from danvan.core.jobs import Output, Progress, job_kind
from danvan.core.models import Attachment, Job, Notification
from danvan.plans.models import Plan
from danvan.testing.jobs import DATABASE, immediate, queued, status, work

__all__ = ["immediate", "queued"]  # fixtures

# The real plan of Hồng Phong, the demo's.
SEED = (
    Path(__file__).resolve().parents[2]
    / "demo"
    / "fixtures"
    / "ke-hoach-dan-van-chinh-quyen-2026-hong-phong.txt"
)

# --- kinds of job for the tests (found by their dotted path, as in the worker) ---------------

seen_mid_run: list[tuple[int, int, str]] = []


@job_kind(source=lambda job, user: get_access(user).can_read(job.commune_id))
def counting_job(job: Job, progress: Progress) -> Output:
    """Four steps; records what the job's row says after the first."""
    progress(1, 4, "Bước một")
    row = Job.objects.get(pk=job.pk)
    seen_mid_run.append((row.done, row.total, row.note))
    for step in range(2, 5):
        progress(step)
    return Output(content=b"a,b\n1,2\n", filename="ket-qua.csv", mime="text/csv", message="Xong.")


@job_kind(source=lambda job, user: True)
def broken_job(job: Job, progress: Progress) -> Output:
    raise RuntimeError("disk on fire")


@job_kind(source=lambda job, user: True)
def refused_job(job: Job, progress: Progress) -> Output:
    raise DomainError("Kỳ này có hơn 50.000 mục nhật ký; vui lòng chọn khoảng thời gian ngắn hơn.")


# --- the queued path, who sees what ------------------------------------------------------------


def test_it_runs_a_job_only_once(
    world: World, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    job = jobs.enqueue(counting_job, owner=world.chairman, commune=world.commune, label="Đếm")
    work(django_capture_on_commit_callbacks)
    assert jobs.run_job.call(job.pk) == "skipped"
    assert Attachment.objects.count() == 1
    assert Notification.objects.filter(user=world.chairman).count() == 1


# --- who may see a job and download its file --------------------------------------------------


def test_it_keeps_an_owners_job_from_others_who_read_the_source(
    world: World, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    job = jobs.enqueue(counting_job, owner=world.officer_a, commune=world.commune, label="Đếm")
    work(django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.result_id is not None
    file_url = reverse("core:attachment", args=[job.result_id])
    assert world.client(world.officer_a).get(file_url).status_code == 200
    # The chairman reads the commune, but the file is what officer A's access let in.
    assert world.client(world.chairman).get(reverse("core:job", args=[job.pk])).status_code == 404
    assert world.client(world.chairman).get(file_url).status_code == 403


def test_it_lists_only_ones_own_jobs(world: World, queued: None) -> None:
    jobs.enqueue(counting_job, owner=world.officer_a, commune=world.commune, label="Việc của A")
    jobs.enqueue(counting_job, owner=world.officer_b, commune=world.commune, label="Việc của B")
    page = world.client(world.officer_a).get(reverse("core:jobs")).content.decode()
    assert "Việc của A" in page and "Việc của B" not in page


# --- progress, failure ------------------------------------------------------------------------


def test_it_reports_progress_while_it_runs(
    world: World, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    seen_mid_run.clear()
    job = jobs.enqueue(counting_job, owner=world.officer_a, commune=world.commune, label="Đếm")
    work(django_capture_on_commit_callbacks)
    assert seen_mid_run == [(1, 4, "Bước một")]
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 4, 4)
    assert job.started_at is not None and job.finished_at is not None


def test_it_shows_a_failure_in_vietnamese_and_logs_it(
    world: World,
    queued: None,
    django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    job = jobs.enqueue(broken_job, owner=world.chairman, commune=world.commune, label="Hỏng")
    with caplog.at_level(logging.ERROR, logger="danvan.core.jobs"):
        work(django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == jobs.FAILED
    assert any("disk on fire" in (r.exc_text or str(r.exc_info)) for r in caplog.records)
    page = world.client(world.chairman).get(reverse("core:job", args=[job.pk])).content.decode()
    assert "Không thực hiện được việc này do lỗi của hệ thống" in page
    assert "disk on fire" not in page
    notice = Notification.objects.get(user=world.chairman)
    assert notice.title == "Không thực hiện được: Hỏng"


def test_a_progress_tick_that_finds_the_row_busy_is_skipped_not_the_job(
    world: World, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    """SQLite answers "table is locked" while a page reads the job's row: that tick's progress
    is lost, the job goes on and the next tick writes it."""
    real_update = QuerySet.update
    refused: list[dict[str, Any]] = []

    def busy_once(qs: QuerySet[Any], **values: Any) -> int:
        if "note" in values and "status" not in values and not refused:
            refused.append(values)
            raise OperationalError("database table is locked: core_job")
        return real_update(qs, **values)

    seen_mid_run.clear()
    job = jobs.enqueue(counting_job, owner=world.officer_a, commune=world.commune, label="Đếm")
    with mock.patch.object(QuerySet, "update", busy_once):
        work(django_capture_on_commit_callbacks)
    assert refused and refused[0]["done"] == 1
    assert seen_mid_run == [(0, 0, "")]  # the first tick was lost
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 4, 4)
    assert Attachment.objects.filter(pk=job.result_id).exists()


def test_it_shows_a_refusal_as_the_rule_says_it(
    world: World, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    job = jobs.enqueue(refused_job, owner=world.chairman, commune=world.commune, label="Nhật ký")
    work(django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("Kỳ này có hơn 50.000 mục nhật ký")


def test_it_forgets_old_jobs_and_their_files(
    world: World, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    old = jobs.enqueue(counting_job, owner=world.officer_a, commune=world.commune, label="Cũ")
    work(django_capture_on_commit_callbacks)
    old.refresh_from_db()
    assert old.result is not None
    path = old.result.file.path
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=31))
    recent = jobs.enqueue(counting_job, owner=world.officer_a, commune=world.commune, label="Mới")
    assert list(Job.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Attachment.objects.filter(pk=old.result.pk).exists()
    assert not Path(path).exists()


def test_it_marks_a_job_cut_off_when_its_process_died(world: World, queued: None) -> None:
    job = jobs.enqueue(counting_job, owner=world.officer_a, commune=world.commune, label="Đếm")
    long_ago = timezone.now() - timedelta(hours=2)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, updated_at=long_ago)
    state = status(world.client(world.officer_a), job)
    assert state["status"] == "loi" and state["finished"] is True
    assert state["message"] == jobs.CUT_OFF


# --- at once (the immediate backend) ---------------------------------------------------------


def test_it_imports_a_large_plan_as_a_job(world: World, immediate: None, settings: Any) -> None:
    settings.DANVAN_JOBS_SYNC_ROWS = 1
    client = world.client(world.chairman)
    with open(SEED, "rb") as f:
        response = client.post(
            reverse("plans:plan_import"),
            {"commune": world.commune.pk, "recurrence": "ongoing", "file": f},
            follow=True,
        )
    plan = Plan.objects.get()
    assert response.redirect_chain[-1][0] == reverse("plans:plan_review", args=[plan.pk])
    assert "Đã đọc văn bản thành dự thảo kế hoạch với" in response.content.decode()
    job = Job.objects.get()
    assert (job.status, job.result_url) == (
        Job.Status.DONE,
        f"/can-bo/ke-hoach/{plan.pk}/soat-xet/",
    )
    assert plan.tasks.count() > 1 and plan.commune == world.commune
    # The draft is the chairman's to review: nobody else follows his job to it.
    assert world.client(world.admin).get(reverse("core:job", args=[job.pk])).status_code == 404


def test_it_makes_a_large_audit_period_in_the_background(
    world: World, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    for n in range(3):
        log_action(world.commune, "core.test", by=world.chairman, changes={"n": n})
    today = timezone.localdate().isoformat()
    url = f"{reverse('core:audit_export')}?tu={today}&den={today}"
    response = world.client(world.chairman).get(url)
    assert response.status_code == 302
    work(django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.message
    assert job.result is not None and job.result.original_name.startswith("nhat-ky-")
    # The same period of the same commune: the administrator may download it too.
    admin = world.client(world.admin).get(reverse("core:attachment", args=[job.result_id]))
    assert admin.status_code == 200
    assert world.client(world.officer_a).get(reverse("core:job", args=[job.pk])).status_code == 404


# --- the worker command, and the web process's own thread -----------------------------------


def test_it_says_the_worker_has_nothing_to_run_with_the_immediate_backend(
    immediate: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        call_command("worker", "--batch")
    assert exit.value.code == 2


@pytest.mark.django_db(transaction=True)
def test_it_runs_a_communes_jobs_in_the_web_process_without_a_worker(
    settings: Any, world: World, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DANVAN_JOBS = "thread"
    settings.TASKS = DATABASE
    job = jobs.enqueue(counting_job, owner=world.officer_a, commune=world.commune, label="Đếm")
    # The notice is written just after the job's row commits: wait for it, not the row.
    notices = Notification.objects.filter(user=world.officer_a)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not notices.exists():
        time.sleep(0.1)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert list(notices.values_list("title", flat=True)) == ["Đã xong: Đếm"]


def test_it_starts_the_runner_again_for_a_job_left_waiting(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.DANVAN_JOBS = "thread"
    settings.TASKS = DATABASE
    kicked: list[bool] = []
    monkeypatch.setattr(jobs, "kick", lambda: kicked.append(True))
    job = jobs.enqueue(counting_job, owner=world.officer_a, commune=world.commune, label="Đếm")
    status(world.client(world.officer_a), job)
    assert kicked == [True]
