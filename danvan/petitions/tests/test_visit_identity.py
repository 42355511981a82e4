"""A denouncer who comes to the reception desk is protected like one who writes (Luật Tố cáo
2018, Điều 8 khoản 3, Điều 47): the register line keeps no name, phone, address nor ID number,
its free text is struck of them, every page and the printed register (form 03/TCD) show the
protected mark, the identity is sealed in the line's vault and revealed only by POST with a
reason, logged, to whom may read it; lines written before this are put right by migration 0011.

Time is frozen on Thursday 05/11/2026.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from importlib import import_module
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.core.models import AuditEntry
from danvan.petitions import reception, services, vault
from danvan.petitions.models import (
    IdentityReveal,
    IdentityVault,
    Petition,
    PetitionKind,
    ReceptionSession,
    Visit,
    VisitIdentity,
)
from danvan.petitions.redaction import REDACTED

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 11, 5)
NAME, ADDRESS, ID_NUMBER, PHONE = "Vi Văn Kín", "Bản Mới", "020099998888", "0977000111"
REPRESENTATIVE = "Lộc Thị Giấu"
SECRETS = (NAME, ADDRESS, ID_NUMBER, PHONE, REPRESENTATIVE)
DENUNCIATION = {
    "visited_on": "2026-11-05",
    "kind": "denunciation",
    "name": NAME,
    "address": ADDRESS,
    "id_number": ID_NUMBER,
    "phone": PHONE,
    "people": "5",
    "representatives": f"{NAME}\n{REPRESENTATIVE}, Bản Mới",
    "competent": "on",
    "content": f"Ông {NAME} (CCCD {ID_NUMBER}) cùng bà {REPRESENTATIVE} tố cáo trưởng thôn "
    "lấy tiền hỗ trợ.",
    "guidance": f"Hẹn ông {NAME} quay lại, gọi số {PHONE}.",
    "follow_up": f"Đã gọi 0977 000 111 báo ông {NAME.upper()}.",
    "note": f"Địa chỉ người tố cáo: {ADDRESS}.",
}


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 11, 5, 9, tzinfo=TZ), tick=False):
        yield


@pytest.fixture
def session(world: World) -> ReceptionSession:
    return reception.session_create(
        commune=world.commune,
        by=world.officer_b,
        kind=ReceptionSession.Kind.REGULAR,
        held_on=TODAY,
        host=world.officer_b,
    )


@pytest.fixture
def visit(world: World, session: ReceptionSession) -> Visit:
    """A denunciation recorded at the desk, through the page the office uses."""
    url = reverse("petitions:visit_create", args=[session.pk])
    response = world.client(world.officer_b).post(url, DENUNCIATION)
    assert response.status_code == 302
    return Visit.objects.get()


def _row(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return " ".join(str(v) for v in cursor.fetchone())


def _leaks(text: str) -> list[str]:
    """Every piece of the identity found in `text`, however it was written."""
    folded = " ".join(text.split()).lower()
    found = [s for s in SECRETS if s.lower() in folded]
    return found + (["0977 000 111"] if "0977 000 111" in folded else [])


def _xlsx_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


# --- stored protected ---------------------------------------------------------------------


def test_it_keeps_no_plain_identity_in_the_visit_row(world: World, visit: Visit) -> None:
    assert _leaks(_row("petitions_visit", visit.pk)) == []
    assert (visit.protected, visit.name, visit.address, visit.id_number) == (
        True,
        Visit.PROTECTED,
        "",
        "",
    )
    assert visit.representatives == "2 người đại diện (danh tính được bảo vệ)"
    sealed = bytes(VisitIdentity.objects.get(visit=visit).ciphertext)
    assert all(s.encode() not in sealed for s in SECRETS)
    identity = vault.unseal(sealed)
    assert (identity["address"], identity["id_number"], identity["phone"]) == (
        ADDRESS,
        ID_NUMBER,
        PHONE,
    )
    assert NAME in identity["name"] and REPRESENTATIVE in identity["name"]


def test_it_strikes_the_identity_out_of_the_free_text(world: World, visit: Visit) -> None:
    for column in ("content", "guidance", "follow_up", "note"):
        text = getattr(visit, column)
        assert REDACTED in text, column
        assert _leaks(text) == [], (column, text)
    assert "tố cáo trưởng thôn lấy tiền hỗ trợ" in visit.content  # the matter itself stays
    petition = Petition.objects.get(source_visit=visit)
    assert _leaks(_row("petitions_petition", petition.pk)) == []
    assert IdentityVault.objects.filter(petition=petition).exists()


@pytest.mark.parametrize("who", ["chairman", "officer_b", "admin"])
def test_it_shows_no_identity_on_any_page_nor_in_the_printed_register(
    world: World, visit: Visit, who: str
) -> None:
    client = world.client(getattr(world, who))
    for url in (
        reverse("petitions:register"),
        reverse("petitions:session", args=[visit.session_id]),
        reverse("petitions:visit", args=[visit.pk]),
    ):
        page = client.get(url).content.decode()
        assert _leaks(page) == [], (url, _leaks(page))
        assert Visit.PROTECTED in page, url
    response = client.get(reverse("petitions:register_xlsx") + "?nam=2026")
    assert response.status_code == 200
    printed = _xlsx_text(response.content)
    assert _leaks(printed) == [] and Visit.PROTECTED in printed
    assert "tố cáo trưởng thôn lấy tiền hỗ trợ" in printed


def test_the_printed_register_names_other_visitors(world: World, session: ReceptionSession) -> None:
    reception.visit_create(
        session=session,
        by=world.officer_b,
        visited_on=TODAY,
        kind=PetitionKind.RECOMMENDATION,
        name="Đinh Văn Sơn",
        id_number="020080001234",
        content="Kiến nghị sửa đường.",
    )
    url = reverse("petitions:register_xlsx") + "?nam=khong-phai-so"
    printed = _xlsx_text(world.client(world.chairman).get(url).content)
    assert "Đinh Văn Sơn" in printed and "CCCD: 020080001234" in printed
    assert "SỔ TIẾP CÔNG DÂN NĂM 2026" in printed


def test_it_protects_a_visit_whose_petition_turns_out_to_be_a_denunciation(
    world: World, session: ReceptionSession
) -> None:
    line = reception.visit_create(
        session=session,
        by=world.officer_b,
        visited_on=TODAY,
        kind=PetitionKind.COMPLAINT,
        name=NAME,
        address=ADDRESS,
        id_number=ID_NUMBER,
        content=f"Ông {NAME} phản ánh trưởng thôn lấy tiền hỗ trợ.",
    )
    assert not line.protected and line.name == NAME
    data = {
        "received_on": "2026-11-05",
        "channel": "in_person",
        "kind": "denunciation",
        "topic": "officials",
        "subject": "Tố cáo trưởng thôn",
        "content": "Tố cáo trưởng thôn lấy tiền hỗ trợ.",
        "petitioner_name": NAME,
        "signatories": "1",
    }
    client = world.client(world.officer_b)
    response = client.post(reverse("petitions:receive") + f"?luot={line.pk}", data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.protected and _leaks(_row("petitions_visit", line.pk)) == []
    assert vault.unseal(line.identity.ciphertext)["name"] == NAME
    for url in (reverse("petitions:register"), reverse("petitions:visit", args=[line.pk])):
        assert _leaks(world.client(world.chairman).get(url).content.decode()) == []
    entry = AuditEntry.objects.get(action="petitions.visit_opened_petition")
    assert entry.changes["protected"] is True and NAME not in entry.object_repr


# --- revealed with a reason, logged -----------------------------------------------------------

REASON = {"reason": f"Cần gọi lại ông {NAME} để hẹn lịch làm việc"}


def _reveal_url(visit: Visit) -> str:
    return reverse("petitions:visit_identity_reveal", args=[visit.pk])


def _handled_by(world: World, visit: Visit, handler: Any) -> Petition:
    """Give the visit's petition a handler, who gets the grant on it (services.petition_assign),
    in the handler's own unit (a handler must belong to the unit given the case)."""
    petition = Petition.objects.get(source_visit=visit)
    unit = world.office_a if handler == world.officer_a else world.office_b
    return services.petition_assign(
        petition=petition, by=world.chairman, handler=handler, unit=unit
    )


def test_it_reveals_a_visit_to_the_holder_of_its_petitions_grant_and_logs_it(
    world: World, visit: Visit
) -> None:
    petition = _handled_by(world, visit, world.officer_b)
    client = world.client(world.officer_b)
    page = client.get(reverse("petitions:visit", args=[visit.pk])).content.decode()
    assert _reveal_url(visit) in page and 'name="reason"' in page
    response = client.post(_reveal_url(visit), REASON)
    body = response.content.decode()
    assert response.status_code == 200
    assert all(s in body for s in (NAME, ADDRESS, ID_NUMBER, PHONE, REPRESENTATIVE))
    assert "no-store" in response["Cache-Control"]
    reveal = IdentityReveal.objects.get(petition=petition)
    assert reveal.user == world.officer_b and reveal.reason.startswith("Lượt tiếp ngày 05/11/2026")
    assert NAME not in reveal.reason  # the reason is struck of the name before it is logged
    entry = AuditEntry.objects.get(action="petitions.visit_identity_revealed")
    assert entry.actor == world.officer_b and NAME not in entry.changes["reason"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("chairman", 403),  # a leader without a grant on the case
        ("admin", 403),  # who runs the system does not see
        ("officer_b", 403),  # keeps the register, not granted this case
        ("officer_a", 403),  # holds the grant but keeps no register
        ("readonly_a", 403),
        ("outsider", 403),
    ],
)
def test_it_refuses_a_visits_identity_to_everybody_else(
    world: World, visit: Visit, who: str, status: int
) -> None:
    _handled_by(world, visit, world.officer_a)
    response = world.client(getattr(world, who)).post(_reveal_url(visit), REASON)
    assert response.status_code == status
    assert _leaks(response.content.decode()) == []
    assert not IdentityReveal.objects.exists()
    assert not AuditEntry.objects.filter(action="petitions.visit_identity_revealed").exists()


def test_it_never_reveals_on_get_nor_without_a_reason(world: World, visit: Visit) -> None:
    _handled_by(world, visit, world.officer_b)
    client = world.client(world.officer_b)
    response = client.get(_reveal_url(visit))
    assert response.status_code == 405 and _leaks(response.content.decode()) == []
    response = client.post(_reveal_url(visit), {"reason": "  "})
    assert response.status_code == 400
    assert "Phải nêu lý do xem danh tính người tố cáo." in response.content.decode()
    assert _leaks(response.content.decode()) == []
    assert world.client(None).post(_reveal_url(visit), REASON).status_code == 302
    assert not IdentityReveal.objects.exists()


def test_it_answers_404_for_a_visit_that_is_not_protected(
    world: World, session: ReceptionSession
) -> None:
    line = reception.visit_create(
        session=session,
        by=world.officer_b,
        visited_on=TODAY,
        kind=PetitionKind.REFLECTION,
        name="Đinh Văn Sơn",
        content="Phản ánh rác thải.",
    )
    assert world.client(world.chairman).post(_reveal_url(line), REASON).status_code == 404


# --- lines written before: migration 0011 -----------------------------------------------------


@contextmanager
def _without_visit_checks() -> Iterator[None]:
    """The register table as it was before migration 0012 added its check constraints, so that
    lines written then can be put back (the test's transaction restores them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in ("visit_denunciation_protected", "visit_protected_holds_no_identity"):
                cursor.execute(f'ALTER TABLE petitions_visit DROP CONSTRAINT "{name}"')
            yield
        else:
            cursor.execute("PRAGMA ignore_check_constraints = ON")
            try:
                yield
            finally:
                cursor.execute("PRAGMA ignore_check_constraints = OFF")


def _legacy(session: ReceptionSession, **fields: Any) -> Visit:
    line = {
        "session": session,
        "commune_id": session.commune_id,
        "visited_on": TODAY,
        "people": 1,
        "kind": PetitionKind.DENUNCIATION,
        "protected": False,
        **fields,
    }
    return Visit.objects.create(**line)


def test_the_migration_moves_legacy_lines_into_the_vault(
    world: World, session: ReceptionSession
) -> None:
    with _without_visit_checks():
        # Named in clear, a group: as a line could be written before visits were protected.
        named = _legacy(
            session,
            name=NAME,
            address=ADDRESS,
            id_number=ID_NUMBER,
            representatives=f"{REPRESENTATIVE}, Bản Mới",
            content=f"Ông {NAME}, CCCD {ID_NUMBER}, tố cáo cán bộ địa chính.",
            guidance=f"Bà {REPRESENTATIVE} nhận giấy hẹn.",
        )
        # Already showing the mark, its identity in the vault of the petition it opened, its
        # text still naming the denouncer (the register did not strike text before).
        marked = _legacy(
            session, name=Visit.PROTECTED, content=f"Ông {NAME} tố cáo trưởng thôn, gọi {PHONE}."
        )
        petition = services.petition_receive(
            commune=world.commune,
            by=world.officer_b,
            channel=Petition.Channel.IN_PERSON,
            kind=PetitionKind.DENUNCIATION,
            subject="Tố cáo trưởng thôn",
            content="Tố cáo trưởng thôn.",
            received_on=TODAY,
            identity={"name": NAME, "phone": PHONE},
            source_visit=marked,
        )
        # Recorded as a complaint, whose petition is a denunciation.
        turned = _legacy(
            session, kind=PetitionKind.COMPLAINT, name=NAME, content="Khiếu nại cán bộ."
        )
        services.petition_receive(
            commune=world.commune,
            by=world.officer_b,
            channel=Petition.Channel.IN_PERSON,
            kind=PetitionKind.DENUNCIATION,
            subject="Tố cáo cán bộ",
            content="Tố cáo cán bộ.",
            received_on=TODAY,
            identity={"name": NAME},
            source_visit=turned,
        )
        anonymous = _legacy(session, name=Visit.PROTECTED, content="Tố cáo nặc danh.")
        other = _legacy(session, kind=PetitionKind.RECOMMENDATION, name="Đinh Văn Sơn", content="x")

        import_module("danvan.petitions.migrations.0011_protect_denunciation_visits").protect(
            apps, None
        )

        lines = {v.pk: v for v in Visit.objects.all()}
        for line in lines.values():
            line.validate_constraints()  # what migration 0012 then asks of the database
    for line in (named, marked, turned, anonymous):
        assert lines[line.pk].protected and _leaks(_row("petitions_visit", line.pk)) == []
    assert lines[named.pk].representatives == "1 người đại diện (danh tính được bảo vệ)"
    assert REDACTED in lines[named.pk].content and REDACTED in lines[named.pk].guidance
    assert vault.unseal(lines[named.pk].identity.ciphertext)["id_number"] == ID_NUMBER
    # The marked line's identity is the petition's own sealed copy, under the same keys.
    assert bytes(lines[marked.pk].identity.ciphertext) == bytes(petition.identity.ciphertext)
    assert REDACTED in lines[marked.pk].content and "tố cáo trưởng thôn" in lines[marked.pk].content
    assert vault.unseal(lines[turned.pk].identity.ciphertext)["name"] == NAME
    assert not VisitIdentity.objects.filter(visit=anonymous).exists()
    assert (lines[other.pk].protected, lines[other.pk].name) == (False, "Đinh Văn Sơn")
    assert reception.protect_visits(apps) == 0  # once is enough


def test_a_leader_reveals_a_line_that_opened_no_petition(
    world: World, session: ReceptionSession
) -> None:
    with _without_visit_checks():
        line = _legacy(session, name=NAME, address=ADDRESS, content="Tố cáo cán bộ.")
        reception.protect_visits(apps)
    assert world.client(world.officer_b).post(_reveal_url(line), REASON).status_code == 403
    assert world.client(world.admin).post(_reveal_url(line), REASON).status_code == 403
    client = world.client(world.chairman)
    response = client.post(_reveal_url(line), REASON)
    assert response.status_code == 200 and NAME in response.content.decode()
    entry = AuditEntry.objects.get(action="petitions.visit_identity_revealed")
    assert entry.actor == world.chairman and not IdentityReveal.objects.exists()
    page = client.get(reverse("petitions:visit", args=[line.pk])).content.decode()
    assert "Nhật ký xem danh tính tại lượt tiếp" in page and entry.changes["reason"] in page
