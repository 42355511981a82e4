"""What tests of background jobs (core/jobs.py) share: where jobs run, and the worker's run."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.management.commands import db_worker

from danvan.core.models import Job

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _jobs(settings: Any, tmp_path: Path, mode: str, tasks: dict[str, Any]) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # the jobs' files, in a temporary folder
    settings.DANVAN_JOBS = mode
    settings.TASKS = tasks
    settings.DANVAN_JOBS_SYNC_ROWS = 2  # more than 2 rows is large


@pytest.fixture
def queued(settings: Any, tmp_path: Path) -> None:
    """A province: jobs wait in the database for `danvan worker`."""
    _jobs(settings, tmp_path, "worker", DATABASE)


@pytest.fixture
def immediate(settings: Any, tmp_path: Path) -> None:
    """Jobs run inside the request (django-tasks' immediate backend)."""
    _jobs(settings, tmp_path, "now", IMMEDIATE)


def work(django_capture_on_commit_callbacks: Any) -> None:
    """What `danvan worker --batch` does, with the notices the commit would send. The worker
    closes connections left in a transaction between jobs, as after a request; the test's own
    connection is one (PostgreSQL), so that is left out, as Django's test client does."""
    with (
        mock.patch.object(db_worker, "close_old_connections", lambda: None),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def status(client: Client, job: Job) -> dict[str, Any]:
    response = client.get(reverse("core:job_status", args=[job.pk]))
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data
