"""Who may see and do what. Every view, export and download asks here, on the server.

Rules (docs/permissions.md explains them in Vietnamese for administrators):
- A membership gives its rights within the commune of its unit; a province viewer's membership
  in a province gives read access to every commune of that province.
- Anybody with a membership in a commune reads that commune's plans and tasks.
- Leaders and administrators of a commune manage its plans (create, edit, issue, close).
- Officers, Front officials and village heads write for their own unit only: the lead unit
  reports progress, coordinating units add contributions.
- Read-only members and province viewers never write.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser

from danvan.core.models import Membership, Role, Unit, User

MANAGER_ROLES = {Role.LEADER, Role.ADMIN}
UNIT_WRITER_ROLES = {Role.OFFICER, Role.FRONT, Role.VILLAGE_HEAD}


@dataclass
class Access:
    readable_communes: set[int] = field(default_factory=set)
    managed_communes: set[int] = field(default_factory=set)
    writable_units: set[int] = field(default_factory=set)
    is_superuser: bool = False

    def can_read(self, commune_id: int | None) -> bool:
        return self.is_superuser or commune_id in self.readable_communes

    def can_manage(self, commune_id: int | None) -> bool:
        return self.is_superuser or commune_id in self.managed_communes

    def can_write_for(self, unit_id: int | None) -> bool:
        return unit_id in self.writable_units

    @property
    def has_any(self) -> bool:
        return self.is_superuser or bool(self.readable_communes)


def get_access(user: User | AnonymousUser) -> Access:
    """The user's rights, computed once per request object."""
    if not user.is_authenticated:
        return Access()
    cached: Access | None = getattr(user, "_danvan_access", None)
    if cached is not None:
        return cached
    access = Access(is_superuser=user.is_superuser)
    rows = Membership.objects.filter(user=user, unit__is_active=True).values_list(
        "role", "unit_id", "unit__kind", "unit__commune_id"
    )
    provinces = []
    for role, unit_id, kind, commune_id in rows:
        if kind == Unit.Kind.PROVINCE or commune_id is None:
            if role in {Role.PROVINCE_VIEWER, Role.ADMIN}:
                provinces.append(unit_id)
            continue
        access.readable_communes.add(commune_id)
        if role in MANAGER_ROLES:
            access.managed_communes.add(commune_id)
        if role in UNIT_WRITER_ROLES:
            access.writable_units.add(unit_id)
    if provinces:
        access.readable_communes.update(
            Unit.objects.filter(kind=Unit.Kind.COMMUNE, parent_id__in=provinces).values_list(
                "pk", flat=True
            )
        )
    if user.is_superuser:
        access.readable_communes.update(
            Unit.objects.filter(kind=Unit.Kind.COMMUNE).values_list("pk", flat=True)
        )
        access.managed_communes.update(access.readable_communes)
    user._danvan_access = access  # type: ignore[union-attr,attr-defined]
    return access
