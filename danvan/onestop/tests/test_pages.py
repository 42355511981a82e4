"""The one-stop pages: the register with its counts, filters and empty state, the import (a file
whose columns are known, one that needs its columns chosen, a bad file), the result page, the
apology slip (in time, once), and who may open and write each (403 elsewhere)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.conftest import World
from danvan.core.models import AuditEntry, Job
from danvan.onestop import services
from danvan.onestop.models import ColumnMapping, Dossier, DossierImport
from danvan.onestop.tests.conftest import Centre
from danvan.onestop.tests.files import ROWS, csv_bytes, xlsx
from danvan.testing.jobs import immediate
from danvan.testing.pages import kept_as_fresh

__all__ = ["immediate"]  # a fixture

TODAY = date(2026, 3, 12)
REGISTER = "/can-bo/mot-cua/"
IMPORT = "/can-bo/mot-cua/nhap/"
COLUMNS = "/can-bo/mot-cua/nhap/chon-cot/"


@pytest.fixture(autouse=True)
def _today() -> object:
    with time_machine.travel(date(2026, 3, 12), tick=False):
        yield


@pytest.fixture
def imported(world: World, centre: Centre) -> DossierImport:
    return services.file_import(xlsx(), "thang3.xlsx", commune=world.commune, on=TODAY, by=None)


def client(world: World, user: object) -> Client:
    return world.client(user)  # type: ignore[arg-type]


def upload(c: Client, raw: bytes, name: str = "thang3.xlsx", **extra: str):  # type: ignore[no-untyped-def]
    return c.post(IMPORT, {"file": SimpleUploadedFile(name, raw), "on": "2026-03-12", **extra})


# --- the register ---------------------------------------------------------------------------


def test_the_register_counts_each_result_and_the_missing_slips(
    world: World, centre: Centre, imported: DossierImport
) -> None:
    html = client(world, world.chairman).get(REGISTER).content.decode()
    assert "Trả trước hạn: <strong>1</strong>" in html
    assert "Đang giải quyết, quá hạn: <strong>1</strong>" in html
    # The late one and the overdue one have no slip.
    assert 'Quá hạn chưa có phiếu xin lỗi: <strong class="text-danger">2</strong>' in html
    assert "Mức độ hài lòng: Hài lòng 1; Rất hài lòng 1" in html
    assert html.count('data-label="Kết quả"') == 5


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("result=late", ["0003"]),
        ("result=in_progress_overdue", ["0005"]),
        ("result=missing_slip", ["0005", "0003"]),
        ("q=ket+hon", ["0003"]),
        ("q=0004", ["0004"]),
        ("month=2026-02", []),
    ],
)
def test_the_register_filters(
    world: World, centre: Centre, imported: DossierImport, query: str, codes: list[str]
) -> None:
    html = client(world, centre.officer).get(f"{REGISTER}?{query}").content.decode()
    found = [c for c in ("0001", "0002", "0003", "0004", "0005") if f"260301-{c}</a>" in html]
    assert sorted(found) == sorted(codes)
    if not codes:
        assert "Không có hồ sơ nào phù hợp." in html


def test_the_register_shows_25_dossiers_a_page_newest_first(world: World, centre: Centre) -> None:
    Dossier.objects.bulk_create(
        Dossier(
            commune=world.commune,
            code=f"D{n:02}",
            received_on=date(2026, 3, n),
            due_on=date(2026, 3, n + 3),
        )
        for n in range(1, 27)
    )
    c = client(world, centre.officer)
    first = c.get(REGISTER).content.decode()
    assert first.count('data-label="Kết quả"') == 25
    assert first.index("D26</a>") < first.index("D25</a>") and "D01</a>" not in first
    last = c.get(f"{REGISTER}?page=2").content.decode()
    assert last.count('data-label="Kết quả"') == 1 and "D01</a>" in last


def test_an_empty_register_invites_an_import(world: World, centre: Centre) -> None:
    html = client(world, centre.officer).get(REGISTER).content.decode()
    assert "Chưa có hồ sơ nào." in html and IMPORT in html
    # The menu marks "Một cửa" as the page one is on, and nothing else.
    assert f'href="{REGISTER}" aria-current="true">Một cửa<' in html
    assert html.count('aria-current="true"') == 1


# --- the import -----------------------------------------------------------------------------


def test_a_file_with_known_columns_is_imported_and_its_result_shown(
    world: World, centre: Centre
) -> None:
    c = client(world, centre.officer)
    bad = [[6, "X", "x", "01/03/2026", "hôm qua", "", "", ""]]
    r = upload(c, xlsx(ROWS + bad))
    assert r.status_code == 302
    done = DossierImport.objects.get()
    assert r["Location"] == f"/can-bo/mot-cua/nhap/{done.pk}/"
    html = c.get(r["Location"]).content.decode()
    assert "Dòng 9" in html and "Ngày hẹn trả: “hôm qua” không phải ngày" in html
    assert Dossier.objects.count() == 5
    assert AuditEntry.objects.filter(action="onestop.imported", actor=centre.officer).exists()


def test_a_file_with_unknown_columns_asks_them_once(world: World, centre: Centre) -> None:
    c = client(world, centre.officer)
    headers = ["Số BN", "Thủ tục", "Nhận lúc", "Hẹn lúc", "Trả lúc"]
    raw = csv_bytes([["A1", "Khai sinh", "01/03/2026", "05/03/2026", ""]], headers)
    r = upload(c, raw, "x.csv")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Chọn cột của tệp" in html and "Số BN" in html
    token = r.context["form"].initial["token"]
    choose = {"token": token, "commune": world.commune.pk, "on": "2026-03-12",
              "code": "0", "procedure": "1", "received_on": "2", "due_on": "3",
              "returned_on": "4"}  # fmt: skip
    r = c.post(COLUMNS, {**choose, "due_on": ""})
    assert r.status_code == 400 and "Hãy chọn cột chứa thông tin này." in r.content.decode()
    r = c.post(COLUMNS, choose)
    assert r.status_code == 302 and Dossier.objects.get().code == "A1"
    assert ColumnMapping.objects.get(commune=world.commune).columns["code"] == "so bn"
    # Next time the same headers are read at once.
    r = upload(
        c, csv_bytes([["A2", "Khai sinh", "02/03/2026", "06/03/2026", ""]], headers), "y.csv"
    )
    assert r.status_code == 302 and Dossier.objects.count() == 2


def test_a_kept_file_is_only_its_uploaders(world: World, centre: Centre) -> None:
    headers = ["Số BN", "Nhận lúc", "Hẹn lúc"]
    r = upload(
        client(world, centre.officer),
        csv_bytes([["A1", "01/03/2026", "05/03/2026"]], headers),
        "x.csv",
    )
    token = r.context["form"].initial["token"]
    other = centre.officer.__class__.objects.create_user("hcc2", "h@example.org", "x")
    from danvan.core.models import Membership, Role

    Membership.objects.create(user=other, unit=centre.unit, role=Role.OFFICER)
    r = client(world, other).post(COLUMNS, {"token": token, "commune": world.commune.pk,
                                            "on": "2026-03-12", "code": "0", "received_on": "1",
                                            "due_on": "2"})  # fmt: skip
    assert r.status_code == 404 and not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (csv_bytes().decode("utf-8-sig").encode("utf-16"), "x.csv", "không phải mã UTF-8"),
        (b"PK\x03\x04broken", "x.xlsx", "Tệp .xlsx không đọc được"),
        (b"", "x.csv", "Tệp gửi lên trống."),
    ],
)
def test_a_bad_file_is_refused_in_vietnamese(
    world: World, centre: Centre, raw: bytes, name: str, message: str
) -> None:
    r = upload(client(world, centre.officer), raw, name)
    assert r.status_code == 400 and message in r.content.decode()
    assert not Dossier.objects.exists()


def test_a_large_file_goes_to_the_background(world: World, centre: Centre, immediate: None) -> None:
    r = upload(client(world, centre.officer), xlsx())  # 5 rows, more than 2: a job
    assert r.status_code == 302
    done = DossierImport.objects.get()
    assert r["Location"] == f"/can-bo/mot-cua/nhap/{done.pk}/"
    assert Dossier.objects.count() == 5 and Job.objects.get().status == Job.Status.DONE


# --- the apology slip -----------------------------------------------------------------------


def slip(c: Client, pk: int, sent_on: str, new: str = "2026-03-20"):  # type: ignore[no-untyped-def]
    return c.post(f"/can-bo/mot-cua/ho-so/{pk}/",
                  {"reason": "Chờ xác minh nguồn gốc đất", "new_due_on": new, "sent_on": sent_on})  # fmt: skip


def test_a_slip_is_recorded_once_and_in_time(
    world: World, centre: Centre, imported: DossierImport
) -> None:
    c = client(world, centre.officer)
    d = Dossier.objects.get(code="H01.01-260301-0005")  # due 10/03, still open
    r = slip(c, d.pk, "2026-03-10")
    assert r.status_code == 400
    assert "Phiếu xin lỗi phải gửi chậm nhất ngày 09/03/2026" in r.content.decode()
    r = slip(c, d.pk, "2026-03-09")
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.apology_sent_on == date(2026, 3, 9) and d.apology_by == centre.officer
    assert AuditEntry.objects.filter(
        action="onestop.apology_recorded", object_id=str(d.pk)
    ).exists()
    r = slip(c, d.pk, "2026-03-08")
    assert r.status_code == 400 and "mỗi hồ sơ chỉ ghi một lần" in r.content.decode()
    html = client(world, world.chairman).get(f"{REGISTER}?result=missing_slip").content.decode()
    assert "260301-0005</a>" not in html


def test_the_kept_counts_follow_a_slip_and_an_import(
    world: World, centre: Centre, imported: DossierImport, settings: Any
) -> None:
    """The register's counts, satisfaction and imports are kept per month and day (issue 16)
    until a record of the commune changes: a slip recorded and a file imported since show on
    the next visit."""
    reader = client(world, world.chairman)
    missing = 'Quá hạn chưa có phiếu xin lỗi: <strong class="text-danger">{}</strong>'
    assert missing.format(2) in reader.get(REGISTER).content.decode()
    d = Dossier.objects.get(code="H01.01-260301-0005")
    assert slip(client(world, centre.officer), d.pk, "2026-03-09").status_code == 302
    html = reader.get(REGISTER).content.decode()
    assert missing.format(1) in html and html.count("thang3.xlsx") == 1
    services.file_import(xlsx(), "thang3-lan2.xlsx", commune=world.commune, on=TODAY, by=None)
    assert "thang3-lan2.xlsx" in reader.get(REGISTER).content.decode()
    for url in (REGISTER, f"{REGISTER}?page=2", f"{REGISTER}?q=0005"):
        kept_as_fresh(reader, url, settings)  # the page of rows too


def test_a_dossier_returned_on_time_needs_no_slip(
    world: World, centre: Centre, imported: DossierImport
) -> None:
    d = Dossier.objects.get(code="H01.01-260301-0001")
    r = slip(client(world, centre.officer), d.pk, "2026-03-03")
    assert r.status_code == 400 and "không cần phiếu xin lỗi" in r.content.decode()


# --- who may open and write -----------------------------------------------------------------

READERS = ["chairman", "admin", "centre_officer", "centre_readonly"]
OTHERS = ["officer_a", "readonly_a", "officer_b", "front", "village_head", "province_viewer"]


def person(world: World, centre: Centre, name: str) -> object:
    return {"centre_officer": centre.officer, "centre_readonly": centre.readonly}.get(
        name
    ) or getattr(world, name)


@pytest.mark.parametrize("name", READERS + OTHERS + ["outsider"])
def test_who_reads_the_register_and_a_dossier(
    world: World, centre: Centre, imported: DossierImport, name: str
) -> None:
    c = client(world, person(world, centre, name))
    d = Dossier.objects.first()
    assert d is not None
    pages = [REGISTER, f"/can-bo/mot-cua/ho-so/{d.pk}/", f"/can-bo/mot-cua/nhap/{imported.pk}/"]
    expected = 200 if name in READERS else 403
    for path in pages:
        status = c.get(path).status_code
        if name == "outsider" and path != REGISTER:
            assert status == 404, path
        else:
            assert status == expected, (path, status)


@pytest.mark.parametrize("name", READERS + OTHERS + ["outsider"])
def test_only_the_centres_officer_imports_and_records_slips(
    world: World, centre: Centre, imported: DossierImport, name: str
) -> None:
    c = client(world, person(world, centre, name))
    writer = name == "centre_officer"
    assert c.get(IMPORT).status_code == (200 if writer else 403)
    assert upload(c, xlsx()).status_code == (302 if writer else 403)
    d = Dossier.objects.get(code="H01.01-260301-0005")
    status = slip(c, d.pk, "2026-03-09").status_code
    assert status == (302 if writer else 404 if name == "outsider" else 403)
    d.refresh_from_db()
    assert (d.apology_sent_on is not None) == writer


def test_the_other_communes_register_is_not_found(world: World, centre: Centre) -> None:
    r = client(world, world.chairman).get(f"{REGISTER}?xa={world.other_commune.pk}")
    assert r.status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(client: Client, world: World) -> None:
    for path in (REGISTER, IMPORT):
        r = client.get(path)
        assert r.status_code == 302 and "/dang-nhap/" in r["Location"]


def test_the_slip_form_refuses_get_as_a_write(
    world: World, centre: Centre, imported: DossierImport
) -> None:
    d = Dossier.objects.get(code="H01.01-260301-0005")
    r = client(world, centre.officer).get(f"/can-bo/mot-cua/ho-so/{d.pk}/")
    assert r.status_code == 200 and "Ghi phiếu xin lỗi" in r.content.decode()
    d.refresh_from_db()
    assert d.apology_sent_on is None


@pytest.mark.parametrize(
    "query",
    ["month=2026-13", "month=abc", "result=khong-co", "q=%00%01", "page=abc", "page=99999",
     "q=" + "đ" * 500],
)  # fmt: skip
def test_odd_queries_are_no_error(
    world: World, centre: Centre, imported: DossierImport, query: str
) -> None:
    assert client(world, centre.officer).get(f"{REGISTER}?{query}").status_code == 200


@pytest.mark.parametrize("commune", ["abc", "", "99999999"])
def test_an_odd_mapping_post_is_not_found(world: World, centre: Centre, commune: str) -> None:
    r = client(world, centre.officer).post(
        COLUMNS, {"token": "../../etc/passwd", "commune": commune}
    )
    assert r.status_code == 404
