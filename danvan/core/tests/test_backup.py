"""`danvan backup` / `danvan restore`: what an archive holds, and the archives a restore refuses
before it touches anything. The round trip with petitions and their files is in
petitions/tests/test_backup.py. These tests run on whichever database the suite runs on."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from danvan.conftest import World
from danvan.core.models import Attachment, Unit
from danvan.core.uploads import attachment_create
from danvan.plans import services
from danvan.plans.models import Task

pytestmark = pytest.mark.usefixtures("migrated_rows")  # a real transaction, as in production

PDF = b"%PDF-1.4\n% bien ban hop thon\n%%EOF\n"


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as e:
        return int(e.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def evidence(world: World, task: Task, media: Path) -> Attachment:
    return attachment_create(
        file=SimpleUploadedFile("bien-ban.pdf", PDF),
        owner=task,
        commune=world.commune,
        by=world.officer_a,
    )


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]


def rewrite(archive: Path, target: Path, change: Any) -> Path:
    """A copy of the archive with `change(members)` applied (a forger's edit)."""
    found = members(archive)
    change(found)
    with tarfile.open(target, "w") as tar:
        for name, data in found.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def test_it_writes_a_manifest_of_rows_checksums_and_schema(
    world: World, evidence: Attachment, tmp_path: Path
) -> None:
    archive = tmp_path / "sao-luu" / "2026-03-02.tar.gz"
    code, out, _ = run("backup", str(archive), "--json")
    assert code == 0
    manifest = json.loads(out)
    inside = members(archive)
    assert json.loads(inside["manifest.json"]) == {k: v for k, v in manifest.items() if k != "path"}
    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.dump"
    assert set(inside) == {"manifest.json", database, f"media/{evidence.file.name}"}
    assert inside[f"media/{evidence.file.name}"] == PDF
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"]["core_unit"] == Unit.objects.count()
    assert manifest["tables"]["plans_task"] == 1
    # The latest migration of core applied, whichever number it has reached.
    core_leaf = [
        name for app, name in MigrationLoader(connection).graph.leaf_nodes() if app == "core"
    ]
    assert manifest["schema"]["core"] == core_leaf[0]
    for name, data in inside.items():
        if name != "manifest.json":
            assert manifest["members"][name] == {
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
            }
    assert archive.stat().st_mode & 0o077 == 0  # personal data: the owner alone reads it


def test_it_keeps_no_key_in_the_archive(
    world: World, evidence: Attachment, tmp_path: Path, settings: Any
) -> None:
    keys = [Fernet.generate_key().decode(), Fernet.generate_key().decode()]
    settings.DANVAN_IDENTITY_KEYS = keys
    settings.SECRET_KEY = "khoa-bi-mat-cua-may-chu-" + "k" * 40
    archive = tmp_path / "sao-luu.tar"
    assert run("backup", str(archive))[0] == 0
    raw = archive.read_bytes()
    secrets = [settings.SECRET_KEY.encode()]
    for key in keys:
        secrets += [key.encode(), base64.urlsafe_b64decode(key)]
    for secret in secrets:
        assert secret not in raw
        for data in members(archive).values():
            assert secret not in data


def test_it_refuses_a_tampered_member_before_touching_anything(
    world: World, evidence: Attachment, tmp_path: Path
) -> None:
    archive = tmp_path / "goc.tar.gz"
    assert run("backup", str(archive))[0] == 0
    name = f"media/{evidence.file.name}"

    def forge(found: dict[str, bytes]) -> None:
        found[name] = found[name].replace(b"bien ban", b"BIEN BAN")

    forged = rewrite(archive, tmp_path / "sua.tar", forge)
    units = Unit.objects.count()
    code, _, err = run("restore", str(forged), "--force")
    assert code == 2
    assert f"{name} trong tệp sao lưu không khớp mã kiểm tra (sha256)" in err
    assert "Traceback" not in err
    assert Unit.objects.count() == units
    assert Task.objects.count() == 1


@pytest.mark.parametrize(
    ("forge", "message"),
    [
        (lambda f: f.pop("manifest.json"), "không có manifest.json"),
        (
            lambda f: f.update({"media/../../etc/cron.d/x": b"* * * * * root sh"}),
            "mục không hợp lệ",
        ),
        (lambda f: f.update({"media/them.pdf": PDF}), "không ghi trong manifest"),
        (
            lambda f: f.update(
                {"manifest.json": f["manifest.json"].replace(b'"format": 1', b'"format": 9')}
            ),
            "Định dạng sao lưu 9 không được hỗ trợ",
        ),
    ],
    ids=["no manifest", "a path out of the media", "an unlisted file", "another format"],
)
def test_it_refuses_what_is_not_one_of_its_archives(
    world: World, evidence: Attachment, tmp_path: Path, forge: Any, message: str
) -> None:
    archive = tmp_path / "goc.tar"
    assert run("backup", str(archive))[0] == 0
    code, _, err = run("restore", str(rewrite(archive, tmp_path / "sua.tar", forge)), "--force")
    assert (code, message in err) == (2, True), err


def test_it_refuses_a_file_that_is_no_archive(world: World, tmp_path: Path) -> None:
    junk = tmp_path / "khong-phai.tar.gz"
    junk.write_bytes(b"\x1f\x8b" + b"rac" * 100)
    code, _, err = run("restore", str(junk), "--force")
    assert code == 2
    assert "tệp hỏng hoặc không phải bản sao lưu" in err
    code, _, err = run("restore", str(tmp_path / "khong-co.tar.gz"))
    assert (code, "Không tìm thấy tệp sao lưu" in err) == (2, True)


def test_it_restores_onto_the_same_engine_only(world: World, media: Path, tmp_path: Path) -> None:
    archive = tmp_path / "goc.tar"
    assert run("backup", str(archive))[0] == 0
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def forge(found: dict[str, bytes]) -> None:
        manifest = json.loads(found["manifest.json"])
        manifest["engine"] = other
        found["manifest.json"] = json.dumps(manifest).encode()

    code, _, err = run("restore", str(rewrite(archive, tmp_path / "sua.tar", forge)), "--force")
    assert code == 2
    assert "chỉ khôi phục cùng loại" in err


def test_it_refuses_a_backup_made_by_a_newer_version(
    world: World, media: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "goc.tar"
    assert run("backup", str(archive))[0] == 0

    def forge(found: dict[str, bytes]) -> None:
        manifest = json.loads(found["manifest.json"])
        manifest["schema"]["core"] = "9999_from_the_future"
        found["manifest.json"] = json.dumps(manifest).encode()

    code, _, err = run("restore", str(rewrite(archive, tmp_path / "sua.tar", forge)), "--force")
    assert code == 2
    assert "phiên bản mới hơn" in err and "core.9999_from_the_future" in err


def test_it_refuses_a_database_that_holds_data_unless_forced(
    world: World, task: Task, media: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "goc.tar.gz"
    assert run("backup", str(archive))[0] == 0
    services.task_create(
        plan=task.plan,
        by=world.chairman,
        title="Nhiệm vụ thêm sau khi sao lưu",
        lead_unit=world.office_a,
        due_date=date(2026, 12, 1),
    )
    code, _, err = run("restore", str(archive))
    assert code == 2
    assert "Cơ sở dữ liệu đích đã có dữ liệu" in err and "--force" in err
    assert Task.objects.count() == 2
    code, out, _ = run("restore", str(archive), "--force")
    assert code == 0, out
    assert "Số dòng mỗi bảng khớp với manifest." in out
    assert list(Task.objects.values_list("pk", flat=True)) == [task.pk]
