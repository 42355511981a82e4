"""A citizen's petition when storage fails (issue 11, item 5): never a 500, never a receipt for
what was not stored, and the form comes back with everything typed and "Chưa lưu được…"."""

from __future__ import annotations

from unittest import mock

from django.db import OperationalError
from django.http import HttpResponse

from danvan.conftest import World
from danvan.core.failsafe import NOT_SAVED
from danvan.core.models import Attachment
from danvan.petitions import services
from danvan.petitions.models import Petition
from danvan.portal import petitions as portal_views
from danvan.portal.models import Submission
from danvan.portal.tests.test_petitions import (
    ADDRESS,
    CONTENT,
    NAME,
    SUBJECT,
    form_data,
    pdf,
    send,
)
from danvan.testing.storage import read_only_database


def assert_not_saved(response: HttpResponse, *, files: bool = False) -> None:
    html = response.content.decode()
    assert response.status_code == 503, html[:2000]
    assert response["Retry-After"] == "60"
    assert NOT_SAVED in html
    for typed in (SUBJECT, CONTENT, NAME, ADDRESS):
        assert typed in html, f"lost: {typed}"
    assert "/bien-nhan/" not in html and "Location" not in response
    assert ("vui lòng chọn lại tệp" in html) is files
    assert Petition.objects.count() == 0
    assert Submission.objects.count() == 0


def test_it_keeps_a_text_only_petition_when_the_disk_is_full(world: World) -> None:
    full = OperationalError("database or disk is full")
    with mock.patch.object(services, "_save_numbered", side_effect=full):
        response = send(world.client(None), form_data(world))
    assert_not_saved(response)


def test_it_keeps_a_text_only_petition_when_the_database_refuses_writes(world: World) -> None:
    client, data = world.client(None), form_data(world)
    with read_only_database():
        assert_not_saved(send(client, data))
    # Sent again once the database takes writes: one petition, and its receipt.
    response = send(client, data)
    assert response.status_code == 302 and "/bien-nhan/" in response["Location"]
    assert Petition.objects.get().subject == SUBJECT


def test_it_keeps_a_petition_with_a_file_when_the_database_refuses_writes(world: World) -> None:
    with read_only_database():
        response = send(world.client(None), form_data(world, attachments=[pdf()]))
        assert_not_saved(response, files=True)
        assert Attachment.objects.count() == 0


def test_it_keeps_a_petition_when_a_file_cannot_be_written(world: World) -> None:
    full = OSError(28, "No space left on device")
    with mock.patch("django.core.files.storage.FileSystemStorage._save", side_effect=full):
        response = send(world.client(None), form_data(world, attachments=[pdf()]))
    assert_not_saved(response, files=True)
    assert Attachment.objects.count() == 0


def test_it_refuses_a_bad_form_as_usual_while_the_database_refuses_writes(world: World) -> None:
    # A refused form is counted against the limit: that write fails quietly, the refusal stands.
    with read_only_database():
        response = send(world.client(None), form_data(world, consent=None))
    assert response.status_code == 400
    assert "Vui lòng đánh dấu ô cam đoan" in response.content.decode()


def test_it_gives_the_receipt_of_a_form_filed_by_a_concurrent_send(world: World) -> None:
    # The same form sent twice at once: not filed yet when the second looks, filed by the first
    # when the second writes; the second's transaction fails on the nonce and shows its receipt.
    data = form_data(world)
    first = send(world.client(None), data)
    real = portal_views._receipt_of
    looks: list[str] = []

    def not_yet_then_real(nonce: str) -> HttpResponse | None:
        looks.append(nonce)
        return None if len(looks) == 1 else real(nonce)

    with mock.patch.object(portal_views, "_receipt_of", side_effect=not_yet_then_real):
        second = send(world.client(None), data)
    assert len(looks) == 2
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Petition.objects.count() == 1
