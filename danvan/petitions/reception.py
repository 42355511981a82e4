"""The reception register (sổ tiếp công dân): sessions, visits, and a visit that opens a petition.

Writes here follow petitions.services: keyword-only, in a transaction, one audit entry each.
A denouncer who comes in person is protected like one who writes (Luật Tố cáo 2018 Art. 8(3),
47): the register line keeps no name, address or ID number, and the identity goes straight into
the encrypted vault of the petition that the visit opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.calendar import work_calendar
from danvan.core.errors import DomainError, save_valid
from danvan.core.models import Role, Unit, User
from danvan.petitions import rules, services
from danvan.petitions.models import Petition, PetitionKind, ReceptionSession, Visit

PROTECTED = "Danh tính được bảo vệ"
HOST_ROLES = (Role.LEADER, Role.OFFICER, Role.ADMIN)


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
    A denunciation always opens its petition at once: that is where the identity is kept,
    encrypted, instead of in the register.
    """
    if people < 1:
        raise DomainError("Số người phải từ 1 trở lên.")
    _check_representatives(people, representatives, visited_on)
    if not content.strip():
        raise DomainError("Cần ghi nội dung vụ việc.")
    protected = kind == PetitionKind.DENUNCIATION
    if not protected and not name.strip():
        raise DomainError("Cần ghi họ tên người đến.")
    identity = {
        "name": "; ".join(
            part
            for part in (
                name.strip(),
                f"đại diện: {' '.join(representatives.split())}" if representatives.strip() else "",
            )
            if part
        )
        if protected
        else name.strip(),
        "address": address.strip(),
        "phone": phone.strip(),
        "id_number": id_number.strip(),
    }
    visit = Visit(
        session=session,
        commune_id=session.commune_id,
        visited_on=visited_on,
        name=PROTECTED if protected else name.strip(),
        address="" if protected else address.strip(),
        id_number="" if protected else id_number.strip(),
        content=content.strip(),
        kind=kind,
        people=people,
        representatives=(
            f"{len(representatives.strip().splitlines())} người đại diện ({PROTECTED.lower()})"
            if protected and representatives.strip()
            else representatives.strip()
        ),
        handled_before=handled_before.strip(),
        competent=competent,
        guidance=guidance.strip(),
        forwarded_to=forwarded_to.strip(),
        accepted_by=accepted_by.strip(),
        follow_up=follow_up.strip(),
        note=note.strip(),
    )
    save_valid(visit)
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
            identity=identity,
            kind=kind,
            subject=" ".join(content.split())[:300],
            content=content,
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
    """Enter a visit's matter into the petition book, once, and note its number in the register."""
    already = visit.petitions.first()
    if already is not None:
        raise DomainError(f"Lượt tiếp này đã được vào sổ đơn thư, số {already.code}.")
    received_on = received_on or visit.visited_on
    if received_on < visit.visited_on:
        raise DomainError(
            f"Ngày nhận đơn không được trước ngày tiếp công dân ({visit.visited_on:%d/%m/%Y})."
        )
    if identity is None and visit.kind != PetitionKind.DENUNCIATION:
        identity = {"name": visit.name, "address": visit.address, "id_number": visit.id_number}
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
    if not visit.accepted_by:
        visit.accepted_by = f"Vào sổ đơn thư số {petition.code}"
        visit.save(update_fields=["accepted_by"])
    log_action(visit, "petitions.visit_opened_petition", by=by, changes={"petition": petition.code})
    return petition


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
