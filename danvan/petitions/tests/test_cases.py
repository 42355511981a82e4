"""The petition book through its pages: who sees what, every handling step, bad input.

Time is frozen on Monday 02/11/2026 (Asia/Ho_Chi_Minh); due dates below follow the rules of
migration 0002 and the 2026 calendar.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import AuditEntry, Membership, Role, User
from danvan.petitions import services
from danvan.petitions.models import IdentityVault, Petition, PetitionEvent, PetitionKind

TODAY = date(2026, 11, 2)
DENOUNCER = "Nguyễn Văn Tố Giác"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(
        datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    ):
        yield


def receive(world: World, **extra: object) -> Petition:
    fields: dict[str, object] = {
        "commune": world.commune,
        "by": world.officer_b,
        "channel": Petition.Channel.IN_PERSON,
        "kind": PetitionKind.COMPLAINT,
        "subject": "Khiếu nại việc thu hồi đất làm đường thôn Đoàn Kết",
        "content": "Gia đình tôi chưa được bồi thường phần đất bị thu hồi.",
        "received_on": date(2026, 10, 26),
        "identity": {"name": "Lê Thị Hoa", "address": "Thôn Đoàn Kết"},
        "village": world.village,
    }
    fields.update(extra)
    return services.petition_receive(**fields)  # type: ignore[arg-type]


def denunciation(world: World, **extra: object) -> Petition:
    return receive(
        world,
        kind=PetitionKind.DENUNCIATION,
        subject="Tố cáo cán bộ địa chính nhận tiền",
        content="Cán bộ địa chính xã nhận tiền khi làm thủ tục.",
        identity={"name": DENOUNCER, "address": "Thôn Đoàn Kết", "phone": "0912345678"},
        **extra,
    )


def audit(p: Petition, action: str) -> AuditEntry | None:
    return AuditEntry.objects.filter(object_id=str(p.pk), action=action).first()


def post(world: World, user: User | None, name: str, p: Petition, data: dict[str, str]):  # type: ignore[no-untyped-def]
    return world.client(user).post(reverse(f"petitions:{name}", args=[p.pk]), data)


# --- who sees the book ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer_b", "chairman", "admin"])
def test_it_lists_every_petition_for_the_reception_office_and_leaders(
    world: World, who: str
) -> None:
    p = receive(world)
    r = world.client(getattr(world, who)).get(reverse("petitions:list"))
    assert r.status_code == 200
    assert p.subject in r.content.decode()


@pytest.mark.parametrize("who", ["readonly_a", "front", "village_head", "province_viewer"])
def test_it_refuses_the_list_to_people_who_only_see_statistics(world: World, who: str) -> None:
    receive(world)
    assert world.client(getattr(world, who)).get(reverse("petitions:list")).status_code == 403


def test_it_shows_another_commune_nothing(world: World) -> None:
    p = receive(world)
    r = world.client(world.outsider).get(reverse("petitions:list"))
    assert r.status_code == 200
    assert p.subject not in r.content.decode()
    assert (
        world.client(world.outsider).get(reverse("petitions:detail", args=[p.pk])).status_code
        == 404
    )


def test_it_sends_an_anonymous_visitor_to_the_login_page(world: World) -> None:
    r = world.client(None).get(reverse("petitions:list"))
    assert r.status_code == 302
    assert "/dang-nhap/" in r["Location"]


@pytest.mark.parametrize(
    "who", ["officer_a", "readonly_a", "front", "village_head", "province_viewer", "outsider"]
)
def test_it_hides_a_case_from_whoever_does_not_hold_it(world: World, who: str) -> None:
    p = receive(world)
    r = world.client(getattr(world, who)).get(reverse("petitions:detail", args=[p.pk]))
    assert r.status_code == 404


def test_it_shows_the_handling_officer_only_their_cases(world: World) -> None:
    mine, other = receive(world), receive(world, subject="Phản ánh đèn đường hỏng")
    services.petition_assign(
        petition=mine, by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    c = world.client(world.officer_a)
    page = c.get(reverse("petitions:list")).content.decode()
    assert mine.subject in page and other.subject not in page
    assert c.get(reverse("petitions:detail", args=[mine.pk])).status_code == 200
    assert c.get(reverse("petitions:detail", args=[other.pk])).status_code == 404
    # The handler works on the case but does not receive new petitions.
    assert c.get(reverse("petitions:receive")).status_code == 403


def test_a_case_shows_each_reader_only_the_linked_cases_she_may_open(world: World) -> None:
    """The linked cases are kept with the case's steps for every reader: the handler, who
    opens the page after the book's keeper, sees only the linked cases she holds, and a case
    linked since at once."""
    mine, hers, later = receive(world), receive(world), receive(world)
    for p in (mine, later):
        services.petition_assign(
            petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
        )
    services.petition_link(petition=hers, to=mine, kind="same_matter", by=world.chairman)
    url = reverse("petitions:detail", args=[mine.pk])
    keeper, handler = world.client(world.officer_b), world.client(world.officer_a)
    assert hers.code in keeper.get(url).content.decode()
    assert "Đơn liên kết" not in handler.get(url).content.decode()
    services.petition_link(petition=later, to=mine, kind="same_matter", by=world.chairman)
    page = handler.get(url).content.decode()
    assert later.code in page and hers.code not in page.split("Đơn liên kết")[1]


# --- the denouncer's identity -----------------------------------------------------------------


def test_it_never_shows_a_denouncers_identity_on_the_list_or_the_case(world: World) -> None:
    p = denunciation(world)
    assert IdentityVault.objects.filter(petition=p).exists()
    for who in (world.officer_b, world.chairman):
        c = world.client(who)
        for url in (reverse("petitions:list"), reverse("petitions:detail", args=[p.pk])):
            page = c.get(url).content.decode()
            assert DENOUNCER not in page and "0912345678" not in page
            assert "Danh tính được bảo vệ" in page


def test_it_sends_a_denouncers_identity_typed_at_intake_to_the_vault(world: World) -> None:
    r = world.client(world.officer_b).post(
        reverse("petitions:receive"),
        {
            "received_on": "2026-11-02",
            "channel": "post",
            "kind": "denunciation",
            "topic": "officials",
            "subject": "Tố cáo trưởng thôn thu tiền trái phép",
            "content": "Trưởng thôn thu mỗi hộ 200.000 đồng.",
            "petitioner_name": DENOUNCER,
            "petitioner_address": "Xóm Trên",
            "petitioner_phone": "0987654321",
            "signatories": "1",
        },
    )
    assert r.status_code == 302
    p = Petition.objects.get()
    assert (p.petitioner_name, p.petitioner_address, p.petitioner_phone) == ("", "", "")
    assert IdentityVault.objects.filter(petition=p).exists()
    page = world.client(world.officer_b).get(r["Location"]).content.decode()
    assert DENOUNCER not in page and "0987654321" not in page


# --- intake -----------------------------------------------------------------------------------


INTAKE = {
    "received_on": "2026-11-02",
    "channel": "in_person",
    "kind": "complaint",
    "topic": "land",
    "subject": "Khiếu nại quyết định thu hồi đất",
    "content": "Đề nghị xem xét lại diện tích bị thu hồi.",
    "petitioner_name": "Hoàng Văn Nam",
    "petitioner_address": "Thôn Đoàn Kết",
    "petitioner_phone": "0911000111",
    "signatories": "6",
}


def test_it_receives_a_petition_numbers_it_and_starts_its_deadline(world: World) -> None:
    r = world.client(world.officer_b).post(
        reverse("petitions:receive"), {**INTAKE, "village": str(world.village.pk)}
    )
    p = Petition.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("petitions:detail", args=[p.pk])
    assert (p.code, p.petitioner_name, p.village, p.multi_person) == (
        "1/2026",
        "Hoàng Văn Nam",
        world.village,
        True,
    )
    # Luật Khiếu nại 2011, Điều 27: 10 working days to accept, from Tuesday 03/11.
    assert p.due_on == date(2026, 11, 16)
    assert audit(p, "petitions.received") is not None
    page = world.client(world.officer_b).get(r["Location"]).content.decode()
    assert "Cách tính hạn" in page and "16/11/2026" in page


def test_it_refuses_intake_to_people_outside_the_reception_office(world: World) -> None:
    for who in (
        world.officer_a,
        world.readonly_a,
        world.front,
        world.province_viewer,
        world.outsider,
    ):
        assert world.client(who).post(reverse("petitions:receive"), INTAKE).status_code == 403
    assert not Petition.objects.exists()


def test_it_refuses_intake_for_another_commune(world: World) -> None:
    url = reverse("petitions:receive") + f"?xa={world.other_commune.pk}"
    assert world.client(world.officer_b).get(url).status_code == 404


def test_it_refuses_a_village_of_another_commune(world: World) -> None:
    from danvan.core.models import Unit

    far = Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Xa", parent=world.other_commune)
    r = world.client(world.officer_b).post(
        reverse("petitions:receive"), {**INTAKE, "village": far.pk}
    )
    assert r.status_code == 400
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("received_on", "2026-13-45", "Ngày không hợp lệ"),
        ("received_on", "2026-12-01", "Ngày không được sau hôm nay"),
        ("received_on", "1899-01-01", "Ngày phải từ năm 2000"),
        ("subject", "x" * 5000, "Tối đa 300"),
        ("signatories", "99999999999999999999", "tối đa 10.000"),
        ("signatories", "0", "từ 1 trở lên"),
        ("kind", "<script>", "lựa chọn hợp lệ"),
        ("subject", "", "bắt buộc"),
    ],
)
def test_it_explains_bad_intake_input_and_keeps_the_rest(
    world: World, field: str, value: str, message: str
) -> None:
    r = world.client(world.officer_b).post(reverse("petitions:receive"), {**INTAKE, field: value})
    assert r.status_code == 400
    page = r.content.decode()
    assert message in page
    assert "Đề nghị xem xét lại diện tích bị thu hồi." in page
    assert not Petition.objects.exists()


def test_it_drops_nul_bytes_and_keeps_markup_as_text(world: World) -> None:
    data = {**INTAKE, "subject": "Thu hồi\x00 đất <b>gấp</b>", "content": "a\x00b"}
    r = world.client(world.officer_b).post(reverse("petitions:receive"), data)
    assert r.status_code == 302
    p = Petition.objects.get()
    assert (p.subject, p.content) == ("Thu hồi đất <b>gấp</b>", "ab")
    page = world.client(world.officer_b).get(r["Location"]).content.decode()
    assert "&lt;b&gt;gấp&lt;/b&gt;" in page and "<b>gấp</b>" not in page


# --- handling, step by step -------------------------------------------------------------------


def test_it_runs_a_denunciation_through_every_step(world: World) -> None:
    p = denunciation(world, received_on=date(2026, 10, 1))
    c = world.client(world.officer_b)

    def go(name: str, data: dict[str, str]) -> None:
        r = c.post(reverse(f"petitions:{name}", args=[p.pk]), data)
        assert r.status_code == 302, r.content.decode()[:2000]

    go(
        "classify",
        {
            "pl-competent": "1",
            "pl-conditions_met": "1",
            "pl-complex": "on",
            "pl-topic": "officials",
        },
    )
    go("assign", {"gx-assignee": f"{world.office_a.pk}-{world.officer_a.pk}"})
    go("accept", {"tl-accepted_on": "2026-10-05"})
    p.refresh_from_db()
    # Luật Tố cáo 2018, Điều 30: 30 days from acceptance, 04/11 (Wednesday).
    assert (p.status, p.due_on) == ("accepted", date(2026, 11, 4))
    go("extend", {"gh-on": "2026-11-02", "gh-reason": "Vụ việc phức tạp, cần xác minh thêm."})
    p.refresh_from_db()
    assert (p.extensions, p.due_on) == (1, date(2026, 12, 4))
    go("pause", {"dc-on": "2026-11-02", "dc-reason": "Chờ kết quả giám định."})
    p.refresh_from_db()
    assert p.status == "paused"
    go("resume", {"tt-on": "2026-11-02", "tt-reason": "Đã có kết quả giám định."})
    go(
        "resolve",
        {
            "kq-decided_on": "2026-11-02",
            "kq-outcome": "Tố cáo đúng một phần.",
            "kq-legal_basis": "Luật Tố cáo năm 2018",
            "kq-public_answer": "Đã kết luận.",
        },
    )
    p.refresh_from_db()
    assert p.status == "proposed"  # the office drafts, a leader signs
    c = world.client(world.chairman)  # `go` posts as the chairman now: he signs
    go("sign_off", {"kd-signed_on": "2026-11-02"})
    p.refresh_from_db()
    assert (p.status, p.closed_on_time, p.handler) == ("resolved", True, world.officer_a)
    assert p.signed_off_by == world.chairman
    for action in (
        "classified",
        "assigned",
        "accepted",
        "extended",
        "paused",
        "resumed",
        "proposed",
        "resolved",
    ):
        assert audit(p, f"petitions.{action}") is not None, action
    events = list(PetitionEvent.objects.filter(petition=p).values_list("kind", flat=True))
    assert events == [
        "received",
        "accepted",
        "extended",
        "paused",
        "resumed",
        "proposed",
        "resolved",
    ]
    page = c.get(reverse("petitions:detail", args=[p.pk])).content.decode()
    assert "Gia hạn giải quyết" in page and "Tố cáo đúng một phần." in page


def test_it_routes_a_petition_it_cannot_handle(world: World) -> None:
    p = receive(world)
    r = post(
        world,
        world.officer_b,
        "route",
        p,
        {"xl-outcome": "forwarded", "xl-on": "2026-10-28", "xl-note": "Chuyển UBND tỉnh."},
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.outcome) == ("forwarded", "Chuyển UBND tỉnh.")
    assert audit(p, "petitions.forwarded") is not None


def test_it_links_a_repeat_petition_by_its_number(world: World) -> None:
    first, again = receive(world), receive(world)
    r = post(
        world,
        world.officer_b,
        "link",
        again,
        {"lk-code": f" {first.number} / {first.year} ", "lk-kind": "repeat"},
    )
    assert r.status_code == 302
    again.refresh_from_db()
    assert (again.linked_to, again.link_kind) == (first, "repeat")
    assert audit(again, "petitions.linked") is not None
    page = (
        world.client(world.officer_b)
        .get(reverse("petitions:detail", args=[first.pk]))
        .content.decode()
    )
    assert again.code in page


def test_it_says_when_the_earlier_number_does_not_exist(world: World) -> None:
    p = receive(world)
    r = post(world, world.officer_b, "link", p, {"lk-code": "999/2026", "lk-kind": "repeat"})
    assert r.status_code == 400
    assert "Không tìm thấy đơn số 999/2026" in r.content.decode()


def test_it_shows_the_law_when_a_decision_comes_before_acceptance(world: World) -> None:
    p = receive(world)
    r = post(
        world,
        world.officer_b,
        "resolve",
        p,
        {
            "kq-decided_on": "2026-10-30",
            "kq-outcome": "Bác đơn khiếu nại do hết thời hiệu.",
            "kq-legal_basis": "Luật Khiếu nại năm 2011",
        },
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "Chỉ ra quyết định khi đơn đã được thụ lý" in page
    assert "Bác đơn khiếu nại do hết thời hiệu." in page  # what was typed is kept
    p.refresh_from_db()
    assert p.status == "received"


def test_it_refuses_an_extension_the_law_does_not_allow(world: World) -> None:
    p = denunciation(world, received_on=date(2026, 10, 1))
    services.petition_accept(petition=p, by=world.officer_b, accepted_on=date(2026, 10, 5))
    r = post(
        world,
        world.officer_b,
        "extend",
        p,
        {"gh-on": "2026-11-02", "gh-reason": "Cần thêm thời gian."},
    )
    assert r.status_code == 400
    assert "chỉ cho gia hạn 0 lần" in r.content.decode()
    p.refresh_from_db()
    assert (p.extensions, p.due_on) == (0, date(2026, 11, 4))


def test_it_refuses_an_acceptance_before_the_petition_arrived(world: World) -> None:
    p = receive(world)
    r = post(world, world.officer_b, "accept", p, {"tl-accepted_on": "2026-10-01"})
    assert r.status_code == 400
    assert "không được trước ngày nhận đơn" in r.content.decode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("classify", {"pl-competent": "1", "pl-conditions_met": "1", "pl-topic": "land"}),
        ("assign", {"gx-assignee": "1-1"}),
        ("accept", {"tl-accepted_on": "2026-10-27"}),
        ("route", {"xl-outcome": "filed", "xl-on": "2026-10-27"}),
        ("extend", {"gh-on": "2026-10-27", "gh-reason": "x"}),
        ("pause", {"dc-on": "2026-10-27", "dc-reason": "x"}),
        ("resume", {"tt-on": "2026-10-27", "tt-reason": "x"}),
        ("resolve", {"kq-decided_on": "2026-10-27", "kq-outcome": "x"}),
        ("link", {"lk-code": "1/2026", "lk-kind": "repeat"}),
    ],
)
def test_every_step_refuses_get_other_communes_and_people_without_the_case(
    world: World, name: str, data: dict[str, str]
) -> None:
    p = receive(world)
    url = reverse(f"petitions:{name}", args=[p.pk])
    assert world.client(world.officer_b).get(url).status_code == 405
    for who in (
        world.outsider,
        world.readonly_a,
        world.front,
        world.village_head,
        world.province_viewer,
        world.officer_a,
    ):
        assert world.client(who).post(url, data).status_code == 404, who
    assert world.client(None).post(url, data).status_code == 302
    p.refresh_from_db()
    assert p.status == "received" and p.handler is None
    assert (
        not AuditEntry.objects.filter(object_id=str(p.pk))
        .exclude(action="petitions.received")
        .exists()
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("accept", {"tl-accepted_on": "31/02/2026"}, "Ngày không hợp lệ"),
        ("accept", {"tl-accepted_on": "2027-01-01"}, "Ngày không được sau hôm nay"),
        ("route", {"xl-outcome": "deleted", "xl-on": "2026-10-27"}, "lựa chọn hợp lệ"),
        ("assign", {"gx-assignee": "999999-abc"}, "dưới đơn vị của chính người"),
        ("link", {"lk-code": "mười lăm", "lk-kind": "repeat"}, "Số đơn có dạng số/năm"),
        ("classify", {"pl-competent": "maybe"}, "lựa chọn hợp lệ"),
    ],
)
def test_every_step_explains_bad_input_without_a_500(
    world: World, name: str, data: dict[str, str], message: str
) -> None:
    p = receive(world)
    r = post(world, world.officer_b, name, p, data)
    assert r.status_code == 400
    assert message in r.content.decode()


def test_it_refuses_a_handler_from_another_commune(world: World) -> None:
    p = receive(world)
    r = post(
        world,
        world.officer_b,
        "assign",
        p,
        {"gx-handler": str(world.outsider.pk), "gx-unit": str(world.office_a.pk)},
    )
    assert r.status_code == 400
    p.refresh_from_db()
    assert p.handler is None


# --- the list's filters -----------------------------------------------------------------------


def test_it_filters_by_status_kind_village_and_deadline(world: World) -> None:
    late = receive(world, received_on=date(2026, 10, 1), subject="Đơn đã quá hạn thụ lý")
    soon = receive(world, received_on=date(2026, 10, 22), subject="Đơn sắp đến hạn thụ lý")
    fresh = receive(
        world,
        received_on=TODAY,
        subject="Phản ánh mới nhận",
        kind=PetitionKind.REFLECTION,
        village=None,
    )
    c = world.client(world.officer_b)

    def titles(query: str) -> set[str]:
        page = c.get(reverse("petitions:list") + query).content.decode()
        return {p.subject for p in (late, soon, fresh) if p.subject in page}

    assert titles("?due=overdue") == {late.subject}
    assert titles("?due=soon") == {soon.subject}
    assert titles("?kind=reflection") == {fresh.subject}
    assert titles(f"?village={world.village.pk}") == {late.subject, soon.subject}
    assert titles("?status=open") == {late.subject, soon.subject, fresh.subject}
    assert titles("?status=resolved") == set()
    page = c.get(reverse("petitions:list")).content.decode()
    assert "Quá hạn" in page and "Sắp đến hạn" in page
    # Newest intake first.
    assert page.index(fresh.subject) < page.index(soon.subject) < page.index(late.subject)


def test_it_searches_without_diacritics(world: World) -> None:
    hit = receive(world, subject="Ô nhiễm nguồn nước suối", content="Nước đục.")
    miss = receive(world)
    page = (
        world.client(world.officer_b).get(reverse("petitions:list") + "?q=o+nhiem").content.decode()
    )
    assert hit.subject in page and miss.subject not in page


def test_it_pages_the_list_by_25(world: World) -> None:
    for i in range(26):
        receive(world, subject=f"Đơn thứ {i:02d}")
    c = world.client(world.officer_b)
    first = c.get(reverse("petitions:list")).content.decode()
    assert "Đơn thứ 25" in first and "Đơn thứ 00" not in first and "Trang 1/2" in first
    assert "Đơn thứ 00" in c.get(reverse("petitions:list") + "?page=2").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=99999999999999999999",
        "?village=x",
        "?status=%00",
        "?q=" + "đ" * 5000,
        "?due=<x>",
    ],
)
def test_it_survives_odd_query_strings(world: World, query: str) -> None:
    receive(world)
    assert world.client(world.officer_b).get(reverse("petitions:list") + query).status_code == 200


def test_it_narrows_the_book_to_my_cases_on_request(world: World) -> None:
    mine, other = receive(world), receive(world, subject="Phản ánh đèn đường hỏng")
    services.petition_assign(
        petition=mine, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    page = (
        world.client(world.officer_b)
        .get(reverse("petitions:list") + "?scope=mine")
        .content.decode()
    )
    assert mine.subject in page and other.subject not in page


def test_it_refuses_the_book_of_a_commune_the_user_does_not_keep(world: World) -> None:
    url = reverse("petitions:list") + f"?xa={world.other_commune.pk}"
    assert world.client(world.officer_b).get(url).status_code == 404


def test_an_administrator_picks_the_commune(world: World) -> None:
    ours = receive(world)
    Membership.objects.create(user=world.admin, unit=world.other_commune, role=Role.ADMIN)
    c = world.client(world.admin)
    page = c.get(reverse("petitions:list") + f"?xa={world.commune.pk}").content.decode()
    assert ours.subject in page and 'name="xa"' in page
    page = c.get(reverse("petitions:list") + f"?xa={world.other_commune.pk}").content.decode()
    assert ours.subject not in page
