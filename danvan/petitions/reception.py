"""The reception register (sổ tiếp công dân): sessions, visits, and a visit that opens a petition.

Writes here follow petitions.services: keyword-only, in a transaction, one audit entry each.
A denouncer who comes in person is protected like one who writes (Luật Tố cáo 2018, Điều 8
khoản 3, Điều 47): the register line keeps no name, address or ID number (`Visit.protected`),
the identity is sealed in the line's own vault (`VisitIdentity`) and in that of the petition the
visit opens, and the line's free text is struck of it (petitions.redaction). A visit recorded
as something else whose petition turns out to be a denunciation is protected the same way, and
`protect_visits` put right the lines written before this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q

from danvan.core.access import get_access, members
from danvan.core.audit import log_action
from danvan.core.calendar import work_calendar
from danvan.core.errors import DomainError, save_valid
from danvan.core.models import Role, Unit, User
from danvan.petitions import rules, services, vault
from danvan.petitions.access import can_read_identity
from danvan.petitions.models import (
    IdentityReveal,
    IdentityVault,
    Petition,
    PetitionKind,
    ReceptionSession,
    Visit,
    VisitIdentity,
)
from danvan.petitions.redaction import redact_identity

PROTECTED = Visit.PROTECTED
HOST_ROLES = (Role.LEADER, Role.OFFICER, Role.ADMIN)
# The columns of a line an officer writes in words: a protected line's are struck of its identity.
FREE_TEXT = (
    "content",
    "handled_before",
    "guidance",
    "forwarded_to",
    "accepted_by",
    "follow_up",
    "note",
)
REPRESENTED_BY = "đại diện:"


@transaction.atomic
def session_create(
    *,
    commune: Unit,
    by: User,
    kind: str,
    held_on: date,
    host: User,
    place: str = "",
    note: str = "",
) -> ReceptionSession:
    """Open a day of reception. The chairman's periodic day is hosted by a leader of the
    People's Committee (Luật Tiếp công dân 2013, Điều 15(2)(d))."""
    if not members(*HOST_ROLES, commune_id=commune.pk).filter(pk=host.pk).exists():
        raise DomainError("Người chủ trì tiếp phải là lãnh đạo hoặc cán bộ của xã.")
    chairman = kind == ReceptionSession.Kind.CHAIRMAN
    if chairman and not members(Role.LEADER, commune_id=commune.pk).filter(pk=host.pk).exists():
        raise DomainError(
            "Buổi tiếp định kỳ của Chủ tịch phải do lãnh đạo UBND xã chủ trì "
            "(Luật Tiếp công dân 2013, Điều 15)."
        )
    session = ReceptionSession(
        commune=commune,
        kind=kind,
        held_on=held_on,
        host=host,
        place=place.strip() or "Trụ sở tiếp công dân xã",
        note=note.strip(),
    )
    save_valid(session)
    log_action(
        session,
        "petitions.session_created",
        by=by,
        changes={"kind": kind, "held_on": held_on, "host": str(host)},
    )
    return session


def _check_representatives(people: int, representatives: str, on: date) -> None:
    """A group names its representatives, one a line, no more than the law allows."""
    size = rules.group_size(on)
    if people < size:
        return
    named = [line for line in representatives.splitlines() if line.strip()]
    source = rules.rule_on(rules.Code.GROUP_SIZE, on).source
    if not named:
        raise DomainError(
            f"Đoàn từ {size} người trở lên phải cử người đại diện: ghi họ tên người đại diện, "
            f"mỗi người một dòng ({source})."
        )
    allowed = rules.representatives_allowed(people, on)
    if len(named) > allowed:
        rule = rules.rule_on(
            rules.Code.SMALL_GROUP_REPRESENTATIVES
            if people <= rules.number(rules.Code.SMALL_GROUP_UP_TO, on)
            else rules.Code.LARGE_GROUP_REPRESENTATIVES,
            on,
        )
        raise DomainError(
            f"Đoàn {people} người cử không quá {allowed} người đại diện "
            f"(đã ghi {len(named)} người; {rule.source})."
        )


@transaction.atomic
def visit_create(
    *,
    session: ReceptionSession,
    by: User,
    visited_on: date,
    kind: str,
    content: str,
    name: str = "",
    address: str = "",
    id_number: str = "",
    phone: str = "",
    people: int = 1,
    representatives: str = "",
    handled_before: str = "",
    competent: bool = True,
    guidance: str = "",
    forwarded_to: str = "",
    accepted_by: str = "",
    follow_up: str = "",
    note: str = "",
    open_petition: bool = False,
) -> Visit:
    """Write one line of the register (form 03/TCD, TT 04/2021/TT-TTCP).

    Many people on one matter speak through representatives, named one a line (Luật Tiếp công
    dân 2013, Điều 29: from five to ten people one or two, more than ten at most five; the
    numbers are `LawRule` rows read through petitions.rules).
    A denunciation is protected before the line is stored (`_strike`: nothing of the identity
    reaches the database in clear), its identity sealed in the line's vault, and it opens its
    petition at once, whose own vault keeps the identity for the case.
    """
    if people < 1:
        raise DomainError("Số người phải từ 1 trở lên.")
    _check_representatives(people, representatives, visited_on)
    if not content.strip():
        raise DomainError("Cần ghi nội dung vụ việc.")
    protected = kind == PetitionKind.DENUNCIATION
    if not protected and not name.strip():
        raise DomainError("Cần ghi họ tên người đến.")
    visit = Visit(
        session=session,
        commune_id=session.commune_id,
        visited_on=visited_on,
        name=name.strip(),
        address=address.strip(),
        id_number=id_number.strip(),
        content=content.strip(),
        kind=kind,
        people=people,
        representatives=representatives.strip(),
        handled_before=handled_before.strip(),
        competent=competent,
        guidance=guidance.strip(),
        forwarded_to=forwarded_to.strip(),
        accepted_by=accepted_by.strip(),
        follow_up=follow_up.strip(),
        note=note.strip(),
    )
    identity = visit_identity(
        name=name,
        address=address,
        id_number=id_number,
        phone=phone,
        representatives=representatives,
    )
    if protected:
        _strike(visit, identity)
    save_valid(visit)
    if protected and any(identity.values()):
        VisitIdentity.objects.create(visit=visit, ciphertext=vault.seal(identity))
    log_action(
        visit,
        "petitions.visit_recorded",
        by=by,
        changes={"kind": kind, "people": people, "session": session.pk},
    )
    if protected or open_petition:
        visit_open_petition(
            visit=visit,
            by=by,
            # Not a denunciation: the petition names the person who came, not the group.
            identity=identity if protected else {**identity, "name": name.strip()},
            kind=kind,
            # The line's text, already struck of the identity (a group's representatives too).
            subject=" ".join(visit.content.split())[:300],
            content=visit.content,
            received_on=visited_on,
            signatories=people,
        )
    return visit


@transaction.atomic
def visit_open_petition(
    *,
    visit: Visit,
    by: User,
    identity: dict[str, str] | None = None,
    kind: str | None = None,
    subject: str = "",
    content: str = "",
    received_on: date | None = None,
    channel: str = Petition.Channel.IN_PERSON,
    village: Unit | None = None,
    signatories: int | None = None,
    anonymous: bool = False,
    sensitive: bool = False,
    second_complaint: bool = False,
    topic: str = Petition.Topic.OTHER,
) -> Petition:
    """Enter a visit's matter into the petition book, once, and note its number in the register.

    A petition that is a denunciation protects the line it came from, if it was not already
    (a visit recorded as a complaint, say): the line's identity goes to its vault and leaves
    its columns and its text, as if it had been recorded a denunciation.
    """
    already = visit.petitions.first()
    if already is not None:
        raise DomainError(f"Lượt tiếp này đã được vào sổ đơn thư, số {already.code}.")
    received_on = received_on or visit.visited_on
    if received_on < visit.visited_on:
        raise DomainError(
            f"Ngày nhận đơn không được trước ngày tiếp công dân ({visit.visited_on:%d/%m/%Y})."
        )
    if identity is None:
        identity = (
            _sealed_visit_identity(visit)
            if visit.protected
            else {"name": visit.name, "address": visit.address, "id_number": visit.id_number}
        )
    petition = services.petition_receive(
        commune=visit.commune,
        by=by,
        channel=channel,
        kind=kind or visit.kind,
        subject=subject or " ".join(visit.content.split())[:300],
        content=content or visit.content,
        received_on=received_on,
        identity=identity,
        village=village,
        signatories=signatories or visit.people,
        anonymous=anonymous,
        sensitive=sensitive,
        second_complaint=second_complaint,
        topic=topic,
        source_visit=visit,
    )
    changes: dict[str, Any] = {"petition": petition.code}
    if petition.kind == PetitionKind.DENUNCIATION and not visit.protected:
        _protect(visit, vaults=VisitIdentity, petition_vaults=IdentityVault)
        changes["protected"] = True
    if not visit.accepted_by:
        visit.accepted_by = f"Vào sổ đơn thư số {petition.code}"
        visit.save(update_fields=["accepted_by"])
    log_action(visit, "petitions.visit_opened_petition", by=by, changes=changes)
    return petition


# --- a protected visitor ----------------------------------------------------------------------


def visit_identity(
    *, name: str, address: str = "", id_number: str = "", phone: str = "", representatives: str = ""
) -> dict[str, str]:
    """A visitor's identity as the vault keeps it (petitions.vault.FIELDS): a group's
    representatives after the name, one a piece ("Vi Văn Kín; đại diện: Lộc Văn Hùng, thôn
    Đoàn Kết; Nông Thị Mai"), so that each can be struck out of text and shown on a reveal."""
    named = "; ".join(line.strip() for line in representatives.splitlines() if line.strip())
    names = [n for n in (name.strip(), f"{REPRESENTED_BY} {named}" if named else "") if n]
    return {
        "name": "; ".join(names),
        "address": address.strip(),
        "phone": phone.strip(),
        "id_number": id_number.strip(),
    }


def redact_visit_text(text: str, identity: dict[str, str] | None) -> str:
    """`text` struck of everyone a visit's identity names: the visitor with their address,
    phone and ID number, and each representative, by the name and each part of their line
    (`redact_identity` finds a name only whole)."""
    if not identity:
        return text
    people = [identity]
    for piece in re.split(r"[;,\n]", identity.get("name", "") or ""):
        piece = piece.strip().removeprefix(REPRESENTED_BY).strip()
        if piece:
            people.append({"name": piece})
    for person in people:
        text = redact_identity(text, person)
    return text


def _strike(visit: Any, identity: dict[str, str] | None) -> None:
    """Make a line protected, in memory: the mark for a name, no address nor ID number, the
    number of representatives for their names, its free text struck of the identity.

    `visit` may be a migration's historical model: fields only, no method of Visit.
    """
    if visit.name != PROTECTED:  # the columns still hold the identity
        named = [line for line in visit.representatives.splitlines() if line.strip()]
        visit.representatives = (
            f"{len(named)} người đại diện ({PROTECTED.lower()})" if named else ""
        )
        visit.name, visit.address, visit.id_number = PROTECTED, "", ""
    visit.protected = True
    for column in FREE_TEXT:
        setattr(visit, column, redact_visit_text(getattr(visit, column), identity))


def _protect(visit: Any, *, vaults: Any, petition_vaults: Any) -> None:
    """Protect a stored line and seal its identity: taken from its columns while they hold it,
    otherwise (a line written protected before visits had their own vault) the copy in the
    vault of the petition it opened, under the same keys. The model classes are passed in so
    that the data migration runs this on its historical models."""
    if visit.name != PROTECTED:
        identity: dict[str, str] | None = visit_identity(
            name=visit.name,
            address=visit.address,
            id_number=visit.id_number,
            representatives=visit.representatives,
        )
        sealed = vault.seal(identity) if identity and any(identity.values()) else None
    else:
        stored = petition_vaults.objects.filter(petition__source_visit=visit.pk).first()
        sealed = bytes(stored.ciphertext) if stored is not None else None
        identity = vault.unseal(sealed) if sealed is not None else None
    _strike(visit, identity)
    visit.save()
    if sealed is not None and not vaults.objects.filter(visit_id=visit.pk).exists():
        vaults.objects.create(visit_id=visit.pk, ciphertext=sealed)


def protect_visits(apps: Any) -> int:
    """Protect every line of the register that names a denouncer and is not protected yet:
    each denunciation, and each visit whose petition is one (the data migration
    0011_protect_denunciation_visits runs this; `apps` is its registry of historical models,
    or django.apps.apps). Returns how many lines were protected."""
    visits = apps.get_model("petitions", "Visit")
    vaults = apps.get_model("petitions", "VisitIdentity")
    petition_vaults = apps.get_model("petitions", "IdentityVault")
    denounced = Q(kind=PetitionKind.DENUNCIATION) | Q(petitions__kind=PetitionKind.DENUNCIATION)
    count = 0
    for visit in visits.objects.filter(denounced, protected=False).distinct().order_by("pk"):
        _protect(visit, vaults=vaults, petition_vaults=petition_vaults)
        count += 1
    return count


def visit_petition(visit: Visit) -> Petition | None:
    """The denunciation a visit opened: its grants say who reads the visit's identity."""
    return visit.petitions.filter(kind=PetitionKind.DENUNCIATION).first()


def can_read_visit_identity(user: User, visit: Visit) -> bool:
    """Who may reveal a protected line's identity. The rule of a petition's (Luật Tố cáo 2018,
    Điều 8 khoản 3; petitions.access.can_read_identity): for a visit that opened a
    denunciation, whoever holds a grant on that case (its handler, whoever a leader named); for
    a line that opened none, a leader of the commune. Never a system administrator as such."""
    if not visit.protected:
        return False
    petition = visit_petition(visit)
    if petition is not None:
        return can_read_identity(user, petition)
    return get_access(user).holds(Role.LEADER, commune_id=visit.commune_id)


def _sealed_visit_identity(visit: Visit) -> dict[str, str] | None:
    stored = VisitIdentity.objects.filter(visit=visit).first()
    if stored is None:
        return None
    try:
        return vault.unseal(stored.ciphertext)
    except PermissionError as e:
        raise DomainError(
            "Không giải mã được danh tính (khóa mã hóa không khớp). Báo quản trị hệ thống."
        ) from e


@transaction.atomic
def visit_identity_reveal(*, visit: Visit, by: User, reason: str) -> dict[str, str]:
    """Show a protected line's identity to a user allowed to read it, and log why: in the
    reveal log of the petition the visit opened (which its leaders read), and in the audit log
    of the line; the reason is struck of the identity first, as a petition's."""
    reason = reason.strip()
    if not reason:
        raise DomainError("Phải nêu lý do xem danh tính người tố cáo.")
    if not can_read_visit_identity(by, visit):
        raise DomainError("Bạn không được quyền xem danh tính người tố cáo của lượt tiếp này.")
    identity = _sealed_visit_identity(visit)
    if identity is None:
        raise DomainError("Lượt tiếp này không lưu danh tính người tố cáo.")
    reason = redact_visit_text(reason, identity)[:300]
    petition = visit_petition(visit)
    if petition is not None:
        IdentityReveal.objects.create(
            petition=petition,
            user=by,
            reason=f"Lượt tiếp ngày {visit.visited_on:%d/%m/%Y}: {reason}"[:300],
        )
    log_action(visit, "petitions.visit_identity_revealed", by=by, changes={"reason": reason})
    return identity


# --- the chairman's weekly day ----------------------------------------------------------------


@dataclass
class WeekStatus:
    """Whether the chairman has held (or scheduled) the week's reception day."""

    monday: date
    sunday: date
    sessions: list[ReceptionSession] = field(default_factory=list)
    working_days: list[date] = field(default_factory=list)
    days_left: list[date] = field(default_factory=list)
    required: int = 1  # days a week, a LawRule row (Luật TCD 2013, Điều 15(2)(d))
    source: str = ""

    @property
    def held_days(self) -> int:
        return len({s.held_on for s in self.sessions})

    @property
    def missing(self) -> bool:
        """Fewer chairman's days than the law asks, in a week that has working days (a week of
        Tết has none); never more days than the week's working days."""
        return bool(self.working_days) and self.held_days < min(
            self.required, len(self.working_days)
        )


def chairman_week(*, commune: Unit, today: date) -> WeekStatus:
    """The chairman receives citizens at least one day a week (Luật Tiếp công dân 2013,
    Điều 15(2)(d), the `chu-tich-tiep-moi-tuan` row); the week's working days come from the
    product's calendar, so a week of holidays asks for nothing and the warning says which
    working days are left."""
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    cal = work_calendar()
    days = [monday + timedelta(days=i) for i in range(7)]
    working = [d for d in days if cal.is_working_day(d)]
    sessions = list(
        ReceptionSession.objects.filter(
            commune=commune,
            kind=ReceptionSession.Kind.CHAIRMAN,
            held_on__range=(monday, sunday),
        ).select_related("host")
    )
    rule = rules.rule_on(rules.Code.CHAIRMAN_DAYS, monday)
    return WeekStatus(
        monday=monday,
        sunday=sunday,
        sessions=sessions,
        working_days=working,
        days_left=[d for d in working if d >= today],
        required=rule.number or 1,
        source=rule.source,
    )
