"""The periodic report's files made in the background (core/jobs.py, issue 15) when their
live figures count more records than DANVAN_JOBS_SYNC_ROWS; a version's are made at once."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import Job
from danvan.leaders import reports
from danvan.testing.jobs import immediate

__all__ = ["immediate"]  # fixtures


def test_it_makes_a_large_periodic_report_in_the_background(
    world: World, immediate: None, settings: Any
) -> None:
    report = reports.report_create(commune=world.commune, kind="year", year=2026, by=world.chairman)
    reports.report_save(report=report, by=world.chairman, narrative={"results": "Kết quả."})
    settings.DANVAN_JOBS_SYNC_ROWS = -1  # every live report is "large"
    docx = world.client(world.chairman).get(
        reverse("leaders:report_docx", args=[report.pk]), follow=True
    )
    assert b"".join(docx.streaming_content)[:2] == b"PK"
    job = Job.objects.get()
    assert job.result is not None and job.result.original_name == (
        f"bao-cao-nam-2026-{world.commune.pk}.docx"
    )
    # A version's figures are frozen: its file is made at once, whatever the size.
    version = world.client(world.chairman).get(
        reverse("leaders:report_docx", args=[report.pk]) + "?phien-ban=1"
    )
    assert version.status_code == 200 and version.content[:2] == b"PK"
    assert Job.objects.count() == 1
