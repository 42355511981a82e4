"""Who may see and do what: the one place every view, export, download and command asks.

Rules (docs/permissions.md explains them in Vietnamese for administrators):
- A membership gives its rights within the commune of its unit; a province viewer's (or a
  province administrator's) membership in a province gives read access to its communes.
- Anybody with a membership in a commune reads that commune's plans and registers.
- Leaders and administrators of a commune manage it (plans, registers, decisions).
- Officers, Front officials and village heads write for their own unit only.
- Read-only members and province viewers never write.
- A superuser (the platform's operator) reads and manages nothing here: being a superuser is
  no membership. The operator works in /quan-tri/ on units and rules (core/admin.py) and sees
  no commune's records, so no citizen's personal data (docs/permissions.md).

A user's memberships are read once per request into an `Access`; apps ask it through their
own capability functions (`petitions.access.can_write`, `decisions.access.can_enter_tally`…)
and never query `Membership` for the current user themselves. `commune_for` is the one
"which commune is this page about" picker.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from danvan.core.cache import kept
from danvan.core.http import int_param
from danvan.core.models import Membership, Role, Unit, User

MANAGER_ROLES = frozenset({Role.LEADER, Role.ADMIN})
UNIT_WRITER_ROLES = frozenset({Role.OFFICER, Role.FRONT, Role.VILLAGE_HEAD})


@dataclass(frozen=True)
class Seat:
    """One active membership: a role held in a unit of a commune (None for a province)."""

    role: str
    unit_id: int
    unit_kind: str
    commune_id: int | None
    receives_petitions: bool
    one_stop: bool  # the unit is the commune's one-stop centre (Unit.one_stop)


@dataclass
class Access:
    seats: tuple[Seat, ...] = ()
    readable_communes: set[int] = field(default_factory=set)
    managed_communes: set[int] = field(default_factory=set)
    writable_units: set[int] = field(default_factory=set)
    # Communes read through a province seat (a province viewer's or administrator's).
    province_communes: set[int] = field(default_factory=set)

    def can_read(self, commune_id: int | None) -> bool:
        return commune_id in self.readable_communes

    def can_manage(self, commune_id: int | None) -> bool:
        return commune_id in self.managed_communes

    def can_write_for(self, unit_id: int | None) -> bool:
        return unit_id in self.writable_units

    @property
    def has_any(self) -> bool:
        return bool(self.readable_communes)

    def units(
        self,
        *roles: str,
        kinds: Iterable[str] = (),
        commune_id: int | None = None,
    ) -> set[int]:
        """Ids of the units where the user holds one of `roles` (any role when none is given),
        of the given unit kinds, in one commune when `commune_id` is given."""
        kinds = set(kinds)
        return {
            s.unit_id
            for s in self.seats
            if (not roles or s.role in roles)
            and (not kinds or s.unit_kind in kinds)
            and (commune_id is None or s.commune_id == commune_id)
        }

    def communes(self, *roles: str, kinds: Iterable[str] = ()) -> set[int]:
        """Communes where the user holds one of `roles` (any role when none is given)."""
        kinds = set(kinds)
        return {
            s.commune_id
            for s in self.seats
            if s.commune_id is not None
            and (not roles or s.role in roles)
            and (not kinds or s.unit_kind in kinds)
        }

    def holds(
        self, role: str, *, commune_id: int | None = None, unit_id: int | None = None
    ) -> bool:
        """Whether the user holds `role` (in that commune, in that unit)."""
        return any(
            s.role == role
            and (commune_id is None or s.commune_id == commune_id)
            and (unit_id is None or s.unit_id == unit_id)
            for s in self.seats
        )

    @property
    def own_communes(self) -> set[int]:
        """The communes of the user's own units (not those read through a province)."""
        return self.communes()

    @property
    def reception_communes(self) -> set[int]:
        """Communes whose whole petition book the user reads: managers, and officers of the
        office that receives petitions (Unit.receives_petitions)."""
        desk = {
            s.commune_id
            for s in self.seats
            if s.role == Role.OFFICER and s.receives_petitions and s.commune_id is not None
        }
        return set(self.managed_communes) | desk


def get_access(user: User | AnonymousUser) -> Access:
    """The user's rights, read from the database once per request (cached on the user)."""
    if not user.is_authenticated:
        return Access()
    cached: Access | None = getattr(user, "_danvan_access", None)
    if cached is not None:
        return cached
    access = Access(seats=tuple(Seat(*row) for row in _seat_rows(user)))
    provinces = []
    for seat in access.seats:
        if seat.unit_kind == Unit.Kind.PROVINCE or seat.commune_id is None:
            if seat.role in {Role.PROVINCE_VIEWER, Role.ADMIN}:
                provinces.append(seat.unit_id)
            continue
        access.readable_communes.add(seat.commune_id)
        if seat.role in MANAGER_ROLES:
            access.managed_communes.add(seat.commune_id)
        if seat.role in UNIT_WRITER_ROLES:
            access.writable_units.add(seat.unit_id)
    if provinces:
        access.province_communes = set(
            Unit.objects.filter(kind=Unit.Kind.COMMUNE, parent_id__in=provinces).values_list(
                "pk", flat=True
            )
        )
        access.readable_communes |= access.province_communes
    user._danvan_access = access  # type: ignore[union-attr,attr-defined]
    return access


M = TypeVar("M", bound=Model)


def get_item(request: HttpRequest, model: type[M], pk: object, related: Sequence[str] = ()) -> M:
    """`get_object_or_404(model.objects.select_related(*related), pk=pk)`: the row an item's
    page is about, before the app checks who may read it (its `commune_id`). A GET by a reader
    of one commune keeps it (core.cache.kept) until a record of its app, of the apps of its
    `related` rows or of core changes in her commune; a row of another commune (the app's check
    then refuses it) or any other request reads it afresh. The queryset is made here, never
    filtered for a user, so one reader's kept row is never another's narrower one."""
    queryset = model._default_manager.select_related(*related)
    communes = get_access(request.user).readable_communes
    if request.method == "GET" and len(communes) == 1:
        (commune_id,) = communes
        found = kept(
            f"item:{model._meta.label}|{pk}|{','.join(related)}",
            commune_id,
            lambda: queryset.filter(pk=pk).first(),
            60,
            apps=_apps_of(model, related),
        )
        if found is not None and found.commune_id == commune_id:  # type: ignore[attr-defined]
            return found
    return get_object_or_404(queryset, pk=pk)


def _apps_of(model: type[Model], related: Sequence[str]) -> set[str]:
    labels = {model._meta.app_label}
    for path in related:
        step: Any = model
        for name in path.split("__"):
            step = step._meta.get_field(name).related_model
            labels.add(step._meta.app_label)
    return labels


# A seat's columns: its membership's and its unit's.
SEAT_COLUMNS = (
    "role",
    "unit_id",
    "unit__kind",
    "unit__commune_id",
    "unit__receives_petitions",
    "unit__one_stop",
)


def active_memberships(user: Any) -> QuerySet[Membership]:
    """A user's memberships in units still active (`user`: a User, or an OuterRef to one)."""
    return Membership.objects.filter(user=user, unit__is_active=True)


def _seat_rows(user: User) -> list[tuple]:
    """The user's seats, by membership: as core.auth.Backend read them with the user at the
    request's start (`seat_rows`, JSON of [membership id, *SEAT_COLUMNS]), else read now."""
    written = getattr(user, "seat_rows", None)
    if written is None:
        return list(active_memberships(user).order_by("pk").values_list(*SEAT_COLUMNS))
    return [
        (role, unit_id, kind, commune_id, bool(receives), bool(one_stop))
        for _pk, role, unit_id, kind, commune_id, receives, one_stop in sorted(json.loads(written))
    ]


def commune_id_for(
    request: HttpRequest,
    wanted: int | str | None = None,
    *,
    among: Iterable[int] | None = None,
) -> int:
    """The id of the commune a page is about, for a page that only filters by it.

    `wanted` (an id, or the raw `?xa=` text) must be a commune the user reads (404 otherwise,
    also for text that is no number) and, when `among` narrows the candidates (the communes
    whose petition book the user keeps, where the user may write…), one of them (403). Without
    `wanted`: the user's own commune first, else the first candidate by id; 403 when there is
    no candidate at all.
    """
    access = get_access(request.user)
    candidates = set(access.readable_communes if among is None else among)
    if wanted not in (None, ""):
        cid = int_param(wanted)
        if cid is None or cid not in access.readable_communes:
            raise Http404
        if cid not in candidates:
            raise PermissionDenied
        return cid
    if not candidates:
        raise PermissionDenied
    own = sorted(candidates & access.own_communes)
    return (own or sorted(candidates))[0]


def commune_for(
    request: HttpRequest,
    wanted: int | str | None = None,
    *,
    among: Iterable[int] | None = None,
) -> Unit:
    """The commune a page is about: the one `commune_id_for` picks, read, and kept until a
    record of core changes in it, a minute at most (core.cache.kept: the marks it reads are
    those the page's own kept parts read, so the page asks for them once)."""
    cid = commune_id_for(request, wanted, among=among)
    found = kept(
        f"core:commune|{cid}", cid, lambda: _communes().filter(pk=cid).first(), 60, apps=()
    )
    if found is None:
        raise Http404
    return found


def readable_commune_units(user: User | AnonymousUser) -> list[Unit]:
    """The communes the user reads, by name: the choices of a page's commune picker."""
    return list(_communes().filter(pk__in=get_access(user).readable_communes).order_by("name"))


def members(
    *roles: str,
    commune_id: int | None = None,
    unit_id: int | None = None,
    unit_ids: Iterable[int] | None = None,
    unit_kinds: Iterable[str] = (),
    receives_petitions: bool | None = None,
) -> QuerySet[User]:
    """Active users who hold one of `roles` (in that commune, that unit or those units, units of
    those kinds, the office that receives petitions): who to notify."""
    seats = Membership.objects.filter(role__in=roles, unit__is_active=True, user__is_active=True)
    if commune_id is not None:
        seats = seats.filter(unit__commune_id=commune_id)
    if unit_id is not None:
        seats = seats.filter(unit_id=unit_id)
    if unit_ids is not None:
        seats = seats.filter(unit_id__in=list(unit_ids))
    if kinds := list(unit_kinds):
        seats = seats.filter(unit__kind__in=kinds)
    if receives_petitions is not None:
        seats = seats.filter(unit__receives_petitions=receives_petitions)
    return User.objects.filter(pk__in=seats.values("user_id")).order_by("pk")


def _communes() -> QuerySet[Unit]:
    return Unit.objects.filter(kind=Unit.Kind.COMMUNE)
