"""The promises' pages through their views: reporting and visibility with their refusals, the
portal showing public promises only, search without diacritics, the filters, the export."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import AuditEntry
from danvan.promises import services
from danvan.promises.models import Outcome, Promise
from danvan.promises.selectors import files_of, status_of
from danvan.promises.tests.conftest import TODAY, Proms, pdf
from danvan.testing.pages import kept_as_fresh

pytestmark = pytest.mark.django_db


def _c(world: World, who: str) -> Client:
    return world.client(getattr(world, who))


def _report(p: Promise) -> str:
    return reverse("promises:report", args=[p.pk])


def _kept(note: str = "Đã lắp 40 bộ đèn, nghiệm thu ngày 12/6.", **kw: object) -> dict[str, object]:
    return {"kq-outcome": Outcome.KEPT, "kq-note": note, "kq-on": "2026-06-12", **kw}


# --- reporting ---------------------------------------------------------------------------------


def test_it_lets_the_owner_units_officer_report_a_promise_kept_with_evidence(
    world: World, proms: Proms
) -> None:
    before = _c(world, "readonly_a").get(reverse("promises:detail", args=[proms.open.pk]))
    assert "anh-den.pdf" not in before.content.decode()  # kept from here on
    r = _c(world, "officer_a").post(
        _report(proms.open), _kept(**{"kq-attachments": pdf("anh-den.pdf")})
    )
    assert r.status_code == 302
    p = Promise.objects.get(pk=proms.open.pk)
    assert (p.outcome, p.outcome_on, p.status(TODAY)) == (Outcome.KEPT, date(2026, 6, 12), "kept")
    assert [a.original_name for a in files_of(p.pk)] == ["anh-den.pdf"]
    assert AuditEntry.objects.filter(action="promises.promise_reported", object_id=str(p.pk))
    assert p.task.done_on is not None  # the task of plans is done with it
    page = _c(world, "readonly_a").get(reverse("promises:detail", args=[p.pk]))
    assert (
        "Đã thực hiện đúng hạn" in page.content.decode() and "anh-den.pdf" in page.content.decode()
    )


def test_it_lets_a_leader_report_for_any_unit(world: World, proms: Proms) -> None:
    assert _c(world, "chairman").post(_report(proms.late), _kept()).status_code == 302
    assert Promise.objects.get(pk=proms.late.pk).status(TODAY) == "kept_late"


@pytest.mark.parametrize("who", ["officer_b", "readonly_a", "front", "village_head"])
def test_it_refuses_a_report_from_anyone_but_the_owner_unit_or_a_leader(
    world: World, proms: Proms, who: str
) -> None:
    assert _c(world, who).post(_report(proms.open), _kept()).status_code == 403
    assert Promise.objects.get(pk=proms.open.pk).outcome == ""


def test_it_hides_another_communes_promise(world: World, proms: Proms) -> None:
    assert (
        _c(world, "chairman").get(reverse("promises:detail", args=[proms.other.pk])).status_code
        == 404
    )
    assert _c(world, "chairman").post(_report(proms.other), _kept()).status_code == 404


def test_it_refuses_a_bad_date_in_vietnamese_and_keeps_what_was_typed(
    world: World, proms: Proms
) -> None:
    r = _c(world, "officer_a").post(_report(proms.open), _kept(**{"kq-on": "2026-02-30"}))
    assert r.status_code == 400
    html = r.content.decode()
    assert "Ngày không hợp lệ" in html
    assert "Đã lắp 40 bộ đèn, nghiệm thu ngày 12/6." in html
    assert Promise.objects.get(pk=proms.open.pk).outcome == ""


def test_it_refuses_a_day_after_today_and_one_before_the_promise(
    world: World, proms: Proms
) -> None:
    c = _c(world, "officer_a")
    r = c.post(_report(proms.open), _kept(**{"kq-on": "2026-06-20"}))
    assert r.status_code == 400
    r = c.post(_report(proms.open), _kept(**{"kq-on": "2026-03-01"}))
    assert r.status_code == 400 and "không được trước ngày hứa" in r.content.decode()
    assert Promise.objects.get(pk=proms.open.pk).outcome == ""


def test_it_asks_a_roadmap_for_its_new_date_and_keeps_the_date_promised(
    world: World, proms: Proms
) -> None:
    c = _c(world, "officer_b")
    data = {"kq-outcome": Outcome.ROADMAP, "kq-note": "Chờ vốn năm 2027.", "kq-on": "2026-06-15"}
    r = c.post(_report(proms.late), data)
    assert r.status_code == 400 and "thời hạn mới" in r.content.decode()
    assert c.post(_report(proms.late), {**data, "kq-roadmap_due": "2027-03-31"}).status_code == 302
    p = Promise.objects.get(pk=proms.late.pk)
    assert (p.due_on, p.promised_due, p.status(TODAY)) == (
        date(2027, 3, 31),
        date(2026, 5, 1),
        "roadmap",
    )
    assert p.task.due_date == date(2027, 3, 31)


def test_it_offers_no_report_on_a_closed_promise(world: World, proms: Proms) -> None:
    page = _c(world, "officer_a").get(reverse("promises:detail", args=[proms.kept.pk]))
    assert page.status_code == 200 and 'id="bao-cao"' not in page.content.decode()
    assert _c(world, "officer_a").post(_report(proms.kept), _kept()).status_code == 400


def test_it_refuses_get_on_the_steps(world: World, proms: Proms) -> None:
    assert _c(world, "chairman").get(_report(proms.open)).status_code == 405
    url = reverse("promises:visibility", args=[proms.open.pk])
    assert _c(world, "chairman").get(url).status_code == 405


# --- visibility --------------------------------------------------------------------------------


def _visibility(p: Promise) -> str:
    return reverse("promises:visibility", args=[p.pk])


def test_it_asks_a_reason_to_keep_a_promise_internal(world: World, proms: Proms) -> None:
    c = _c(world, "chairman")
    r = c.post(_visibility(proms.kept), {"ck-public": "0", "ck-reason": ""})
    assert r.status_code == 400 and "Vui lòng ghi lý do không công khai" in r.content.decode()
    assert Promise.objects.get(pk=proms.kept.pk).public
    r = c.post(_visibility(proms.kept), {"ck-public": "0", "ck-reason": "Đang có tranh chấp"})
    assert r.status_code == 302
    p = Promise.objects.get(pk=proms.kept.pk)
    assert (p.public, p.internal_reason) == (False, "Đang có tranh chấp")
    anon = Client()
    assert anon.get(reverse("portal:promise", args=[p.pk])).status_code == 404
    url = reverse("portal:promise_file", args=[p.pk, proms.evidence.pk])
    assert anon.get(url).status_code == 404
    html = anon.get(reverse("portal:promises"), {"xa": world.commune.pk}).content.decode()
    assert "Sửa cầu tràn" not in html and "Nạo vét kênh" in html


def test_it_lets_leaders_and_the_office_decide_what_is_public(world: World, proms: Proms) -> None:
    data = {"ck-public": "0", "ck-reason": "Lý do"}
    assert _c(world, "officer_a").post(_visibility(proms.open), data).status_code == 403
    assert _c(world, "officer_b").post(_visibility(proms.open), data).status_code == 302
    assert _c(world, "admin").post(_visibility(proms.open), {"ck-public": "1"}).status_code == 302
    r = _c(world, "chairman").post(_visibility(proms.internal), {"ck-public": "1"})
    assert r.status_code == 302 and Promise.objects.get(pk=proms.internal.pk).public


# --- the portal --------------------------------------------------------------------------------


def test_it_shows_public_promises_only_on_the_portal(world: World, proms: Proms) -> None:
    anon = Client()
    html = anon.get(reverse("portal:promises"), {"xa": world.commune.pk}).content.decode()
    assert "Sửa cầu tràn thôn Đoàn Kết" in html and "Nạo vét kênh mương" in html
    assert "Xử lý cán bộ" not in html
    assert anon.get(reverse("portal:promise", args=[proms.internal.pk])).status_code == 404
    file_url = reverse("portal:promise_file", args=[proms.internal.pk, proms.internal_file.pk])
    assert anon.get(file_url).status_code == 404
    # Another promise's file through a public promise's address: not served either.
    mixed = reverse("portal:promise_file", args=[proms.kept.pk, proms.internal_file.pk])
    assert anon.get(mixed).status_code == 404
    good = reverse("portal:promise_file", args=[proms.kept.pk, proms.evidence.pk])
    assert b"".join(anon.get(good).streaming_content) == b"%PDF-1.4\n%%EOF"


def test_it_shows_the_outcome_and_evidence_but_no_officers_name(world: World, proms: Proms) -> None:
    Promise.objects.filter(pk=proms.kept.pk).update(owner_person="Ông Nguyễn Văn Bí Mật")
    for url in (
        f"{reverse('portal:promises')}?xa={world.commune.pk}",
        reverse("portal:promise", args=[proms.kept.pk]),
    ):
        html = Client().get(url).content.decode()
        assert "Đã gia cố xong" in html and "bien-ban-nghiem-thu.pdf" in html
        assert "Phòng Văn hóa - Xã hội" in html
        assert "Bí Mật" not in html and "Officer_A" not in html


def test_it_counts_the_figures_of_the_public_promises(world: World, proms: Proms) -> None:
    def figures(**query: object) -> dict[str, int]:
        r = Client().get(reverse("portal:promises"), query)
        return {key: n for key, _, n, _ in r.context["figures"]}

    # The internal promise is not counted; each commune counts its own.
    assert figures(xa=world.other_commune.pk) == {
        "total": 1,
        "kept": 0,
        "kept_late": 0,
        "explained": 0,
        "open": 1,
        "late": 0,
    }
    assert figures(xa=world.commune.pk) == {
        "total": 3,
        "kept": 1,
        "kept_late": 0,
        "explained": 0,
        "open": 1,
        "late": 1,
    }


def test_it_finds_a_promise_without_diacritics(world: World, proms: Proms) -> None:
    xa = world.commune.pk
    html = Client().get(reverse("portal:promises"), {"q": "cau tran", "xa": xa}).content.decode()
    assert "Sửa cầu tràn thôn Đoàn Kết" in html and "Nạo vét" not in html
    officers = _c(world, "officer_b").get(reverse("promises:list"), {"q": "CẦU"}).content.decode()
    assert "Sửa cầu tràn thôn Đoàn Kết" in officers and "Nạo vét" not in officers
    html = Client().get(reverse("portal:promises"), {"q": "doan ket", "xa": xa}).content.decode()
    assert "Sửa cầu" in html


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"trang-thai": "nonsense"},
        {"nguon": "x" * 500},
        {"thon": "1e99"},
        {"xa": "\x00"},
        {"q": "\x00%_'\""},
        {"don-vi": "99999999999999999999999"},
    ],
)
def test_it_answers_any_query_string_without_an_error(
    world: World, proms: Proms, query: dict[str, str]
) -> None:
    assert Client().get(reverse("portal:promises"), query).status_code == 200
    if "xa" not in query:
        assert _c(world, "chairman").get(reverse("promises:list"), query).status_code == 200


# --- the officers' list and export --------------------------------------------------------------


def test_it_filters_the_officers_list(world: World, proms: Proms) -> None:
    c = _c(world, "officer_b")

    def titles(**query: object) -> set[str]:
        r = c.get(reverse("promises:list"), query)
        return {row["title"] for row in r.context["page"].object_list}

    assert titles() == {
        "Sửa cầu tràn thôn Đoàn Kết",
        "Lắp đèn chiếu sáng đường trục xã",
        "Nạo vét kênh mương nội đồng",
        "Xử lý cán bộ vi phạm giờ làm việc",
    }
    assert titles(**{"trang-thai": "late"}) == {"Nạo vét kênh mương nội đồng"}
    assert titles(**{"trang-thai": "kept"}) == {
        "Sửa cầu tràn thôn Đoàn Kết",
        "Xử lý cán bộ vi phạm giờ làm việc",
    }
    assert titles(nguon="voters") == {"Lắp đèn chiếu sáng đường trục xã"}
    assert titles(thon=world.village.pk) == {"Sửa cầu tràn thôn Đoàn Kết"}
    assert titles(**{"don-vi": world.office_a.pk}) == {
        "Sửa cầu tràn thôn Đoàn Kết",
        "Lắp đèn chiếu sáng đường trục xã",
    }
    assert titles(**{"cua-toi": "1"}) == {
        "Nạo vét kênh mương nội đồng",
        "Xử lý cán bộ vi phạm giờ làm việc",
    }


def test_it_computes_each_rows_status_as_the_model_does(world: World, proms: Proms) -> None:
    for p in Promise.objects.all():
        row = Promise.objects.filter(pk=p.pk).values(
            "outcome", "outcome_on", "promised_due", "due_on"
        )[0]
        for day in (date(2026, 4, 1), TODAY, date(2027, 1, 1)):
            assert status_of(row, day) == p.status(day)
            assert Promise.objects.with_status(p.status(day), day).filter(pk=p.pk).exists()


def test_it_exports_the_filtered_list(world: World, proms: Proms) -> None:
    r = _c(world, "readonly_a").get(reverse("promises:export"), {"trang-thai": "kept"})
    assert r.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    header = values.index(next(v for v in values if v[0] == "STT"))
    data = values[header + 1 :]
    assert [row[3].split("\n")[0] for row in data] == [
        "Xử lý cán bộ vi phạm giờ làm việc",
        "Sửa cầu tràn thôn Đoàn Kết",
    ]
    bridge = data[1]
    assert bridge[1] == "Đối thoại với Nhân dân" and bridge[4] == "Phòng Văn hóa - Xã hội"
    assert bridge[10] == "Đã thực hiện đúng hạn" and bridge[12].startswith("Đã gia cố xong")
    assert data[0][13].startswith("Không (Liên quan")
    assert "Cam kết của xã khác" not in str(values)


def test_it_keeps_a_full_portal_page_light(world: World, proms: Proms) -> None:
    """A full page of long promises, each with its outcome and two files, stays well under the
    200 KB a phone's page may weigh (HTML alone; the portal's CSS is shared by every page)."""
    from danvan.core.uploads import attachment_create
    from danvan.promises.tests.conftest import make

    for n in range(25):
        p = make(
            world,
            f"Cam kết số {n}: " + "sửa đường liên thôn " * 14,
            content="Nội dung dài " * 80,
            source_label="Hội nghị đối thoại " * 15,
            public_url="/doi-thoai/1/",
            village=world.village,
        )
        Promise.objects.filter(pk=p.pk).update(
            outcome=Outcome.KEPT, outcome_note="Đã làm xong " * 200, outcome_on=TODAY
        )
        for name in ("anh-1.pdf", "anh-2.pdf"):
            attachment_create(file=pdf(name), owner=p, commune=world.commune, by=world.chairman)
    r = Client().get(reverse("portal:promises"), {"xa": world.commune.pk})
    assert len(r.context["rows"]) == 25
    assert len(r.content) < 100_000


@pytest.mark.parametrize(
    "url",
    [
        "/can-bo/cam-ket/",
        "/can-bo/cam-ket/?q=cau&trang-thai=kept&page=1",
        "/can-bo/cam-ket/?cua-toi=1",
        "/da-hua-da-lam/",
        "/da-hua-da-lam/?xa={xa}",
        "/da-hua-da-lam/?xa={xa}&q=kenh&nguon=questioning&page=7",
    ],
)
def test_it_shows_a_kept_list_as_the_list_counted_afresh(
    world: World, proms: Proms, settings: object, url: str
) -> None:
    kept_as_fresh(_c(world, "officer_a"), url.format(xa=world.commune.pk), settings)


def test_the_kept_promise_page_is_the_page_written_afresh(
    world: World, proms: Proms, settings: object
) -> None:
    pages = {}
    for who in ("officer_a", "chairman", "readonly_a"):
        pages[who] = kept_as_fresh(_c(world, who), proms.open.get_absolute_url(), settings)
    assert 'name="kq-note"' in pages["officer_a"] and 'name="ck-reason"' in pages["chairman"]
    assert 'name="kq-note"' not in pages["readonly_a"]


def test_the_kept_visibility_form_shows_the_reason_given_since(world: World, proms: Proms) -> None:
    c = _c(world, "chairman")
    url = proms.open.get_absolute_url()
    assert "Đang xác minh hồ sơ đất" not in c.get(url).content.decode()
    services.promise_set_public(
        promise=proms.open, by=world.chairman, public=False, reason="Đang xác minh hồ sơ đất"
    )
    assert "Đang xác minh hồ sơ đất" in c.get(url).content.decode().split('name="ck-reason"')[1]


def test_it_shows_a_report_on_the_next_visit_of_a_kept_list(world: World, proms: Proms) -> None:
    c = _c(world, "officer_a")
    url, xa = reverse("portal:promises"), world.commune.pk
    assert "Lắp đèn chiếu sáng" in c.get(url, {"trang-thai": "open", "xa": xa}).content.decode()
    before = c.get(reverse("promises:list"), {"trang-thai": "kept"}).content.decode()
    assert "Lắp đèn chiếu sáng" not in before
    assert c.post(_report(proms.open), _kept()).status_code == 302
    after = c.get(reverse("promises:list"), {"trang-thai": "kept"}).content.decode()
    assert "Lắp đèn chiếu sáng" in after
    assert "Lắp đèn chiếu sáng" not in c.get(url, {"trang-thai": "open", "xa": xa}).content.decode()
    assert "Lắp đèn chiếu sáng" in c.get(url, {"trang-thai": "kept", "xa": xa}).content.decode()


def test_it_asks_a_province_citizen_for_his_commune_first(world: World, proms: Proms) -> None:
    r = Client().get(reverse("portal:promises"))
    html = r.content.decode()
    assert r.status_code == 200 and r.context["choose"]
    assert "Xã Hồng Phong (tỉnh Lạng Sơn)" in html and "Xã Hồng Phong (Ninh Bình)" in html
    assert "Sửa cầu tràn" not in html and "Cam kết của xã khác" not in html
    other = Client().get(reverse("portal:promises"), {"xa": world.other_commune.pk})
    assert "Cam kết của xã khác" in other.content.decode()
    assert "Sửa cầu tràn" not in other.content.decode()
