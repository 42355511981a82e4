"""Backups and restores: one archive holding a consistent snapshot of the database, the uploaded
files and a manifest (`danvan backup PATH`, `danvan restore PATH [--force]`).

A plain copy of a live SQLite file can miss what sits in its write-ahead log (acknowledged
petitions among it): the snapshot is SQLite's online backup (`Connection.backup`, one step, a
consistent read while the server writes), or `pg_dump -Fc` on PostgreSQL from a snapshot
exported by the transaction that counts the rows, so the counts and the dump see the same data.
The files are copied after the snapshot: every file a row of the snapshot names was on the disk
before that row was committed.

The archive (.tar.gz, or .tar for a name ending in .tar) holds `database.sqlite3` or
`database.dump`, `media/…` and `manifest.json`: format, time, engine, schema (the latest applied
migration of each app), the rows of every table and the sha256 of every other member. It holds
no key: DANVAN_IDENTITY_KEYS and the secret key live outside the database and outside every
archive (docs/operations.md); the manifest keeps only short fingerprints of the identity keys,
so that a restore can say which key the restored data still needs.

A restore verifies every member against the manifest before it touches anything, refuses a
database that already holds data unless forced, replaces the whole database in one step (the
SQLite backup API into the live connection; on PostgreSQL, dropping the schema and loading the
dump in one psql transaction), puts the files back, then counts the rows again and compares.
It restores onto the same engine only: SQLite to SQLite, PostgreSQL to PostgreSQL.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from danvan.core import crypto

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
MEDIA = "media"
CHUNK = 1024 * 1024
# Tables whose rows mean that someone's data is there (a freshly migrated database has none:
# the migrations load legal rules and categories, not units, people or history).
DATA_TABLES = ("core_unit", "core_user", "core_auditentry")


class BackupError(Exception):
    """A backup or restore refused or failed; the message is Vietnamese, for the operator."""


# --- backup -----------------------------------------------------------------------------------


def backup(target: Path) -> dict[str, Any]:
    """Write the archive to `target` (through a temporary name, so a failed run never leaves
    a file that looks like a backup) and return its manifest."""
    _outside_transaction()
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BackupError(f"Không tạo được thư mục {target.parent}: {e.strerror}.") from None
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".danvan-backup-") as tmp:
        work = Path(tmp)
        taken = timezone.now()  # the snapshot's time, which the manifest gives
        snapshot = snapshot_database(work)
        partial = work / "archive.partial"
        members: dict[str, dict[str, Any]] = {}
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, _archive(out, target) as tar:
            members[snapshot.member] = _add(tar, snapshot.path, snapshot.member)
            for path, name in media_files():
                members[name] = _add(tar, path, name)
            manifest = {
                "format": FORMAT,
                "created_at": taken.isoformat(),
                "engine": connection.vendor,
                "schema": snapshot.schema,
                "tables": snapshot.tables,
                "members": members,
                "identity_key_ids": crypto.key_ids(),
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
        os.replace(partial, target)
    return manifest


def _archive(out: IO[bytes], target: Path) -> tarfile.TarFile:
    """Plain tar for a name ending in .tar, gzip-compressed otherwise."""
    if target.name.endswith(".tar"):
        return tarfile.open(fileobj=out, mode="w")
    return tarfile.open(fileobj=out, mode="w:gz")


@dataclass
class Snapshot:
    path: Path
    member: str
    schema: dict[str, str]
    tables: dict[str, int]


def snapshot_database(work: Path) -> Snapshot:
    if connection.vendor == "sqlite":
        return _sqlite_snapshot(work)
    if connection.vendor == "postgresql":
        return _pg_snapshot(work)
    raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def _sqlite_snapshot(work: Path) -> Snapshot:
    path = work / DATABASE["sqlite"]
    connection.ensure_connection()
    dest = sqlite3.connect(path)
    try:
        # pages=-1 (the default): the whole database in one step, under one read lock.
        connection.connection.backup(dest)
    finally:
        dest.close()
    # Counted in the snapshot itself: what the archive holds, whatever the server wrote since.
    snap = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in snap.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {t: snap.execute(_count_sql(t)).fetchone()[0] for t in tables}
        schema = _schema(snap.execute, "django_migrations" in tables)
    finally:
        snap.close()
    return Snapshot(path, DATABASE["sqlite"], schema, counts)


def _pg_snapshot(work: Path) -> Snapshot:
    import psycopg

    path = work / DATABASE["postgresql"]
    with psycopg.connect(**_pg_params(), autocommit=False) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        # Every statement of this transaction, and pg_dump given its snapshot, see one state.
        row = conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert row is not None
        tables = [name for (name,) in conn.execute(_PG_TABLES)]
        counts = {
            t: conn.execute(_count_sql(t)).fetchone()[0]  # type: ignore[index]
            for t in tables
        }
        schema = _schema(lambda sql: conn.execute(sql), "django_migrations" in tables)  # type: ignore[arg-type,return-value]
        dump = [pg_tool("pg_dump"), *_pg_args(), "-Fc", "--no-owner", "--no-acl"]
        _run([*dump, f"--snapshot={row[0]}", "-f", str(path), _pg_name()])
        conn.rollback()
    return Snapshot(path, DATABASE["postgresql"], schema, counts)


RESET_SCHEMA = "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
_PG_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


def _schema(execute: Any, migrated: bool) -> dict[str, str]:
    """The latest applied migration of each app."""
    if not migrated:
        return {}
    rows = execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app ORDER BY app")
    return {app: name for app, name in rows}


def media_files() -> Iterator[tuple[Path, str]]:
    """Every regular file under MEDIA_ROOT, with its name in the archive (symbolic links are
    not followed: nothing outside MEDIA_ROOT goes into an archive)."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path, f"{MEDIA}/{path.relative_to(root).as_posix()}"


def _add(tar: tarfile.TarFile, path: Path, name: str) -> dict[str, Any]:
    """Add one file, hashing it as it is read; its sha256 and size for the manifest."""
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as f:
        reader = _Reader(f)
        tar.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


class _Reader:
    """A file read through, its sha256 computed on the way."""

    def __init__(self, f: IO[bytes]) -> None:
        self.f = f
        self.digest = hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        chunk = self.f.read(n)
        self.digest.update(chunk)
        return chunk


# --- restore ----------------------------------------------------------------------------------


@dataclass
class RestoreReport:
    created_at: str
    engine: str
    tables: int = 0
    rows: int = 0
    files: int = 0
    mismatches: list[dict[str, Any]] = field(default_factory=list)
    pending_migrations: list[str] = field(default_factory=list)
    missing_key_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "created_at": self.created_at,
            "engine": self.engine,
            "tables": self.tables,
            "rows": self.rows,
            "files": self.files,
            "mismatches": self.mismatches,
            "pending_migrations": self.pending_migrations,
            "missing_key_ids": self.missing_key_ids,
        }


def restore(source: Path, *, force: bool = False) -> RestoreReport:
    """Restore the archive into the configured database and MEDIA_ROOT; BackupError, before
    anything is touched, for an archive that does not verify or a database that holds data
    (unless `force`)."""
    _outside_transaction()
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {source}.")
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".danvan-restore-") as tmp:
        work = Path(tmp)
        manifest = unpack(source, work)
        _check_schema_known(manifest["schema"])
        if not force and (held := data_held()):
            raise BackupError(
                f"Cơ sở dữ liệu đích đã có dữ liệu ({held}); không khôi phục đè lên. "
                "Dùng --force để thay toàn bộ dữ liệu hiện có bằng bản sao lưu."
            )
        _restore_database(work / DATABASE[manifest["engine"]])
        files = _restore_media(work / MEDIA, media_root)
    report = RestoreReport(
        created_at=manifest["created_at"], engine=manifest["engine"], files=files
    )
    found = count_rows(list(manifest["tables"]))
    report.tables, report.rows = len(found), sum(found.values())
    report.mismatches = [
        {"table": t, "expected": n, "found": found.get(t)}
        for t, n in sorted(manifest["tables"].items())
        if found.get(t) != n
    ]
    report.pending_migrations = pending_migrations()
    report.missing_key_ids = [k for k in manifest["identity_key_ids"] if k not in crypto.key_ids()]
    return report


def unpack(source: Path, work: Path) -> dict[str, Any]:
    """Extract the archive into `work`, verifying every member against the manifest: the
    manifest, or a BackupError saying what does not match."""
    seen: dict[str, dict[str, Any]] = {}
    manifest: dict[str, Any] | None = None
    try:
        with tarfile.open(source, mode="r:*") as tar:
            for member in tar:
                name = _safe_name(member)
                handle = tar.extractfile(member)
                assert handle is not None  # a regular file (_safe_name)
                if name == MANIFEST:
                    manifest = _parse_manifest(handle.read())
                    continue
                dest = work / name
                dest.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                size = 0
                with dest.open("wb") as out:
                    while chunk := handle.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                seen[name] = {"sha256": digest.hexdigest(), "size": size}
    except (tarfile.TarError, EOFError, zlib.error, OSError) as e:
        raise BackupError(
            f"Không đọc được tệp sao lưu {source}: tệp hỏng hoặc không phải bản sao lưu ({e})."
        ) from None
    if manifest is None:
        raise BackupError(
            "Tệp sao lưu không có manifest.json: không phải bản sao lưu của Dân vận số."
        )
    listed = manifest["members"]
    for name in sorted(set(listed) | set(seen)):
        if name not in seen:
            raise BackupError(
                f"Tệp sao lưu thiếu {name}: bản sao lưu không đầy đủ; không khôi phục."
            )
        if name not in listed:
            raise BackupError(f"Tệp sao lưu có {name} không ghi trong manifest: không khôi phục.")
        if seen[name] != {"sha256": listed[name].get("sha256"), "size": listed[name].get("size")}:
            raise BackupError(
                f"{name} trong tệp sao lưu không khớp mã kiểm tra (sha256): bản sao lưu đã bị sửa "
                "hoặc bị hỏng; không khôi phục."
            )
    if DATABASE[manifest["engine"]] not in seen:
        raise BackupError("Tệp sao lưu không có cơ sở dữ liệu.")
    return manifest


def _safe_name(member: tarfile.TarInfo) -> str:
    """Only what a backup writes: regular files named manifest.json, the database, media/…"""
    path = PurePosixPath(member.name)
    ok = (
        member.isfile()
        and not path.is_absolute()
        and ".." not in path.parts
        and (
            member.name in (MANIFEST, *DATABASE.values())
            or (path.parts[0] == MEDIA and len(path.parts) > 1)
        )
    )
    if not ok:
        raise BackupError(f"Tệp sao lưu chứa mục không hợp lệ: {member.name!r}; không khôi phục.")
    return path.as_posix()


def _parse_manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw)
        assert isinstance(manifest, dict)
        fmt, engine = manifest["format"], manifest["engine"]
        for key, kind in (("members", dict), ("tables", dict), ("schema", dict)):
            assert isinstance(manifest[key], kind)
        manifest.setdefault("identity_key_ids", [])
        str(manifest["created_at"])
    except (ValueError, AssertionError, KeyError, TypeError):
        raise BackupError("manifest.json của tệp sao lưu không hợp lệ.") from None
    if fmt != FORMAT:
        raise BackupError(
            f"Định dạng sao lưu {fmt} không được hỗ trợ (phiên bản này đọc {FORMAT})."
        )
    if engine != connection.vendor:
        raise BackupError(
            f"Bản sao lưu của cơ sở dữ liệu {engine} không khôi phục được vào {connection.vendor}: "
            "chỉ khôi phục cùng loại (SQLite vào SQLite, PostgreSQL vào PostgreSQL)."
        )
    return manifest


def _check_schema_known(schema: dict[str, str]) -> None:
    """Refuse an archive made by a newer version: it has migrations this code does not know."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    installed = {app for app, _ in known}
    unknown = [
        f"{app}.{name}"
        for app, name in schema.items()
        if app in installed and (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            "Bản sao lưu được tạo bởi phiên bản mới hơn của phần mềm (chưa biết "
            f"{', '.join(unknown)}): cập nhật phần mềm trước khi khôi phục."
        )


def data_held() -> str:
    """What data the configured database holds, in words ("" for none)."""
    tables = set(connection.introspection.table_names())
    counts = count_rows([t for t in DATA_TABLES if t in tables])
    words = {"core_unit": "đơn vị", "core_user": "người dùng", "core_auditentry": "mục nhật ký"}
    return ", ".join(f"{n} {words[t]}" for t, n in counts.items() if n)


def count_rows(tables: list[str]) -> dict[str, int]:
    """Rows of each table that exists (a table absent from the database is left out)."""
    present = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = {}
        for t in tables:
            if t in present:
                cursor.execute(_count_sql(t))
                counts[t] = cursor.fetchone()[0]
    return counts


def _restore_database(snapshot: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(snapshot)
        try:
            # Replaces the whole database in one step, in the live connection (an in-memory
            # database included); other connections see the new content when it completes.
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        connection.close()
        # One psql transaction: drop what is there, load the dump; any error undoes both.
        # The programs are the PostgreSQL client's (pg_tool), the arguments our settings'.
        dump = subprocess.Popen(  # noqa: S603
            [pg_tool("pg_restore"), "--no-owner", "--no-acl", "-f", "-", str(snapshot)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert dump.stdout is not None
        psql = [pg_tool("psql"), *_pg_args(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1"]
        load = subprocess.run(  # noqa: S603
            [*psql, "-c", RESET_SCHEMA, "-f", "-", "-d", _pg_name()],
            stdin=dump.stdout,
            capture_output=True,
            env=_pg_env(),
        )
        dump.stdout.close()
        dump_err = dump.stderr.read() if dump.stderr else b""
        dump.wait()
        if dump.returncode or load.returncode:
            detail = (dump_err or load.stderr).decode(errors="replace").strip()[-500:]
            raise BackupError(f"Khôi phục PostgreSQL thất bại, cơ sở dữ liệu giữ nguyên: {detail}")
    connection.close()
    ContentType.objects.clear_cache()


def _restore_media(extracted: Path, media_root: Path) -> int:
    """Put the archive's files in place (same names overwritten; files not in the archive are
    left where they are)."""
    count = 0
    if not extracted.is_dir():
        return 0
    for folder, _, files in os.walk(extracted):
        for name in files:
            path = Path(folder) / name
            dest = media_root / path.relative_to(extracted)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)
            count += 1
    return count


def pending_migrations() -> list[str]:
    """Migrations of this code not applied to the restored database (`danvan migrate`)."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _ in plan]


# --- helpers ----------------------------------------------------------------------------------


def _outside_transaction() -> None:
    if connection.in_atomic_block:
        raise BackupError("Không sao lưu hay khôi phục bên trong một giao dịch cơ sở dữ liệu.")


def _count_sql(table: str) -> str:
    # A table name read from the database's own catalogue, quoted as an identifier.
    quoted = '"' + table.replace('"', '""') + '"'
    return f"SELECT COUNT(*) FROM {quoted}"  # noqa: S608


def _pg_params() -> dict[str, Any]:
    s = connection.settings_dict
    params = {
        "dbname": _pg_name(),
        "user": s.get("USER") or None,
        "password": s.get("PASSWORD") or None,
    }
    params |= {"host": s.get("HOST") or None, "port": s.get("PORT") or None}
    return {k: v for k, v in params.items() if v is not None}


def _pg_name() -> str:
    # The database Django uses now: under pytest-django, the test database.
    return str(connection.settings_dict["NAME"])


def _pg_args() -> list[str]:
    s = connection.settings_dict
    args = []
    if s.get("HOST"):
        args += ["-h", str(s["HOST"])]
    if s.get("PORT"):
        args += ["-p", str(s["PORT"])]
    if s.get("USER"):
        args += ["-U", str(s["USER"])]
    return args


def _pg_env() -> dict[str, str]:
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(connection.settings_dict["PASSWORD"])
    return env


def pg_tool(name: str) -> str:
    """pg_dump, pg_restore or psql of the server's major version as Debian installs them
    (/usr/lib/postgresql/15/bin), else a newer one there, else the one on PATH."""
    connection.ensure_connection()
    major = connection.pg_version // 10000  # type: ignore[attr-defined]
    root = Path("/usr/lib/postgresql")
    versions = sorted(
        (int(p.name) for p in root.glob("*") if p.name.isdigit()) if root.is_dir() else [],
        reverse=True,
    )
    for v in [major, *(v for v in versions if v > major)]:
        candidate = root / str(v) / "bin" / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"Không tìm thấy {name} (gói postgresql-client-{major}): cài đặt rồi chạy lại."
        )
    return found


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, env=_pg_env())  # noqa: S603 - see pg_tool
    if done.returncode:
        detail = done.stderr.decode(errors="replace").strip()[-500:]
        raise BackupError(f"{Path(args[0]).name} thất bại: {detail}")
