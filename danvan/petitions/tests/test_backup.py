"""The backup round trip the issue asks for (#11, item 6), on whichever database the suite runs
on: petitions, a denouncer's sealed identity and an encrypted file are backed up, the database
is wiped, and `danvan restore` brings every row and file back, counted against the manifest."""

from __future__ import annotations

import json
import shutil
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core import crypto
from danvan.core.audit import verify_chain
from danvan.core.models import Attachment, AuditEntry, User
from danvan.core.uploads import attachment_create
from danvan.petitions import services, vault
from danvan.petitions.models import IdentityVault, Petition, PetitionKind

pytestmark = pytest.mark.usefixtures("migrated_rows")

SCAN = b"%PDF-1.4\n% don to cao co chu ky\n%%EOF\n"
NAME = "Lường Thị Thắm"


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as e:
        return int(e.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def receive(world: World, kind: str, subject: str) -> Petition:
    return services.petition_receive(
        commune=world.commune,
        by=None,
        channel="portal",
        kind=kind,
        subject=subject,
        content="Nội dung đơn",
        received_on=date(2026, 3, 2),
        identity={"name": NAME, "phone": "0912345678"},
    )


def test_it_restores_petitions_identities_and_files_as_they_were(
    world: World, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = media = tmp_path / "media"
    denunciation = receive(world, PetitionKind.DENUNCIATION, "Tố cáo lấn chiếm đất công")
    complaint = receive(world, PetitionKind.COMPLAINT, "Khiếu nại quyết định thu hồi đất")
    sealed = attachment_create(
        file=SimpleUploadedFile("to-cao.pdf", SCAN),
        owner=denunciation,
        commune=world.commune,
        by=None,
    )
    services.petition_assign(
        petition=denunciation, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    archive = tmp_path / "backups" / "2026-03-02.tar.gz"
    code, out, _ = run("backup", str(archive), "--json")
    assert code == 0
    manifest = json.loads(out)
    assert manifest["tables"]["petitions_petition"] == 2
    assert manifest["tables"]["petitions_identityvault"] == 1

    # A database with data is not overwritten without being told.
    code, _, err = run("restore", str(archive))
    assert code == 2 and "đã có dữ liệu" in err

    call_command("flush", interactive=False)
    shutil.rmtree(media)
    assert not Petition.objects.exists()
    code, out, err = run("restore", str(archive), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["ok"] is True and report["mismatches"] == []
    assert report["files"] == 1 and report["pending_migrations"] == []
    assert report["engine"] == connection.vendor
    assert set(report) == {
        "ok",
        "created_at",
        "engine",
        "tables",
        "rows",
        "files",
        "mismatches",
        "pending_migrations",
        "missing_key_ids",
    }
    assert report["rows"] == sum(manifest["tables"].values())

    assert Petition.objects.get(pk=complaint.pk).subject == "Khiếu nại quyết định thu hồi đất"
    restored = Petition.objects.get(pk=denunciation.pk)
    assert vault.unseal(IdentityVault.objects.get(petition=restored).ciphertext)["name"] == NAME
    a = Attachment.objects.get(pk=sealed.pk)
    assert a.encrypted and SCAN not in Path(a.file.path).read_bytes()
    handler = User.objects.get(pk=world.officer_b.pk)
    client = Client()
    client.force_login(handler)
    response = client.get(reverse("core:attachment", args=[a.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SCAN  # type: ignore[attr-defined]
    assert AuditEntry.objects.count() == manifest["tables"]["core_auditentry"]
    assert verify_chain().broken is None


def test_it_says_which_key_the_restored_data_still_needs(
    world: World, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    receive(world, PetitionKind.DENUNCIATION, "Tố cáo")
    archive = tmp_path / "sao-luu.tar.gz"
    assert run("backup", str(archive))[0] == 0
    needed = crypto.key_ids()
    settings.DANVAN_IDENTITY_KEYS = [Fernet.generate_key().decode()]
    code, out, _ = run("restore", str(archive), "--force")
    assert code == 0
    assert "thiếu khóa mã hóa" in out and needed[0] in out
