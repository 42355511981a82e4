"""Dashboard and statistics: exact numbers on a small known data set, who sees them, the .xlsx.

Time is frozen on Monday 02/11/2026. The data set (commune Hồng Phong, received in 2026):
A complaint, filed on time · B complaint, resolved on time · C complaint, returned late ·
D reflection, open and overdue · E complaint, open, due 09/11 · F denunciation, paused.
Outside the period: H, a complaint of December 2025, open and overdue. Another commune: G.
On-time rate = closed on time (A, B) ÷ (closed (A, B, C) + open overdue (D)) = 2 ÷ 4 = 50%.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import Unit
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.selectors import petition_stats
from danvan.testing.pages import without_tokens

TODAY = date(2026, 11, 2)


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(
        datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    ):
        yield


def receive(world: World, subject: str, received_on: date, **extra: object) -> Petition:
    fields: dict[str, object] = {
        "commune": world.commune,
        "by": world.officer_b,
        "channel": Petition.Channel.POST,
        "kind": PetitionKind.COMPLAINT,
        "subject": subject,
        "content": "Nội dung đơn.",
        "received_on": received_on,
        "identity": {"name": "Người gửi"},
        "village": world.village,
    }
    fields.update(extra)
    return services.petition_receive(**fields)  # type: ignore[arg-type]


@pytest.fixture
def data(world: World) -> dict[str, Petition]:
    by = world.officer_b
    a = receive(world, "Đơn A", date(2026, 10, 1))
    services.petition_route(petition=a, by=by, outcome="filed", on=date(2026, 10, 5))
    b = receive(world, "Đơn B", date(2026, 10, 1))
    services.petition_assign(petition=b, by=by, handler=world.officer_a, unit=world.office_a)
    services.petition_accept(petition=b, by=by, accepted_on=date(2026, 10, 5))
    services.petition_resolve(
        petition=b, by=by, decided_on=date(2026, 11, 2), outcome="Giải quyết xong."
    )
    services.petition_sign_off(petition=b, by=world.chairman, signed_on=date(2026, 11, 2))
    c = receive(world, "Đơn C", date(2026, 9, 1))
    services.petition_route(petition=c, by=by, outcome="returned", on=date(2026, 9, 20))
    d = receive(world, "Đơn D", date(2026, 10, 1), kind=PetitionKind.REFLECTION, village=None)
    e = receive(world, "Đơn E", date(2026, 10, 26))
    f = receive(world, "Đơn F", date(2026, 10, 1), kind=PetitionKind.DENUNCIATION)
    services.petition_accept(petition=f, by=by, accepted_on=date(2026, 10, 5))
    services.petition_pause(petition=f, by=by, on=date(2026, 10, 6), reason="Chờ giám định")
    g = services.petition_receive(
        commune=world.other_commune,
        by=world.outsider,
        channel="post",
        kind="complaint",
        subject="Đơn G",
        content="x",
        received_on=date(2026, 10, 1),
    )
    h = receive(world, "Đơn H", date(2025, 12, 20))
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f, "g": g, "h": h}


def test_it_counts_the_known_data_set_exactly(world: World, data: dict[str, Petition]) -> None:
    s = petition_stats(
        commune=world.commune, start=date(2026, 1, 1), end=date(2026, 12, 31), today=TODAY
    )
    t = s.total
    assert (t.total, t.closed, t.on_time, t.overdue, t.open, t.paused) == (6, 3, 2, 1, 3, 1)
    assert (t.resolved, t.routed, t.accepted) == (1, 2, 2)
    assert s.rate == 50
    kinds = {r.key: (r.total, r.overdue, r.rate) for r in s.by_kind}
    assert kinds == {
        "complaint": (4, 0, 67),  # 2 on time ÷ 3 closed
        "denunciation": (1, 0, None),  # paused: neither closed nor overdue
        "recommendation": (0, 0, None),
        "reflection": (1, 1, 0),
        "mixed": (0, 0, None),
    }
    statuses = {code: n for code, _label, n in s.by_status}
    assert (statuses["filed"], statuses["returned"], statuses["resolved"]) == (1, 1, 1)
    assert (statuses["received"], statuses["paused"]) == (2, 1)
    assert {r.label: r.total for r in s.by_village} == {"Thôn Đoàn Kết": 5, "Không rõ thôn": 1}
    assert {r.label: (r.total, r.rate) for r in s.by_unit} == {
        "Phòng VH-XH": (1, 100),
        "Chưa giao": (5, 33),  # A on time, C late, D overdue: 1 ÷ (2 + 1)
    }
    # The overdue list covers every open case of the commune, whatever its period: D and H.
    assert [p.subject for p in s.overdue] == ["Đơn H", "Đơn D"] and s.overdue_total == 2


def test_the_page_counts_what_the_export_counts_but_accepted_cases(
    world: World, data: dict[str, Petition]
) -> None:
    """The page's scan (accepted=False) reads the overview's index alone: every other number
    is the export's."""
    period = {"commune": world.commune, "start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    full = petition_stats(**period, today=TODAY)
    page = petition_stats(**period, today=TODAY, accepted=False)
    for r in [full.total, *full.by_kind, *full.by_unit, *full.by_village]:
        r.accepted = 0
    assert full.total.total == 6 and page.total.accepted == 0
    assert (page.total, page.by_kind, page.by_unit, page.by_village) == (
        full.total,
        full.by_kind,
        full.by_unit,
        full.by_village,
    )
    assert (page.by_status, page.overdue, page.overdue_total, page.reception) == (
        full.by_status,
        full.overdue,
        full.overdue_total,
        full.reception,
    )


def test_it_takes_the_period_from_the_query_string(world: World, data: dict[str, Petition]) -> None:
    r = world.client(world.chairman).get(
        reverse("petitions:stats") + "?from=2025-12-01&to=2025-12-31"
    )
    s = r.context["stats"]
    assert (s.start, s.end, s.total.total, s.rate) == (date(2025, 12, 1), date(2025, 12, 31), 1, 0)


@pytest.mark.parametrize(
    "query",
    [
        "?from=2026-99-99",
        "?from=abc&to=%00",
        "?to=1-1-1",
        "?xa=abc",
        "?from=2026-12-31&to=2026-01-01",
    ],
)
def test_it_survives_odd_periods(world: World, data: dict[str, Petition], query: str) -> None:
    r = world.client(world.chairman).get(reverse("petitions:stats") + query)
    assert r.status_code == 200
    assert r.context["stats"].total.total == 6


def test_it_says_which_date_was_wrong(world: World) -> None:
    page = (
        world.client(world.chairman)
        .get(reverse("petitions:stats") + "?from=2026-02-30")
        .content.decode()
    )
    assert "Nhập một ngày hợp lệ." in page


def test_it_shows_the_rate_and_the_overdue_list_to_the_reception_office(
    world: World, data: dict[str, Petition]
) -> None:
    page = world.client(world.officer_b).get(reverse("petitions:stats")).content.decode()
    assert "50%" in page and "Đơn D" in page and "Đơn H" in page
    assert f'href="{HOTSPOTS}?xa={world.commune.pk}"' in page  # he keeps the book: its hotspots


# The hotspots page names villages and petitions: only those who keep the book open it, and
# the dashboard links to it for them only (a reader of counts was shown a link to a 403).
HOTSPOTS = "/can-bo/don-thu/diem-nong/"


@pytest.mark.parametrize("who", ["readonly_a", "province_viewer"])
def test_statistics_only_readers_see_counts_and_no_petition_text(
    world: World, data: dict[str, Petition], who: str
) -> None:
    r = world.client(getattr(world, who)).get(
        reverse("petitions:stats") + f"?xa={world.commune.pk}"
    )
    assert r.status_code == 200
    page = r.content.decode()
    assert "50%" in page
    for p in data.values():
        assert p.subject not in page
    assert "Có 2 đơn đang quá hạn" in page
    assert HOTSPOTS not in page


@pytest.mark.parametrize("who", ["officer_a", "front", "village_head"])
def test_it_shows_counts_but_no_petition_to_every_member_of_the_commune(
    world: World, data: dict[str, Petition], who: str
) -> None:
    c = world.client(getattr(world, who))
    page = c.get(reverse("petitions:stats")).content.decode()
    assert "50%" in page
    for p in data.values():
        assert p.subject not in page
    assert c.get(reverse("petitions:stats_xlsx")).status_code == 200
    assert HOTSPOTS not in page and c.get(HOTSPOTS).status_code == 403


def test_it_refuses_another_communes_statistics(world: World, data: dict[str, Petition]) -> None:
    for who in (world.officer_b, world.province_viewer, world.readonly_a):
        c = world.client(who)
        assert (
            c.get(reverse("petitions:stats") + f"?xa={world.other_commune.pk}").status_code == 404
        )
        assert (
            c.get(reverse("petitions:stats_xlsx") + f"?xa={world.other_commune.pk}").status_code
            == 404
        )


def test_the_dashboard_costs_a_fixed_number_of_queries(
    world: World, data: dict[str, Petition], django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for i in range(40):
        receive(
            world, f"Thêm {i}", date(2026, 10, 1 + i % 20), village=world.village if i % 2 else None
        )
    c = world.client(world.chairman)
    c.get(reverse("petitions:stats"))  # warm the session and the calendar
    with django_assert_max_num_queries(18):
        assert c.get(reverse("petitions:stats")).status_code == 200


def test_the_xlsx_opens_and_holds_the_table(world: World, data: dict[str, Petition]) -> None:
    r = world.client(world.province_viewer).get(
        reverse("petitions:stats_xlsx") + f"?xa={world.commune.pk}"
    )
    assert r.status_code == 200
    assert r["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert "thong-ke-don-thu-20260101-20261231.xlsx" in r["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb["Tổng hợp"]
    rows = {row[0]: row[1:] for row in ws.iter_rows(min_row=6, values_only=True) if row[0]}
    assert rows["Khiếu nại"][:1] == (4,)
    total = rows["Tổng số"]
    assert (total[0], total[6], total[7], total[8], total[9]) == (6, 3, 2, 1, 50)
    assert rows["Số lượt tiếp"][0] == 0
    text = " ".join(
        str(c.value) for sheet in wb for row in sheet.iter_rows() for c in row if c.value
    )
    for p in data.values():
        assert p.subject not in text and "Người gửi" not in text


def test_the_xlsx_keeps_a_formula_like_name_as_text(world: World) -> None:
    evil = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name='=HYPERLINK("http://x","bấm")', parent=world.commune
    )
    receive(world, "Đơn thôn lạ", date(2026, 10, 1), village=evil)
    r = world.client(world.chairman).get(reverse("petitions:stats_xlsx"))
    ws = openpyxl.load_workbook(io.BytesIO(r.content))["Theo thôn, đơn vị"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == evil.name)
    assert cell.data_type == "s" and cell.quotePrefix


def _page(c: Client, url: str) -> str:
    """The page without its CSRF token (a new one on each request)."""
    return without_tokens(c.get(url).content.decode())


def test_the_kept_figures_are_counted_again_after_a_write(
    world: World, data: dict[str, Petition]
) -> None:
    """The figures are kept as written until a record of the commune changes: the same page
    from the kept figures, and a case received or routed counts at once."""
    c = world.client(world.officer_b)
    url = reverse("petitions:stats")
    first = _page(c, url)
    assert _page(c, url) == first
    assert '<span class="dv-card-n">6</span> đơn nhận' in first
    e = Petition.objects.get(subject="Đơn E")
    services.petition_route(petition=e, by=world.officer_b, outcome="filed", on=TODAY)
    receive(world, "Đơn I", date(2026, 10, 30))
    after = _page(c, url)
    assert '<span class="dv-card-n">7</span> đơn nhận' in after
    assert "Đơn I" not in after  # not overdue
    assert "Đơn D" in after and "Đơn H" in after


def test_the_kept_figures_of_a_book_keeper_are_not_shown_to_a_reader(
    world: World, data: dict[str, Petition]
) -> None:
    """The same commune and period, kept for each kind of reader: the overdue cases named and
    linked for those who keep the book only, whoever opened the page first."""
    url = reverse("petitions:stats") + f"?xa={world.commune.pk}"
    keeper = _page(world.client(world.officer_b), url)
    reader = _page(world.client(world.readonly_a), url)
    assert "Đơn D" in keeper and HOTSPOTS in keeper
    assert "Đơn D" not in reader and HOTSPOTS not in reader and "Có 2 đơn đang quá hạn" in reader
    assert _page(world.client(world.officer_b), url) == keeper
