"""Every write to a petition: intake, classification, acceptance, routing, extension, pause,
decision, identity. Each runs in a transaction, checks the law's order of steps, records the
legal date as a PetitionEvent and writes the audit log."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet

from danvan.core.audit import log_action
from danvan.core.calendar import forget_calendar
from danvan.core.deadlines import Circumstances, due, forget_rules
from danvan.core.errors import DomainError, full_clean, save_valid
from danvan.core.models import Membership, Role, Unit, User
from danvan.lib.text import fold
from danvan.petitions import alerts, rules, vault
from danvan.petitions.access import can_read_identity, can_sign_off
from danvan.petitions.models import (
    IdentityGrant,
    IdentityReveal,
    IdentityVault,
    Petition,
    PetitionEvent,
    PetitionKind,
    Visit,
)
from danvan.petitions.redaction import redact_identity, sealed_identity

Status = Petition.Status
Event = PetitionEvent.Kind
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read over the phone


# --- deadlines --------------------------------------------------------------------------------


# Who may be given a case: the commune's leaders and officers, each in the unit they belong to.
HANDLER_ROLES = (Role.LEADER, Role.OFFICER)
HANDLING_UNIT_KINDS = (Unit.Kind.COMMUNE, Unit.Kind.OFFICE)


def first_step(petition: Petition) -> tuple[str, str]:
    """The procedure and first step the law sets for a newly received petition; once accepted,
    every procedure's step is `giai-quyet` (a rule row for each, so that every open case of
    every kind has a due date: tiếp công dân's is shipped unverified, see migration 0013)."""
    if petition.kind == PetitionKind.DENUNCIATION:
        return "to-cao", "xu-ly-ban-dau"
    if petition.kind == PetitionKind.COMPLAINT:
        return ("khieu-nai-lan-2" if petition.second_complaint else "khieu-nai-lan-1"), "thu-ly"
    return "tiep-cong-dan", "tra-loi"


def _circumstances(p: Petition) -> Circumstances:
    """What the deadline depends on, as the petition records it (the same names)."""
    return Circumstances(**{f.name: getattr(p, f.name) for f in fields(Circumstances)})


def _start_step(p: Petition, procedure: str, step: str, start: date) -> None:
    p.procedure, p.step, p.step_started_on = procedure, step, start
    _recompute(p)


def _recompute(p: Petition) -> None:
    if not p.step or not p.step_started_on:
        p.due_on, p.due_explained = None, []
        return
    result, _rule = due(p.procedure, p.step, p.step_started_on, _circumstances(p))
    p.due_on, p.due_explained = result.due, result.steps


def petitions_recompute_open(*, commune: Unit | None = None) -> int:
    """After a change of a rule or of the calendar: recompute every open case's deadline, from
    the tables as they are now."""
    forget_calendar()
    forget_rules()
    qs = Petition.objects.open().exclude(step="")
    if commune:
        qs = qs.filter(commune=commune)
    changed = 0
    for p in qs.iterator(chunk_size=2000):
        before = p.due_on
        _recompute(p)
        if p.due_on != before:
            p.save(update_fields=["due_on", "due_explained"])
            changed += 1
    return changed


# --- intake -----------------------------------------------------------------------------------


def _event(
    p: Petition, kind: str, on: date, by: User | None, note: str = "", *, public: bool = False
) -> None:
    PetitionEvent.objects.create(petition=p, kind=kind, on=on, by=by, note=note, public=public)


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


def petition_receive(
    *,
    commune: Unit,
    by: User | None,
    channel: str,
    kind: str,
    subject: str,
    content: str,
    received_on: date,
    identity: dict[str, str] | None = None,
    village: Unit | None = None,
    signatories: int = 1,
    anonymous: bool = False,
    sensitive: bool = False,
    second_complaint: bool = False,
    topic: str = Petition.Topic.OTHER,
    source_visit: Visit | None = None,
    then: Callable[[Petition], None] | None = None,
) -> Petition:
    """Register a petition, number it in the commune's book and start its first legal deadline.

    A denouncer's identity goes to the vault, encrypted; other petitioners' names stay on the
    petition, as the reception register requires. `then` runs in the same transaction once the
    petition is saved (the portal files attachments and its receipt there). What can be
    computed beforehand (the deadline, validation) is, so that the transaction — on SQLite,
    the database's one write lock — holds only the writes.
    """
    if village and village.commune_id != commune.pk:
        raise DomainError("Thôn không thuộc xã này.")
    if signatories < 1:
        raise DomainError("Số người ký đơn phải từ 1 trở lên.")
    identity = {k: (v or "").strip() for k, v in (identity or {}).items()}
    anonymous = anonymous or not identity.get("name")
    p = Petition(
        commune=commune,
        year=received_on.year,
        channel=channel,
        kind=kind,
        second_complaint=second_complaint and kind == PetitionKind.COMPLAINT,
        topic=topic,
        subject=subject.strip(),
        content=content.strip(),
        village=village,
        received_on=received_on,
        signatories=signatories,
        anonymous=anonymous,
        sensitive=sensitive,
        source_visit=source_visit,
        search_text=fold(f"{subject} {content}"),
    )
    protected = kind == PetitionKind.DENUNCIATION
    if not protected:
        p.petitioner_name = identity.get("name", "")[:120]
        p.petitioner_address = identity.get("address", "")[:300]
        p.petitioner_phone = identity.get("phone", "")[:20]
        p.petitioner_email = identity.get("email", "")[:254]
    elif not anonymous:
        # A name the denouncer wrote in the letter stays in the vault only, so lists, search and
        # the case page cannot show it (Luật Tố cáo 2018, Điều 8 khoản 3, Điều 56 khoản 2).
        p.subject = redact_identity(p.subject, identity)
        p.content = redact_identity(p.content, identity)
        p.search_text = fold(f"{p.subject} {p.content}")
    forward_to = _second_complaint_forward(p) if p.second_complaint else None
    if forward_to is None:
        procedure, step = first_step(p)
        _start_step(p, procedure, step, received_on)
    # The references are the callers' (the commune from the access check, the village checked
    # above) and the database's foreign keys: validation needs no query for them.
    full_clean(p, exclude=["number", "tracking_code", "commune", "village", "source_visit"])
    sealed = vault.seal(identity) if protected and not anonymous else None
    with transaction.atomic():
        _save_numbered(p)
        if sealed is not None:
            IdentityVault.objects.create(petition=p, ciphertext=sealed)
        _event(
            p,
            Event.RECEIVED,
            received_on,
            by,
            f"Tiếp nhận qua {p.get_channel_display().lower()}.",
            public=True,
        )
        log_action(
            p,
            "petitions.received",
            by=by,
            changes={"kind": kind, "channel": channel, "due_on": p.due_on},
        )
        if forward_to is not None:
            _event(p, Event.FORWARDED, received_on, by, p.outcome, public=True)
            log_action(
                p,
                "petitions.forwarded",
                by=by,
                changes={
                    "on": received_on,
                    "forwarded_to": forward_to[0],
                    "source": forward_to[1],
                },
            )
        if then is not None:
            then(p)
        transaction.on_commit(lambda: alerts.received(p, by))
    return p


def second_complaint_body() -> tuple[str, str]:
    """The body competent for a second-instance complaint against the commune chairman's own
    first-instance decision, and the row's source: a LawRule row an administrator sets (Luật
    Khiếu nại 2011 Art. 18(2) gave it to the district chairman; there is no district since
    01/07/2025, and the row is shipped unverified). Looked up on the day it is recorded."""
    rule = rules.rule_on(rules.Code.SECOND_COMPLAINT_BODY)
    return rule.body, rule.source


def _second_complaint_forward(p: Petition) -> tuple[str, str]:
    """A second-instance complaint is not the commune's case: it is recorded, and closed as
    forwarded to the competent body on the day received, with no time limit of the commune."""
    body, source = second_complaint_body()
    p.competent = False
    p.status, p.closed_on, p.closed_on_time = Status.FORWARDED, p.received_on, True
    p.procedure = p.step = ""
    p.step_started_on = p.due_on = None
    p.due_explained = []
    # The citizen reads this on the tracking page: the body, not the row's working notes
    # (its source, kept in the audit entry).
    p.outcome = (
        "Khiếu nại lần hai đối với quyết định giải quyết lần đầu của Chủ tịch UBND xã không "
        f"thuộc thẩm quyền của xã: chuyển đơn đến {body}."
    )
    return body, source


def _save_numbered(p: Petition) -> None:
    """Next number of the commune's book for the year; retried if two intakes race for it."""
    for _attempt in range(5):
        last = Petition.objects.filter(commune=p.commune, year=p.year).aggregate(n=Max("number"))[
            "n"
        ]
        p.number = (last or 0) + 1
        p.tracking_code = new_tracking_code()
        try:
            with transaction.atomic():
                p.save()
            return
        except IntegrityError:
            p.pk = None
    raise DomainError("Hệ thống đang bận, vui lòng gửi lại.")


# --- handling ---------------------------------------------------------------------------------


def _check_open(p: Petition) -> None:
    if not p.is_open:
        raise DomainError("Đơn đã kết thúc xử lý.")


def _check_date(p: Petition, on: date, what: str) -> None:
    if on < p.received_on:
        raise DomainError(f"Ngày {what} không được trước ngày nhận đơn ({p.received_on:%d/%m/%Y}).")
    if p.accepted_on and on < p.accepted_on and what != "thụ lý":
        raise DomainError(f"Ngày {what} không được trước ngày thụ lý ({p.accepted_on:%d/%m/%Y}).")


def _striker(p: Petition) -> Callable[[str], str]:
    """Strikes a denouncer's identity out of what a handler types after intake (notes, reasons,
    the outcome and the answer), as intake does from the letter: the case page shows them to
    people without a grant. One vault read per step; other kinds come back as typed."""
    identity = sealed_identity(p)
    return lambda text: redact_identity(text, identity)


def _save(p: Petition, by: User, action: str, changes: dict[str, Any]) -> Petition:
    save_valid(p)
    log_action(p, action, by=by, changes=changes)
    return p


@transaction.atomic
def petition_classify(
    *,
    petition: Petition,
    by: User,
    competent: bool,
    conditions_met: bool,
    complex: bool = False,
    very_complex: bool = False,
    remote: bool = False,
    several_places: bool = False,
    sensitive: bool | None = None,
    topic: str | None = None,
) -> Petition:
    p = petition
    _check_open(p)
    before = {"competent": p.competent, "conditions_met": p.conditions_met, "due_on": p.due_on}
    p.competent, p.conditions_met = competent, conditions_met
    p.complex, p.very_complex = complex or very_complex, very_complex
    p.remote, p.several_places = remote, several_places
    if sensitive is not None:
        p.sensitive = sensitive
    if topic:
        p.topic = topic
    _recompute(p)
    after = {"competent": competent, "conditions_met": conditions_met, "due_on": p.due_on}
    return _save(
        p,
        by,
        "petitions.classified",
        {k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )


def handler_seats(commune: Unit) -> QuerySet[Membership]:
    """Who may be given a case, and in which unit: leaders and officers of the commune's
    offices and of the commune itself (UBND xã), active people in active units."""
    return Membership.objects.filter(
        role__in=HANDLER_ROLES,
        unit__commune_id=commune.pk,
        unit__kind__in=HANDLING_UNIT_KINDS,
        unit__is_active=True,
        user__is_active=True,
    )


@transaction.atomic
def petition_assign(*, petition: Petition, by: User, handler: User, unit: Unit) -> Petition:
    """Give the case to a handler in a unit; the handler must work in that unit (a case assigned
    to an office is answered by that office's people, who are also its reminders' recipients)."""
    p = petition
    if unit.commune_id != p.commune_id or unit.kind not in HANDLING_UNIT_KINDS:
        raise DomainError("Đơn vị xử lý không thuộc xã này.")
    if not handler_seats(p.commune).filter(user=handler, unit=unit).exists():
        if not handler.memberships.filter(unit__commune_id=p.commune_id).exists():
            raise DomainError("Người xử lý không thuộc xã này.")
        raise DomainError(
            f"{handler} không thuộc {unit.label}: chỉ giao đơn cho lãnh đạo, cán bộ của chính "
            "đơn vị được giao xử lý."
        )
    before = str(p.handler or "—")
    p.handler, p.handling_unit = handler, unit
    if p.kind == PetitionKind.DENUNCIATION and handler.pk != by.pk:
        # The handler must know who denounced to protect them (Art. 8(3)); nobody else gains it.
        # One who takes a case himself is not granted by it: nobody grants himself (issue #11);
        # a leader of the commune grants him on the case's grants page.
        IdentityGrant.objects.get_or_create(petition=p, user=handler, defaults={"granted_by": by})
    transaction.on_commit(lambda: alerts.assigned(p, by))
    return _save(
        p, by, "petitions.assigned", {"handler": [before, str(handler)], "unit": str(unit)}
    )


@transaction.atomic
def petition_accept(*, petition: Petition, by: User, accepted_on: date) -> Petition:
    """Thụ lý: the resolution period starts the day after (Luật KN Art. 28, 37; Luật TC Art. 30)."""
    p = petition
    _check_open(p)
    _check_date(p, accepted_on, "thụ lý")
    if p.status != Status.RECEIVED:
        raise DomainError("Chỉ thụ lý đơn mới tiếp nhận.")
    if p.second_complaint:
        body, _source = second_complaint_body()
        raise DomainError(
            "Khiếu nại lần hai đối với quyết định của Chủ tịch UBND xã không thuộc thẩm quyền "
            f"của xã: không thụ lý, chuyển đơn đến {body}."
        )
    if p.competent is False or p.conditions_met is False:
        raise DomainError("Đơn không thuộc thẩm quyền hoặc không đủ điều kiện: không thể thụ lý.")
    if p.anonymous and p.kind == PetitionKind.DENUNCIATION:
        raise DomainError(
            "Tố cáo nặc danh không được thụ lý; xử lý như thông tin (Luật Tố cáo, Điều 25)."
        )
    p.status, p.accepted_on = Status.ACCEPTED, accepted_on
    _start_step(p, first_step(p)[0], "giai-quyet", accepted_on)
    _event(p, Event.ACCEPTED, accepted_on, by, "Thụ lý đơn.", public=True)
    return _save(p, by, "petitions.accepted", {"accepted_on": accepted_on, "due_on": p.due_on})


ROUTES: dict[str, str] = {
    Status.GUIDED: "Hướng dẫn người gửi đến cơ quan có thẩm quyền.",
    Status.FORWARDED: "Chuyển đơn đến cơ quan có thẩm quyền.",
    Status.RETURNED: "Trả lại đơn.",
    Status.FILED: "Lưu đơn.",
    Status.INFORMATION: "Tố cáo nặc danh: xử lý như thông tin (Luật Tố cáo 2018, Điều 25).",
}


@transaction.atomic
def petition_route(
    *, petition: Petition, by: User, outcome: str, on: date, note: str = ""
) -> Petition:
    """Close a petition without resolving it here: guide, forward, return, file, or use as information."""
    p = petition
    _check_open(p)
    _check_date(p, on, "xử lý")
    if outcome not in ROUTES:
        raise DomainError("Cách xử lý không hợp lệ.")
    if p.accepted_on and not can_sign_off(by, p):
        # Otherwise "Lưu đơn" would close an accepted case without the leader's sign-off.
        raise DomainError(
            "Đơn đã được thụ lý chỉ kết thúc bằng kết quả giải quyết được lãnh đạo UBND xã ký "
            "duyệt: hãy trình kết quả giải quyết."
        )
    if outcome == Status.INFORMATION and not (p.anonymous and p.kind == PetitionKind.DENUNCIATION):
        raise DomainError("Chỉ tố cáo nặc danh mới được xử lý như thông tin.")
    _close(p, outcome, on)
    default = ROUTES[outcome]
    if outcome == Status.FORWARDED and p.second_complaint:
        default = f"Chuyển đơn đến {second_complaint_body()[0]}."
    p.outcome = _striker(p)(note) if note else default
    _event(p, outcome, on, by, p.outcome, public=True)
    return _save(p, by, f"petitions.{outcome}", {"on": on, "on_time": p.closed_on_time})


def _close(p: Petition, status: str, on: date) -> None:
    p.status, p.closed_on = status, on
    p.closed_on_time = p.due_on is None or on <= p.due_on


@transaction.atomic
def petition_extend(*, petition: Petition, by: User, on: date, reason: str) -> Petition:
    p = petition
    _check_open(p)
    if p.status != Status.ACCEPTED or p.step != "giai-quyet":
        raise DomainError("Chỉ gia hạn khi đơn đang được giải quyết.")
    _check_date(p, on, "gia hạn")
    if p.due_on and on > p.due_on:
        raise DomainError("Phải gia hạn trước khi hết thời hạn giải quyết.")
    before = p.due_on
    p.extensions += 1
    _recompute(p)  # raises when the rule allows no more extensions
    reason = _striker(p)(reason)
    _event(p, Event.EXTENDED, on, by, reason, public=True)
    return _save(p, by, "petitions.extended", {"due_on": [before, p.due_on], "reason": reason})


@transaction.atomic
def petition_pause(*, petition: Petition, by: User, on: date, reason: str) -> Petition:
    p = petition
    if p.status != Status.ACCEPTED:
        raise DomainError("Chỉ tạm đình chỉ đơn đang được giải quyết.")
    _check_date(p, on, "tạm đình chỉ")
    p.status, p.paused_on = Status.PAUSED, on
    reason = _striker(p)(reason)
    _event(p, Event.PAUSED, on, by, reason, public=True)
    return _save(p, by, "petitions.paused", {"on": on, "reason": reason})


@transaction.atomic
def petition_resume(*, petition: Petition, by: User, on: date, reason: str) -> Petition:
    p = petition
    if p.status != Status.PAUSED or p.paused_on is None:
        raise DomainError("Đơn không ở trạng thái tạm đình chỉ.")
    if on < p.paused_on:
        raise DomainError("Ngày tiếp tục không được trước ngày tạm đình chỉ.")
    before = p.due_on
    # The pause's calendar days lengthen the period (the clock stops and runs on): a way of
    # counting, not a value, so not a LawRule row; see petitions/rules.py for the reason and
    # for NĐ 155/2026's counting "from the decision to continue" (unverified, not applied).
    p.paused_days += (on - p.paused_on).days
    p.status, p.paused_on = Status.ACCEPTED, None
    _recompute(p)
    reason = _striker(p)(reason)
    _event(p, Event.RESUMED, on, by, reason, public=True)
    return _save(p, by, "petitions.resumed", {"due_on": [before, p.due_on], "reason": reason})


@transaction.atomic
def petition_record_step(
    *, petition: Petition, by: User, step: str, on: date, note: str
) -> Petition:
    """A step between acceptance and decision (PetitionEvent.RESOLUTION_STEPS)."""
    p = petition
    if step not in PetitionEvent.RESOLUTION_STEPS:
        raise DomainError("Bước xử lý không hợp lệ.")
    if p.status != Status.ACCEPTED:
        raise DomainError(
            "Chỉ ghi các bước giải quyết khi đơn đã được thụ lý, không bị tạm đình chỉ và "
            "chưa trình lãnh đạo ký duyệt."
        )
    _check_date(p, on, PetitionEvent.Kind(step).label.lower())
    _event(p, step, on, by, _striker(p)(note), public=True)
    log_action(p, f"petitions.{step}", by=by, changes={"on": on})
    return p


@transaction.atomic
def petition_resolve(
    *,
    petition: Petition,
    by: User,
    decided_on: date,
    outcome: str,
    public_answer: str = "",
    legal_basis: str = "",
) -> Petition:
    """The conclusion or decision of an accepted case, with its legal basis: the handler's
    draft, put to a leader of the commune who signs it off or sends it back (status PROPOSED,
    its clock still running). Recorded by a leader, it is signed at once: the leader is the
    signer. Never before acceptance, never on a paused case."""
    p = petition
    _check_open(p)
    if p.status != Status.ACCEPTED:
        raise DomainError(
            "Chỉ ra quyết định khi đơn đã được thụ lý, không bị tạm đình chỉ và chưa trình "
            "lãnh đạo ký duyệt."
        )
    _check_date(p, decided_on, "quyết định")
    strike = _striker(p)
    p.outcome, p.public_answer = strike(outcome.strip()), strike(public_answer.strip())
    p.legal_basis = strike(legal_basis.strip())
    p.proposed_on, p.proposed_by = decided_on, by
    if can_sign_off(by, p):
        return _sign(p, by, decided_on, proposed=False)
    p.status = Status.PROPOSED
    _event(p, Event.PROPOSED, decided_on, by, p.outcome, public=True)
    return _save(p, by, "petitions.proposed", {"on": decided_on})


@transaction.atomic
def petition_sign_off(*, petition: Petition, by: User, signed_on: date, note: str = "") -> Petition:
    """A leader of the commune signs the handler's conclusion or decision: the case closes on
    the day signed, on time or late against its due date."""
    p = petition
    _check_proposed(p, by, "ký duyệt")
    assert p.proposed_on is not None
    if signed_on < p.proposed_on:
        raise DomainError(f"Ngày ký không được trước ngày trình ({p.proposed_on:%d/%m/%Y}).")
    return _sign(p, by, signed_on, proposed=True, note=_striker(p)(note.strip()))


@transaction.atomic
def petition_send_back(*, petition: Petition, by: User, on: date, comment: str) -> Petition:
    """A leader sends the draft back with what to change; the case is again the handler's,
    its clock running."""
    p = petition
    _check_proposed(p, by, "trả lại")
    comment = comment.strip()
    if not comment:
        raise DomainError("Ghi rõ nội dung cần sửa khi trả lại dự thảo.")
    comment = _striker(p)(comment)
    assert p.proposed_on is not None
    if on < p.proposed_on:
        raise DomainError(f"Ngày trả lại không được trước ngày trình ({p.proposed_on:%d/%m/%Y}).")
    p.status = Status.ACCEPTED
    _event(p, Event.SENT_BACK, on, by, comment, public=True)
    return _save(p, by, "petitions.sent_back", {"on": on, "reason": comment})


def _check_proposed(p: Petition, by: User, what: str) -> None:
    if p.status != Status.PROPOSED:
        raise DomainError(f"Đơn không có dự thảo kết quả đang chờ {what}.")
    if not can_sign_off(by, p):
        raise DomainError(f"Chỉ lãnh đạo UBND xã được {what} kết quả giải quyết.")


def _sign(p: Petition, by: User, on: date, *, proposed: bool, note: str = "") -> Petition:
    _close(p, Status.RESOLVED, on)
    p.signed_off_by = by
    # The citizen reads this event; the leader's own remark stays in the audit entry.
    _event(p, Event.RESOLVED, on, by, p.public_answer or "Đã có kết quả giải quyết.", public=True)
    changes: dict[str, Any] = {"decided_on": on, "on_time": p.closed_on_time}
    if proposed and p.proposed_by is not None:
        changes["proposed_by"] = str(p.proposed_by)
    if note:
        changes["reason"] = note
    return _save(p, by, "petitions.resolved", changes)


@transaction.atomic
def petition_link(*, petition: Petition, to: Petition, kind: str, by: User) -> Petition:
    """Link a repeat petition, or one of many people on the same matter, to an earlier one."""
    if kind not in ("repeat", "same_matter"):
        raise DomainError("Kiểu liên kết không hợp lệ.")
    if to.pk == petition.pk or to.commune_id != petition.commune_id:
        raise DomainError("Chỉ liên kết với một đơn khác của cùng xã.")
    petition.linked_to, petition.link_kind = to, kind
    return _save(petition, by, "petitions.linked", {"to": to.code, "kind": kind})


# --- the denouncer's identity -----------------------------------------------------------------


@transaction.atomic
def identity_reveal(*, petition: Petition, by: User, reason: str) -> dict[str, str]:
    """Show the protected identity to a user granted it on this case, and log why (the reason
    with the identity struck out of it: naming the denouncer would put the name in the log)."""
    reason = reason.strip()
    if not reason:
        raise DomainError("Phải nêu lý do xem danh tính người tố cáo.")
    if not can_read_identity(by, petition):
        raise DomainError("Bạn không được giao quyền xem danh tính người tố cáo của đơn này.")
    identity = sealed_identity(petition)
    if identity is None:
        raise DomainError("Đơn này không có danh tính được lưu.")
    reason = redact_identity(reason, identity)[:300]
    IdentityReveal.objects.create(petition=petition, user=by, reason=reason)
    log_action(petition, "petitions.identity_revealed", by=by, changes={"reason": reason})
    return identity


SELF_GRANT = (
    "Không ai được tự giao cho mình quyền xem danh tính người tố cáo: hãy giao cho người xử lý "
    "hoặc để một lãnh đạo khác của xã giao."
)


@transaction.atomic
def identity_grant(*, petition: Petition, user: User, by: User) -> IdentityGrant:
    """The head of the body handling the case grants the right on one case (Art. 8(3)), to
    somebody else: nobody grants himself the right to see who denounced (issue #11)."""
    if user.pk == by.pk:
        raise DomainError(SELF_GRANT)
    grant, _ = IdentityGrant.objects.get_or_create(
        petition=petition, user=user, defaults={"granted_by": by}
    )
    log_action(petition, "petitions.identity_granted", by=by, changes={"user": str(user)})
    return grant
