"""Petitions in the leaders' loop (issue #12, item 5): a due date in every open state, the
leader's sign-off on the result before a case closes, a handler who belongs to the unit given
the case.

Time is frozen on Monday 02/11/2026 (Asia/Ho_Chi_Minh). A recommendation accepted on Monday
05/10/2026 is due 30 days later, Wednesday 04/11/2026 (the `tiep-cong-dan/giai-quyet` row,
shipped UNVERIFIED: no text read sets a limit; docs/legal-rules.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from danvan.conftest import World
from danvan.core.deadlines import rule_for
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, Notification, User
from danvan.petitions import selectors, services
from danvan.petitions.models import Petition, PetitionEvent, PetitionKind
from danvan.petitions.reminders import send_petition_reminders

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ACCEPTED = date(2026, 10, 5)
DUE = date(2026, 11, 4)
DRAFT = "Đồng ý lắp 12 bóng đèn đường thôn Đoàn Kết trong quý I năm 2027."
BASIS = "Nghị quyết số 15/NQ-HĐND ngày 10/01/2026 của HĐND xã"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 11, 2, 9, tzinfo=TZ), tick=False):
        yield


def on(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=TZ), tick=False)


def receive(world: World, kind: str = PetitionKind.RECOMMENDATION, **extra: object) -> Petition:
    fields: dict[str, object] = {
        "commune": world.commune,
        "by": world.officer_b,
        "channel": Petition.Channel.IN_PERSON,
        "kind": kind,
        "subject": "Kiến nghị lắp đèn đường thôn Đoàn Kết",
        "content": "Đường thôn tối, đề nghị lắp đèn.",
        "received_on": date(2026, 10, 1),
        "identity": {"name": "Lê Thị Hoa", "address": "Thôn Đoàn Kết"},
    }
    fields.update(extra)
    return services.petition_receive(**fields)  # type: ignore[arg-type]


def accepted(world: World, kind: str = PetitionKind.RECOMMENDATION) -> Petition:
    """Given to officer A of Phòng VH-XH and accepted on 05/10."""
    p = receive(world, kind)
    services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    return services.petition_accept(petition=p, by=world.chairman, accepted_on=ACCEPTED)


def proposed(world: World) -> Petition:
    p = accepted(world)
    return services.petition_resolve(
        petition=p,
        by=world.officer_a,
        decided_on=date(2026, 10, 30),
        outcome=DRAFT,
        legal_basis=BASIS,
        public_answer="Xã sẽ lắp đèn đường trong quý I năm 2027.",
    )


def step(world: World, user: User, name: str, p: Petition, data: dict[str, str]):  # type: ignore[no-untyped-def]
    return world.client(user).post(reverse(f"petitions:{name}", args=[p.pk]), data)


def kinds(p: Petition) -> list[str]:
    return list(PetitionEvent.objects.filter(petition=p).values_list("kind", flat=True))


def actions(p: Petition) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(p.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


# --- a due date in every open state -----------------------------------------------------------


def test_it_gives_an_accepted_recommendation_a_due_date_that_runs_late(world: World) -> None:
    p = accepted(world)
    assert (p.procedure, p.step, p.due_on) == ("tiep-cong-dan", "giai-quyet", DUE)
    assert p.due_explained
    rule = rule_for("tiep-cong-dan", "giai-quyet", ACCEPTED)
    assert (rule.days, rule.unit) == (30, "calendar")
    assert rule.source.startswith("CHƯA KIỂM CHỨNG") and "Điều 28" in rule.source
    page = world.client(world.officer_b).get(reverse("petitions:detail", args=[p.pk]))
    assert "04/11/2026" in page.content.decode()
    assert not p.is_overdue()
    with on(date(2026, 11, 5)):
        assert p.is_overdue()
        late = world.client(world.officer_b).get(reverse("petitions:list") + "?due=overdue")
        assert p.subject in late.content.decode()
        assert selectors.overdue_count(commune=world.commune, today=date(2026, 11, 5)) == 1


@pytest.mark.parametrize(
    "kind",
    [
        PetitionKind.COMPLAINT,
        PetitionKind.DENUNCIATION,
        PetitionKind.RECOMMENDATION,
        PetitionKind.REFLECTION,
        PetitionKind.MIXED,
    ],
)
def test_every_kind_has_a_due_date_in_every_open_status(world: World, kind: str) -> None:
    p = receive(world, kind)
    seen = {p.status: p.due_on}
    services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    services.petition_accept(petition=p, by=world.chairman, accepted_on=ACCEPTED)
    seen[p.status] = p.due_on
    services.petition_pause(petition=p, by=world.chairman, on=date(2026, 10, 6), reason="Chờ")
    seen[p.status] = p.due_on
    services.petition_resume(petition=p, by=world.chairman, on=date(2026, 10, 8), reason="Tiếp")
    services.petition_resolve(
        petition=p, by=world.officer_a, decided_on=date(2026, 10, 9), outcome="Kết quả."
    )
    seen[p.status] = p.due_on
    assert set(seen) == {"received", "accepted", "paused", "proposed"}
    assert all(seen.values()), seen


def test_the_migration_gives_cases_accepted_before_it_their_step(world: World) -> None:
    p = accepted(world)
    # A case accepted by the code before this change: no step, no due date.
    Petition.objects.filter(pk=p.pk).update(
        procedure="", step="", step_started_on=None, due_on=None, due_explained=[]
    )
    import_module("danvan.petitions.migrations.0013_sign_off_and_feedback_deadline").ship(
        apps, None
    )
    assert services.petitions_recompute_open() == 1  # what `danvan remind` runs each night
    p.refresh_from_db()
    assert (p.procedure, p.step, p.step_started_on, p.due_on) == (
        "tiep-cong-dan",
        "giai-quyet",
        ACCEPTED,
        DUE,
    )


# --- the leader's sign-off --------------------------------------------------------------------


def test_a_handlers_result_waits_for_a_leader_and_the_clock_runs(world: World) -> None:
    p = accepted(world)
    r = step(
        world,
        world.officer_a,
        "resolve",
        p,
        {
            "kq-decided_on": "2026-10-30",
            "kq-outcome": DRAFT,
            "kq-legal_basis": BASIS,
            "kq-public_answer": "Xã sẽ lắp đèn.",
        },
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.closed_on, p.signed_off_by) == ("proposed", None, None)
    assert (p.proposed_by, p.proposed_on, p.legal_basis) == (
        world.officer_a,
        date(2026, 10, 30),
        BASIS,
    )
    assert p.is_open and kinds(p)[-1] == "proposed"
    assert "petitions.proposed" in actions(p) and "petitions.resolved" not in actions(p)
    with on(date(2026, 11, 5)):
        assert p.is_overdue()  # waiting for a signature is not an excuse
    page = world.client(world.officer_a).get(reverse("petitions:detail", args=[p.pk]))
    html = page.content.decode()
    assert "Dự thảo kết quả chờ lãnh đạo ký duyệt" in html and DRAFT in html
    assert "Ký duyệt kết quả giải quyết" not in html  # the handler has no sign-off form


@pytest.mark.parametrize("who", ["officer_a", "officer_b", "admin"])
def test_only_a_leader_signs_off(world: World, who: str) -> None:
    p = proposed(world)
    user = getattr(world, who)
    assert step(world, user, "sign_off", p, {"kd-signed_on": "2026-11-02"}).status_code == 403
    assert (
        step(world, user, "send_back", p, {"tr-on": "2026-11-02", "tr-comment": "Sửa"}).status_code
        == 403
    )
    with pytest.raises(DomainError, match="Chỉ lãnh đạo UBND xã"):
        services.petition_sign_off(petition=p, by=user, signed_on=date(2026, 11, 2))
    p.refresh_from_db()
    assert p.status == "proposed" and "petitions.resolved" not in actions(p)


def test_a_handler_cannot_close_an_accepted_case_by_filing_it(world: World) -> None:
    p = accepted(world)
    r = step(world, world.officer_a, "route", p, {"xl-outcome": "filed", "xl-on": "2026-11-02"})
    assert r.status_code == 400
    assert "chỉ kết thúc bằng kết quả giải quyết được lãnh đạo UBND xã ký duyệt" in (
        r.content.decode()
    )
    p.refresh_from_db()
    assert p.status == "accepted"
    html = world.client(world.officer_a).get(reverse("petitions:detail", args=[p.pk]))
    assert "Hướng dẫn, chuyển, trả, lưu đơn" not in html.content.decode()


def test_a_leader_signs_the_draft_off_and_the_case_closes(world: World) -> None:
    p = proposed(world)
    html = world.client(world.chairman).get(reverse("petitions:detail", args=[p.pk]))
    assert "Ký duyệt kết quả giải quyết" in html.content.decode()
    r = step(
        world, world.chairman, "sign_off", p, {"kd-signed_on": "2026-11-02", "kd-note": "Đồng ý"}
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.closed_on, p.closed_on_time) == ("resolved", date(2026, 11, 2), True)
    assert p.signed_off_by == world.chairman
    resolved = PetitionEvent.objects.get(petition=p, kind="resolved")
    assert (resolved.by, resolved.on, resolved.public) == (world.chairman, date(2026, 11, 2), True)
    assert "Đồng ý" not in resolved.note  # the leader's remark is not the citizen's
    entry = AuditEntry.objects.get(object_id=str(p.pk), action="petitions.resolved")
    assert entry.actor == world.chairman
    assert entry.changes["proposed_by"] == str(world.officer_a)
    assert entry.changes["reason"] == "Đồng ý"


def test_a_late_sign_off_closes_the_case_late(world: World) -> None:
    p = proposed(world)
    with on(date(2026, 11, 6)):
        p = services.petition_sign_off(petition=p, by=world.chairman, signed_on=date(2026, 11, 6))
    assert (p.status, p.closed_on_time) == ("resolved", False)


def test_a_leader_sends_the_draft_back_with_what_to_change(world: World) -> None:
    p = proposed(world)
    empty = step(world, world.chairman, "send_back", p, {"tr-on": "2026-11-02", "tr-comment": ""})
    assert empty.status_code == 400
    r = step(
        world,
        world.chairman,
        "send_back",
        p,
        {"tr-on": "2026-11-02", "tr-comment": "Bổ sung dự toán kinh phí."},
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.signed_off_by) == ("accepted", None)
    back = PetitionEvent.objects.get(petition=p, kind="sent_back")
    assert (back.by, back.note) == (world.chairman, "Bổ sung dự toán kinh phí.")
    assert "petitions.sent_back" in actions(p)
    # The handler gets the draft back to correct, and may propose again.
    html = world.client(world.officer_a).get(reverse("petitions:detail", args=[p.pk]))
    page = html.content.decode()
    assert "Bổ sung dự toán kinh phí." in page and DRAFT in page
    with pytest.raises(DomainError, match="không có dự thảo"):
        services.petition_sign_off(petition=p, by=world.chairman, signed_on=date(2026, 11, 2))


def test_a_leaders_own_result_is_signed_at_once(world: World) -> None:
    p = accepted(world)
    p = services.petition_resolve(
        petition=p, by=world.chairman, decided_on=date(2026, 11, 2), outcome=DRAFT
    )
    assert (p.status, p.signed_off_by, p.proposed_by) == (
        "resolved",
        world.chairman,
        world.chairman,
    )
    assert kinds(p)[-1] == "resolved" and "petitions.proposed" not in actions(p)


def test_a_sign_off_before_the_draft_is_refused(world: World) -> None:
    p = proposed(world)
    with pytest.raises(DomainError, match="trước ngày trình"):
        services.petition_sign_off(petition=p, by=world.chairman, signed_on=date(2026, 10, 29))


def test_the_sign_off_steps_refuse_get_and_people_without_the_case(world: World) -> None:
    p = proposed(world)
    for name in ("sign_off", "send_back"):
        url = reverse(f"petitions:{name}", args=[p.pk])
        assert world.client(world.chairman).get(url).status_code == 405
        for who in (world.readonly_a, world.outsider, world.front, world.province_viewer):
            assert world.client(who).post(url, {}).status_code == 404
    p.refresh_from_db()
    assert p.status == "proposed"


def test_the_citizen_sees_the_wait_but_not_the_draft(world: World) -> None:
    p = proposed(world)
    services.petition_send_back(
        petition=p, by=world.chairman, on=date(2026, 11, 2), comment="Bổ sung dự toán."
    )
    services.petition_resolve(
        petition=p, by=world.officer_a, decided_on=date(2026, 11, 2), outcome=DRAFT
    )
    html = world.client(None).get(f"/don/{p.tracking_code}/").content.decode()
    assert "Chờ lãnh đạo ký duyệt" in html
    assert "Trình lãnh đạo UBND xã xem xét, ký kết quả giải quyết" in html
    assert "Tiếp tục hoàn thiện kết quả giải quyết" in html
    assert DRAFT not in html and "Bổ sung dự toán." not in html


def test_a_draft_waiting_late_reminds_the_leaders(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DANVAN_ESCALATE_AFTER_DAYS = 3
    p = proposed(world)
    with on(date(2026, 11, 5)):
        sent = send_petition_reminders(today=date(2026, 11, 5))
    assert sent["overdue"] == 1
    to_chairman = Notification.objects.filter(user=world.chairman).values_list("title", flat=True)
    assert any(p.code in t and "Quá hạn" in t for t in to_chairman)
    assert not Notification.objects.filter(user=world.officer_a).exists()


# --- the handler belongs to the unit ------------------------------------------------------------


def test_it_refuses_a_handler_from_another_unit(world: World) -> None:
    p = receive(world)
    with pytest.raises(DomainError) as refused:
        services.petition_assign(
            petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_a
        )
    assert refused.value.message == (
        "Officer_B không thuộc Phòng VH-XH: chỉ giao đơn cho lãnh đạo, cán bộ của chính đơn vị "
        "được giao xử lý."
    )
    with pytest.raises(DomainError, match="không thuộc xã này"):
        services.petition_assign(
            petition=p, by=world.chairman, handler=world.outsider, unit=world.office_a
        )
    with pytest.raises(DomainError, match="không thuộc Phòng VH-XH"):  # a read-only member
        services.petition_assign(
            petition=p, by=world.chairman, handler=world.readonly_a, unit=world.office_a
        )
    p.refresh_from_db()
    assert (p.handler, p.handling_unit) == (None, None)
    assert "petitions.assigned" not in actions(p)


def test_the_form_offers_each_person_under_their_own_unit(world: World) -> None:
    p = receive(world)
    html = world.client(world.officer_b).get(reverse("petitions:detail", args=[p.pk]))
    page = html.content.decode()
    a, b, c = world.office_a, world.office_b, world.commune
    assert f'value="{a.pk}-{world.officer_a.pk}"' in page
    assert f'value="{b.pk}-{world.officer_b.pk}"' in page
    assert f'value="{c.pk}-{world.chairman.pk}"' in page  # UBND xã itself
    for absent in (f"{a.pk}-{world.officer_b.pk}", f"{a.pk}-{world.readonly_a.pk}"):
        assert f'value="{absent}"' not in page
    assert '<optgroup label="Phòng Văn hóa - Xã hội">' in page
    # A pair typed by hand is refused, what was there is kept.
    r = step(world, world.officer_b, "assign", p, {"gx-assignee": f"{a.pk}-{world.officer_b.pk}"})
    assert r.status_code == 400
    assert "dưới đơn vị của chính người" in r.content.decode()
    r = step(world, world.officer_b, "assign", p, {"gx-assignee": f"{a.pk}-{world.officer_a.pk}"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.handler, p.handling_unit) == (world.officer_a, world.office_a)
