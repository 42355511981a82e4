"""The reception register (form 03/TCD) made in the background when large (core/jobs.py,
issue 15): queued for the worker, its file for whoever keeps the register, at once with the
immediate backend, synchronous when small."""

from __future__ import annotations

import io
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.core.models import Job, Membership, Notification
from danvan.petitions import reception
from danvan.petitions.models import PetitionKind, ReceptionSession
from danvan.testing.jobs import immediate, queued, status, work

__all__ = ["immediate", "queued"]  # fixtures


def visits(world: World, n: int) -> None:
    session = reception.session_create(
        commune=world.commune,
        by=world.officer_b,
        kind=ReceptionSession.Kind.REGULAR,
        held_on=timezone.localdate(),
        host=world.officer_b,
    )
    for i in range(n):
        reception.visit_create(
            session=session,
            by=world.officer_b,
            visited_on=timezone.localdate(),
            kind=PetitionKind.RECOMMENDATION,
            name=f"Người đến số {i + 1}",
            content="Kiến nghị sửa đường bê tông liên thôn.",
            people=1,
        )


def register_url() -> str:
    return f"{reverse('petitions:register_xlsx')}?nam={timezone.localdate().year}"


def xlsx_lines(content: bytes) -> list[tuple[Any, ...]]:
    ws = load_workbook(io.BytesIO(content)).active
    assert ws is not None
    return list(ws.iter_rows(values_only=True))


def test_it_queues_a_large_register_and_the_worker_makes_it(
    world: World, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    visits(world, 3)
    keeper = world.client(world.officer_b)
    response = keeper.get(register_url())
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job", args=[job.pk])
    assert job.owner == world.officer_b and job.status == Job.Status.QUEUED
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    page = keeper.get(response["Location"])
    assert page.status_code == 200
    assert "Đang chờ" in page.content.decode() and 'class="dv-progress"' in page.content.decode()
    assert status(keeper, job)["finished"] is False

    work(django_capture_on_commit_callbacks)

    job.refresh_from_db()
    state = status(keeper, job)
    assert (state["status"], state["done"], state["total"], state["percent"]) == ("xong", 3, 3, 100)
    assert (
        state["message"]
        == f"Đã xuất sổ tiếp công dân năm {timezone.localdate().year}: 3 lượt tiếp."
    )
    download = keeper.get(state["download"])
    assert download.status_code == 200
    lines = xlsx_lines(b"".join(download.streaming_content))
    assert sum(1 for line in lines if line[2] and str(line[2]).startswith("Người đến số")) == 3
    notice = Notification.objects.get(user=world.officer_b)
    assert notice.title.startswith("Đã xong: Sổ tiếp công dân năm")
    assert notice.url == reverse("core:job", args=[job.pk])


def test_it_keeps_a_small_export_synchronous(world: World, queued: None) -> None:
    visits(world, 2)
    response = world.client(world.officer_b).get(register_url())
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert not Job.objects.exists()


def test_it_lets_only_those_who_keep_the_register_download_a_shared_export(
    world: World, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    visits(world, 3)
    world.client(world.officer_b).get(register_url())
    work(django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert job.result_id is not None
    file_url = reverse("core:attachment", args=[job.result_id])
    # The chairman keeps the register too: the same file, his to read.
    assert world.client(world.chairman).get(reverse("core:job", args=[job.pk])).status_code == 200
    assert world.client(world.chairman).get(file_url).status_code == 200
    for person in (world.officer_a, world.readonly_a, world.province_viewer, world.village_head):
        assert world.client(person).get(reverse("core:job", args=[job.pk])).status_code == 404
        assert world.client(person).get(file_url).status_code in (403, 404)
    assert world.client(world.outsider).get(file_url).status_code == 404
    anonymous = Client().get(reverse("core:job_status", args=[job.pk]))
    assert anonymous.status_code == 302


def test_it_takes_the_file_back_from_an_owner_who_lost_the_right(
    world: World, queued: None, django_capture_on_commit_callbacks: Any
) -> None:
    visits(world, 3)
    world.client(world.officer_b).get(register_url())
    work(django_capture_on_commit_callbacks)
    job = Job.objects.get()
    Membership.objects.filter(user=world.officer_b).delete()
    assert world.client(world.officer_b).get(reverse("core:job", args=[job.pk])).status_code == 404


def test_it_answers_the_file_at_once_with_the_immediate_backend(
    world: World, immediate: None
) -> None:
    visits(world, 3)
    response = world.client(world.officer_b).get(register_url(), follow=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert Job.objects.get().status == Job.Status.DONE
