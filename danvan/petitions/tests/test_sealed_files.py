"""A denunciation's files are stored encrypted with the vault's keys (Luật Tố cáo 2018, Điều 8
khoản 3): the disk holds no readable copy, and only a permitted download decrypts them.
`danvan rotate-keys` moves them to the newest key and encrypts those stored before."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import Attachment
from danvan.core.uploads import attachment_create
from danvan.petitions import services, vault
from danvan.petitions.models import IdentityVault, Petition, PetitionKind

SCAN = b"%PDF-1.4\n% Don to cao - nguoi to cao: Luong Thi Tham, thon Doan Ket\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _petition(world: World, kind: str) -> Petition:
    return services.petition_receive(
        commune=world.commune,
        by=None,
        channel="portal",
        kind=kind,
        subject="Đơn kèm bản chụp",
        content="Nội dung",
        received_on=date(2026, 11, 2),
        identity={"name": "Lường Thị Thắm", "phone": "0900000000"},
    )


def _attach(world: World, p: Petition) -> Attachment:
    return attachment_create(
        file=SimpleUploadedFile("don-to-cao.pdf", SCAN), owner=p, commune=world.commune, by=None
    )


def _download(world: World, attachment: Attachment) -> tuple[int, bytes]:
    response = world.client(world.officer_b).get(reverse("core:attachment", args=[attachment.pk]))
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return response.status_code, body


def _on_disk(a: Attachment) -> bytes:
    return Path(a.file.path).read_bytes()


def _grant(world: World, p: Petition) -> None:
    services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )


def _rotate(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("rotate-keys", *args, stdout=out)
    except SystemExit as e:
        return int(e.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_it_stores_a_denunciations_file_encrypted_and_serves_it_decrypted(world: World) -> None:
    p = _petition(world, PetitionKind.DENUNCIATION)
    a = _attach(world, p)
    stored = _on_disk(a)
    assert a.encrypted
    assert SCAN not in stored and b"Luong Thi Tham" not in stored
    assert Fernet(vault_key()).decrypt(stored) == SCAN
    assert (a.size, a.sha256) == (len(SCAN), __import__("hashlib").sha256(SCAN).hexdigest())
    assert _download(world, a)[0] == 403  # not granted: nothing decrypted for them
    _grant(world, p)
    assert _download(world, a) == (200, SCAN)


def test_it_leaves_other_petitions_files_as_they_are(world: World) -> None:
    a = _attach(world, _petition(world, PetitionKind.COMPLAINT))
    assert not a.encrypted
    assert _on_disk(a) == SCAN
    assert _download(world, a) == (200, SCAN)


def test_it_answers_503_not_500_when_no_key_opens_the_file(world: World, settings: Any) -> None:
    p = _petition(world, PetitionKind.DENUNCIATION)
    a = _attach(world, p)
    _grant(world, p)
    settings.DANVAN_IDENTITY_KEYS = [Fernet.generate_key().decode()]
    status, body = _download(world, a)
    assert status == 503
    assert "khóa mã hóa của máy chủ không khớp" in body.decode()


def test_it_rotates_identities_and_files_to_the_newest_key(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    p = _petition(world, PetitionKind.DENUNCIATION)
    a = _attach(world, p)
    _grant(world, p)
    old = list(settings.DANVAN_IDENTITY_KEYS)
    new = Fernet.generate_key().decode()
    settings.DANVAN_IDENTITY_KEYS = [new, *old]
    # The old file is removed once the row pointing at the new one is committed.
    with django_capture_on_commit_callbacks(execute=True):
        code, out = _rotate("--json")
    assert code == 0
    report = json.loads(out)
    assert report["rows"]["petitions.identityvault"] == {
        "rotated": 1,
        "current": 0,
        "unreadable": 0,
    }
    assert report["files"]["rotated"] == 1
    # The old key can go now: everything opens with the new one alone.
    settings.DANVAN_IDENTITY_KEYS = [new]
    a.refresh_from_db()
    assert Fernet(new.encode()).decrypt(_on_disk(a)) == SCAN
    assert (
        vault.unseal(IdentityVault.objects.get(petition=p).ciphertext)["name"] == "Lường Thị Thắm"
    )
    assert _download(world, a) == (200, SCAN)
    assert len(list(Path(a.file.path).parent.iterdir())) == 1  # the old file is gone
    # Safe to run twice: nothing left to rotate.
    code, out = _rotate("--json")
    again = json.loads(out)
    assert again["rows"]["petitions.identityvault"] == {"rotated": 0, "current": 1, "unreadable": 0}
    assert (again["files"]["rotated"], again["files"]["current"]) == (0, 1)


def test_it_encrypts_a_denunciations_files_stored_before_encryption(world: World) -> None:
    p = _petition(world, PetitionKind.DENUNCIATION)
    a = _attach(world, p)
    # As stored by the version before: the plain file.
    Path(a.file.path).write_bytes(SCAN)
    Attachment.objects.filter(pk=a.pk).update(encrypted=False)
    plain = _attach(world, _petition(world, PetitionKind.RECOMMENDATION))
    code, out = _rotate()
    assert code == 0
    assert "1 mã hóa lần đầu" in out
    a.refresh_from_db()
    assert a.encrypted and SCAN not in _on_disk(a)
    _grant(world, p)
    assert _download(world, a) == (200, SCAN)
    plain.refresh_from_db()
    assert not plain.encrypted and _on_disk(plain) == SCAN


def test_it_says_which_secrets_no_key_opens(world: World, settings: Any) -> None:
    _attach(world, _petition(world, PetitionKind.DENUNCIATION))
    settings.DANVAN_IDENTITY_KEYS = [Fernet.generate_key().decode()]
    code, out = _rotate()
    assert code == 1
    assert "petitions.identityvault: 0 mã hóa lại, 0 đã dùng khóa mới nhất, 1 KHÔNG MỞ ĐƯỢC." in out
    assert "1 KHÔNG MỞ ĐƯỢC" in out.splitlines()[-1]


def vault_key() -> bytes:
    from django.conf import settings

    return settings.DANVAN_IDENTITY_KEYS[0].strip().encode()
