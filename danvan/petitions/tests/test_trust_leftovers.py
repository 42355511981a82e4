"""The last gaps of issue #11 (trust):

- audit entries and letters written before the redaction fixes are struck once by migration
  0014 (petitions.legacy_audit), and the audit chain still proves itself afterwards;
- what a handler types after intake about a denunciation (notes, reasons, the outcome, the
  answer, a leader's comments) is struck of the denouncer's identity before it is stored;
- a reveal whose log cannot be written shows its form again with the reason typed, "Chưa lưu
  được…" and 503, never the plain error page.

Time is frozen on Thursday 05/11/2026.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from danvan.conftest import World
from danvan.core.audit import chain_unhashed, log_action, verify_chain
from danvan.core.models import AuditEntry
from danvan.lib.text import fold
from danvan.petitions import reception, services
from danvan.petitions.legacy_audit import strike_legacy
from danvan.petitions.models import (
    IdentityReveal,
    Petition,
    PetitionEvent,
    PetitionKind,
    ReceptionSession,
    Visit,
)
from danvan.petitions.redaction import REDACTED
from danvan.testing.storage import read_only_database

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 11, 5)
NAME = "Nguyễn Văn Tường"
PHONE = "0987654321"
IDENTITY = {"name": NAME, "address": "xóm Bản Mới", "phone": PHONE}
TYPED = "Đã gọi ông Tường theo số (098) 765-4321 để hẹn làm việc."
VISITOR = "Vi Văn Kín"
CHAIN_BROKEN_AT = "nội dung của mục đã bị sửa (mã băm không khớp)"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 11, 5, 9, tzinfo=TZ), tick=False):
        yield


def traces(text: str) -> list[str]:
    """The identity's traces in `text`: the given name, the phone's digits, the visitor."""
    folded = fold(text)
    digits = "".join(c for c in text if c.isdigit())
    found = [w for w in ("tuong", "ban moi", fold(VISITOR)) if w in folded]
    return found + (["phone"] if "987654321" in digits else [])


def denunciation(world: World) -> Petition:
    return services.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel=Petition.Channel.POST,
        kind=PetitionKind.DENUNCIATION,
        subject="Tố cáo cán bộ địa chính thu tiền",
        content="Cán bộ địa chính thu tiền không có biên lai.",
        received_on=date(2026, 11, 2),
        identity=IDENTITY,
    )


def handled(world: World) -> Petition:
    """An accepted denunciation handled by officer_a (who holds its grant); the chairman holds
    none."""
    p = denunciation(world)
    p = services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    return services.petition_accept(petition=p, by=world.officer_a, accepted_on=TODAY)


def protected_visit(world: World) -> Visit:
    session = reception.session_create(
        commune=world.commune,
        by=world.officer_b,
        kind=ReceptionSession.Kind.REGULAR,
        held_on=TODAY,
        host=world.officer_b,
    )
    return reception.visit_create(
        session=session,
        by=world.officer_b,
        visited_on=TODAY,
        kind=PetitionKind.DENUNCIATION,
        content="Tố cáo trưởng thôn lấy tiền hỗ trợ.",
        name=VISITOR,
        phone="0977000111",
    )


# --- 1. the log and the letters of before: migration 0014 ------------------------------------


def legacy_entry(obj: Any, repr_: str, changes: dict[str, Any]) -> AuditEntry:
    """An entry as log_action wrote it before the redaction fixes (chained below)."""
    return AuditEntry.objects.create(
        commune_id=obj.commune_id,
        action="petitions.legacy",
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=repr_,
        changes=changes,
    )


def snapshot(entries: Any) -> dict[int, tuple[str, Any]]:
    return {e.pk: (e.object_repr, e.changes) for e in entries}


def test_the_migration_strikes_old_entries_and_letters_and_the_chain_holds(
    world: World,
) -> None:
    p = denunciation(world)
    visit = protected_visit(world)
    complaint = services.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel=Petition.Channel.POST,
        kind=PetitionKind.COMPLAINT,
        subject="Khiếu nại của ông Tường",  # not a denunciation: his name is no secret
        content="Khiếu nại quyết định thu hồi đất.",
        received_on=date(2026, 11, 2),
        identity={"name": NAME},
    )
    # What the log and the letter held before: the visitor's name in the visit's text, the
    # denouncer's given name and phone in the case's summary and in what was recorded.
    old_petition = legacy_entry(
        p, f"{p.code} Tố cáo, ông Tường (098) 765-4321", {"reason": [TYPED, 3]}
    )
    old_visit = legacy_entry(visit, f"{VISITOR} 05/11/2026", {"name": VISITOR, "people": 1})
    other = legacy_entry(complaint, f"{complaint.code} Khiếu nại của ông Tường", {"x": TYPED})
    assert chain_unhashed() == 3
    Petition.objects.filter(pk=p.pk).update(
        subject="Tố cáo cán bộ địa chính, người báo tin ông Tường (098) 765-4321",
        search_text=fold("Tố cáo ông Tường (098) 765-4321"),
    )
    log_action(complaint, "petitions.later", by=world.chairman, changes={"on": "2026-11-05"})
    assert verify_chain().broken is None
    intake = AuditEntry.objects.get(action="petitions.received", object_id=str(p.pk))
    untouched = AuditEntry.objects.exclude(pk__in=[intake.pk, old_petition.pk, old_visit.pk])
    before = snapshot(untouched)
    count = AuditEntry.objects.count()
    assert strike_legacy(apps) == {"letters": 1, "entries": 3, "rehashed": count}

    p.refresh_from_db()
    assert not traces(f"{p.subject} {p.content} {p.search_text}")
    old_petition.refresh_from_db()
    assert old_petition.object_repr == str(p) and REDACTED in old_petition.object_repr
    assert old_petition.changes == {
        "reason": [TYPED.replace("ông Tường", REDACTED).replace("(098) 765-4321", REDACTED), 3]
    }
    # Every entry of the case names it as it reads now, struck, even the intake's.
    intake.refresh_from_db()
    assert intake.object_repr == str(p)
    old_visit.refresh_from_db()
    assert old_visit.object_repr == str(visit) == "Lượt tiếp ngày 05/11/2026 (tố cáo)"
    assert old_visit.changes == {"name": REDACTED, "people": 1}
    # Entries of other objects keep their text; the letter's restriking is logged after them.
    assert snapshot(untouched) == before
    assert snapshot([AuditEntry.objects.get(pk=other.pk)])[other.pk][0].endswith("ông Tường")
    last = AuditEntry.objects.order_by("-pk").first()
    assert last is not None and last.action == "petitions.restruck"
    assert last.object_id == str(p.pk) and not traces(last.object_repr)
    for entry in AuditEntry.objects.filter(content_type__model__in=["petition", "visit"]):
        if entry.object_id in (str(p.pk), str(visit.pk)) and entry.pk != other.pk:
            assert not traces(f"{entry.object_repr} {entry.changes}"), entry.object_repr

    out = io.StringIO()
    call_command("audit-verify", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["ok"] is True and report["entries"] == count + 1

    # Once is enough: the second run finds nothing more.
    assert strike_legacy(apps) == {"letters": 0, "entries": 0, "rehashed": 0}
    assert verify_chain().broken is None


def test_a_chain_broken_before_the_migration_stays_broken_where_it_was(world: World) -> None:
    p = denunciation(world)
    log_action(p, "petitions.first", by=world.chairman)
    tampered = log_action(p, "petitions.tampered", by=world.chairman)
    log_action(p, "petitions.after", by=world.chairman, changes={"note": TYPED})
    AuditEntry.objects.filter(pk=tampered.pk).update(action="petitions.forged")
    broken = verify_chain().broken
    assert broken is not None and broken.entry_id == tampered.pk

    strike_legacy(apps)

    broken = verify_chain().broken
    assert broken is not None and broken.entry_id == tampered.pk
    assert broken.reason == CHAIN_BROKEN_AT
    # Struck all the same, after the break.
    after = AuditEntry.objects.get(action="petitions.after")
    assert not traces(str(after.changes))


# --- 2. what is typed after intake ------------------------------------------------------------


def test_what_a_handler_types_about_a_denunciation_is_struck(world: World) -> None:
    p = handled(world)
    services.petition_record_step(
        petition=p, by=world.officer_a, step=PetitionEvent.Kind.VERIFIED, on=TODAY, note=TYPED
    )
    services.petition_resolve(
        petition=p,
        by=world.officer_a,
        decided_on=TODAY,
        outcome=f"Kết luận tố cáo đúng; {TYPED}",
        public_answer=f"Trả lời ông Tường: {TYPED}",
        legal_basis="Luật Tố cáo 2018",
    )
    services.petition_send_back(petition=p, by=world.chairman, on=TODAY, comment=TYPED)
    services.petition_resolve(
        petition=p, by=world.officer_a, decided_on=TODAY, outcome=TYPED, public_answer=TYPED
    )
    services.petition_sign_off(petition=p, by=world.chairman, signed_on=TODAY, note=TYPED)

    p.refresh_from_db()
    stored = [p.outcome, p.public_answer, *p.events.values_list("note", flat=True)]
    stored += [str(e.changes) for e in AuditEntry.objects.filter(object_id=str(p.pk))]
    assert not traces(" ".join(stored)), stored
    assert p.outcome == TYPED.replace("ông Tường", REDACTED).replace("(098) 765-4321", REDACTED)
    assert p.events.get(kind=PetitionEvent.Kind.VERIFIED).note == p.outcome
    # The chairman holds no grant on the case: its page shows the mark, never the identity.
    assert not p.identity_grants.filter(user=world.chairman).exists()
    response = world.client(world.chairman).get(reverse("petitions:detail", args=[p.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and REDACTED in html
    assert not traces(html)


def test_a_pause_a_resumption_and_a_routing_note_are_struck(world: World) -> None:
    p = handled(world)
    services.petition_pause(petition=p, by=world.officer_a, on=TODAY, reason=TYPED)
    services.petition_resume(petition=p, by=world.officer_a, on=TODAY, reason=TYPED)
    other = denunciation(world)
    services.petition_route(
        petition=other, by=world.officer_b, outcome="filed", on=TODAY, note=TYPED
    )
    notes = " ".join(PetitionEvent.objects.values_list("note", flat=True))
    other.refresh_from_db()
    assert not traces(f"{notes} {other.outcome}") and REDACTED in other.outcome


def test_other_kinds_keep_what_was_typed(world: World) -> None:
    p = services.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel=Petition.Channel.POST,
        kind=PetitionKind.COMPLAINT,
        subject="Khiếu nại quyết định thu hồi đất",
        content="Khiếu nại quyết định thu hồi đất.",
        received_on=date(2026, 11, 2),
        identity={"name": NAME, "phone": PHONE},
    )
    services.petition_route(petition=p, by=world.officer_b, outcome="filed", on=TODAY, note=TYPED)
    p.refresh_from_db()
    assert p.outcome == TYPED


# --- 3. a reveal that cannot be logged keeps its form ------------------------------------------

REASON = "Cần mời người tố cáo đến đối chất, lý do gõ dài để thấy còn nguyên"


def test_a_reveal_the_database_refuses_shows_its_form_again(world: World) -> None:
    p = handled(world)
    client = world.client(world.officer_a)
    url = reverse("petitions:identity_reveal", args=[p.pk])
    with read_only_database():
        response = client.post(url, {"reason": REASON})
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"]
    assert "Chưa lưu được" in html and REASON in html and 'name="reason"' in html
    assert NAME not in html  # nothing shown: the reveal was not logged
    assert not IdentityReveal.objects.exists()
    # Once the database writes again, the same reason reveals and is logged.
    response = client.post(url, {"reason": REASON})
    assert response.status_code == 200 and NAME in response.content.decode()
    assert IdentityReveal.objects.get().reason == REASON


def test_a_visit_reveal_the_database_refuses_shows_its_form_again(world: World) -> None:
    visit = protected_visit(world)
    petition = Petition.objects.get(source_visit=visit)
    services.petition_assign(
        petition=petition, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    client = world.client(world.officer_b)
    url = reverse("petitions:visit_identity_reveal", args=[visit.pk])
    with read_only_database():
        response = client.post(url, {"reason": REASON})
    html = response.content.decode()
    assert response.status_code == 503
    assert "Chưa lưu được" in html and REASON in html and 'name="reason"' in html
    assert VISITOR not in html
    assert not IdentityReveal.objects.exists()
    response = client.post(url, {"reason": REASON})
    assert response.status_code == 200 and VISITOR in response.content.decode()
