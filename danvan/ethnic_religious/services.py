"""Every write of ethnic and religious work: validated, in a transaction, audited, DomainError in
Vietnamese. An audit entry names what changed; whoever reads the record reads its history, so an
internal row's entries are read only by those who see the row."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.errors import DomainError, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Role, Unit, User
from danvan.ethnic_religious.models import (
    Contact,
    ContactKind,
    Establishment,
    Event,
    Followed,
    KeyPerson,
)
from danvan.lib.text import fold

FOLLOWER_ROLES = (Role.LEADER, Role.OFFICER, Role.FRONT, Role.VILLAGE_HEAD)
PERSON_FIELDS = (
    "full_name",
    "birth_year",
    "ethnic_group",
    "village",
    "standing",
    "recognised_year",
    "decision_number",
    "decision_date",
    "recognised_until",
    "phone",
    "follower",
    "internal",
    "status",
    "ended_on",
    "end_reason",
    "note",
)
ESTABLISHMENT_FIELDS = (
    "name",
    "kind",
    "religion",
    "village",
    "address",
    "representative",
    "legal_status",
    "follower",
    "internal",
    "note",
)
EVENT_FIELDS = ("name", "on", "lunar", "expected", "notified_on", "note", "outcome")


def followers(commune_id: int) -> Any:
    """Whom a person or an establishment may be given to follow: the commune's active people."""
    return members(*FOLLOWER_ROLES, commune_id=commune_id)


def _shown(value: Any) -> Any:
    if hasattr(value, "pk"):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _apply(row: Any, fields: tuple[str, ...], data: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the fields given; the changes, field → [before, after], for the audit entry."""
    changes = {}
    for name in fields:
        if name not in data:
            continue
        before, after = getattr(row, name, None), data[name]
        if before != after:
            changes[name] = [_shown(before), _shown(after)]
            setattr(row, name, after)
    return changes


def _check_place(row: Followed) -> None:
    village = row.village
    if village.commune_id != row.commune_id or village.kind != Unit.Kind.VILLAGE:
        raise DomainError("Chọn một thôn, tổ dân phố của xã này.")
    if (
        row.follower_id is not None
        and not followers(row.commune_id).filter(pk=row.follower_id).exists()
    ):
        raise DomainError("Cán bộ theo dõi phải là người của xã này.")


# --- respected persons ----------------------------------------------------------------------


def _check_person(person: KeyPerson) -> None:
    _check_place(person)
    this_year = timezone.localdate().year
    if person.birth_year is not None and not 1900 <= person.birth_year <= this_year:
        raise DomainError(f"Năm sinh phải từ 1900 đến {this_year}.")
    if not 2000 <= person.recognised_year <= this_year:
        raise DomainError(f"Năm được công nhận phải từ 2000 đến {this_year}.")
    if person.recognised_until is not None and person.recognised_until < person.recognised_year:
        raise DomainError("Năm hết công nhận không được trước năm được công nhận.")
    check_day(person.decision_date, "Ngày quyết định công nhận", past=True)
    if person.decision_date and not person.decision_number:
        raise DomainError("Nhập số quyết định công nhận cùng với ngày quyết định.")
    if person.status == KeyPerson.Status.ENDED:
        if not person.ended_on or not person.end_reason:
            raise DomainError("Ghi ngày và lý do người này không còn được công nhận.")
        check_day(person.ended_on, "Ngày thôi công nhận", past=True)
    else:
        person.ended_on, person.end_reason = None, ""


@transaction.atomic
def person_create(*, commune: Unit, by: User, **data: Any) -> KeyPerson:
    person = KeyPerson(commune=commune, created_by=by)
    _apply(person, PERSON_FIELDS, data)
    _check_person(person)
    save_valid(person)
    log_action(
        person,
        "ethnic_religious.person_created",
        by=by,
        changes={"village": person.village.name, "internal": person.internal},
    )
    return person


@transaction.atomic
def person_update(*, person: KeyPerson, by: User, **data: Any) -> KeyPerson:
    person = KeyPerson.objects.select_for_update().get(pk=person.pk)
    changes = _apply(person, PERSON_FIELDS, data)
    _check_person(person)
    if not changes:
        raise DomainError("Không có gì thay đổi.")
    save_valid(person)
    log_action(person, "ethnic_religious.person_updated", by=by, changes=changes)
    return person


@transaction.atomic
def contact_record(
    *,
    person: KeyPerson,
    by: User,
    on: date,
    kind: ContactKind,
    made_by: User,
    content: str,
    raised: str = "",
    follow_up: str = "",
    petition_code: str = "",
) -> Contact:
    check_day(on, "Ngày tiếp xúc", past=True)
    if not followers(person.commune_id).filter(pk=made_by.pk).exists():
        raise DomainError("Người thực hiện phải là người của xã này.")
    if not kind.active:
        raise DomainError("Hình thức tiếp xúc này không còn dùng; chọn hình thức khác.")
    contact = Contact(
        commune_id=person.commune_id,
        person=person,
        on=on,
        kind=kind,
        made_by=made_by,
        content=content,
        raised=raised,
        follow_up=follow_up,
        petition_code=petition_code,
        created_by=by,
    )
    save_valid(contact)
    log_action(
        person,
        "ethnic_religious.contact_recorded",
        by=by,
        changes={"on": on.isoformat(), "kind": kind.name, "made_by": str(made_by)},
    )
    return contact


# --- establishments and their events --------------------------------------------------------


def _check_establishment(row: Establishment) -> None:
    _check_place(row)
    # Case and diacritics aside (SQLite's iexact knows no "Đ"): "chùa đoàn kết" is the same.
    names = Establishment.objects.filter(village_id=row.village_id).exclude(pk=row.pk)
    if fold(row.name) in {fold(n) for n in names.values_list("name", flat=True)}:
        raise DomainError(f"{row.village.name} đã có cơ sở “{row.name}”.")


@transaction.atomic
def establishment_create(*, commune: Unit, by: User, **data: Any) -> Establishment:
    row = Establishment(commune=commune, created_by=by)
    _apply(row, ESTABLISHMENT_FIELDS, data)
    _check_establishment(row)
    save_valid(row)
    log_action(
        row,
        "ethnic_religious.establishment_created",
        by=by,
        changes={"village": row.village.name, "internal": row.internal},
    )
    return row


@transaction.atomic
def establishment_update(*, establishment: Establishment, by: User, **data: Any) -> Establishment:
    row = Establishment.objects.select_for_update().get(pk=establishment.pk)
    changes = _apply(row, ESTABLISHMENT_FIELDS, data)
    _check_establishment(row)
    if not changes:
        raise DomainError("Không có gì thay đổi.")
    save_valid(row)
    log_action(row, "ethnic_religious.establishment_updated", by=by, changes=changes)
    return row


def _check_event(event: Event) -> None:
    check_day(event.on, "Ngày diễn ra")
    check_day(event.notified_on, "Ngày thông báo, đăng ký", past=True)
    if event.notified_on and event.notified_on > event.on:
        raise DomainError("Ngày thông báo, đăng ký phải trước ngày diễn ra sự kiện.")
    if event.outcome and event.on > timezone.localdate():
        raise DomainError("Chỉ ghi kết quả sau khi sự kiện đã diễn ra.")


@transaction.atomic
def event_create(*, establishment: Establishment, by: User, **data: Any) -> Event:
    event = Event(commune_id=establishment.commune_id, establishment=establishment, created_by=by)
    _apply(event, EVENT_FIELDS, data)
    _check_event(event)
    save_valid(event)
    log_action(
        establishment,
        "ethnic_religious.event_added",
        by=by,
        changes={"event": event.name, "on": event.on.isoformat()},
    )
    return event


@transaction.atomic
def event_update(*, event: Event, by: User, **data: Any) -> Event:
    event = Event.objects.select_for_update().select_related("establishment").get(pk=event.pk)
    changes = _apply(event, EVENT_FIELDS, data)
    _check_event(event)
    if not changes:
        raise DomainError("Không có gì thay đổi.")
    save_valid(event)
    log_action(
        event.establishment,
        "ethnic_religious.event_updated",
        by=by,
        changes={"event": event.name, **changes},
    )
    return event
