"""Files sent with a petition: who may download them."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import World
from danvan.core.uploads import attachment_create
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionKind

PDF = b"%PDF-1.4\n%scan\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def _petition_with_file(world: World, kind: str) -> tuple[Petition, str]:
    p = services.petition_receive(
        commune=world.commune,
        by=None,
        channel="portal",
        kind=kind,
        subject="Đơn kèm tài liệu",
        content="Nội dung",
        received_on=date(2026, 11, 2),
        identity={"name": "Người gửi", "phone": "0900000000"},
    )
    f = attachment_create(
        file=SimpleUploadedFile("scan.pdf", PDF), owner=p, commune=world.commune, by=None
    )
    return p, f"/can-bo/tep/{f.pk}/"


def test_it_gives_a_complaints_files_to_the_reception_office_only(world: World) -> None:
    _p, url = _petition_with_file(world, PetitionKind.COMPLAINT)
    assert world.client(world.officer_b).get(url).status_code == 200
    assert world.client(world.chairman).get(url).status_code == 200
    assert world.client(world.readonly_a).get(url).status_code == 403
    assert world.client(world.outsider).get(url).status_code == 404


def test_it_gives_a_denunciations_files_only_to_those_granted_the_identity(world: World) -> None:
    # A signed scan reveals the denouncer (Luật Tố cáo 2018, Art. 8(3)): the chairman and the
    # reception office see the case, but only the handler, granted the identity, gets the files.
    p, url = _petition_with_file(world, PetitionKind.DENUNCIATION)
    assert world.client(world.chairman).get(url).status_code == 403
    assert world.client(world.officer_b).get(url).status_code == 403
    services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    response = world.client(world.officer_b).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
