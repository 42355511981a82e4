"""The list of comments made in the background when a draft drew many (core/jobs.py, issue 15):
for whoever manages the consultation, not for a read-only member."""

from __future__ import annotations

import io
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from danvan.consultations.tests.conftest import Scene
from danvan.core.models import Job
from danvan.testing.jobs import queued, status, work

__all__ = ["queued"]  # fixtures


def test_it_makes_a_long_list_of_comments_in_the_background(
    scene: Scene, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    world = scene.world
    manager = world.client(world.officer_a)
    response = manager.get(reverse("consultations:comments_xlsx", args=[scene.open.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job", args=[job.pk])
    work(django_capture_on_commit_callbacks)
    state = status(manager, job)
    assert state["status"] == "xong", state["message"]
    download = manager.get(state["download"])
    wb = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert len(list(wb["Ý kiến"].iter_rows(min_row=5, values_only=True))) == 3
    # The chairman manages it too; a read-only member of the lead unit does not.
    assert world.client(world.chairman).get(state["download"]).status_code == 200
    assert world.client(world.readonly_a).get(state["download"]).status_code == 403
    assert world.client(world.outsider).get(state["download"]).status_code == 404
