"""Who holds which role: the one way memberships and an account's rights change.

Every change of a role (a `Membership` added, changed or removed) and of an account's rights
(`is_staff`, `is_superuser`, `is_active`, a password set by someone else) goes through here,
from the admin site (core/admin.py) or anywhere else, and is:

- refused when the person acts on his own roles or rights: nobody makes himself a leader, an
  administrator or a staff member (issue #11: an administrator could make himself a reader of
  denouncers' identities);
- refused when the person is not the operator (a superuser) nor an administrator (role ADMIN)
  of the commune of every unit involved: a commune's administrator changes his commune only;
- logged with `log_action` under the commune of the unit (before and after);
- notified to the leaders of that commune (the chairman and his deputies), who learn who gave
  whom which role, and can undo it.

Demo and benchmark loaders create their people directly: they are the installation, not a
person changing somebody's rights.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from danvan.core.access import get_access, members
from danvan.core.audit import log_action
from danvan.core.errors import DomainError, save_valid
from danvan.core.models import Membership, Role, Unit, User
from danvan.core.notify import notify

ACTIONS = {
    "core.membership_added": "Giao vai trò",
    "core.membership_changed": "Đổi vai trò",
    "core.membership_removed": "Thu hồi vai trò",
    "core.account_changed": "Đổi quyền tài khoản",
    "core.unit_changed": "Đổi quyền của đơn vị",
}
VERBS = {
    "core.membership_added": "giao vai trò cho",
    "core.membership_changed": "đổi vai trò của",
    "core.membership_removed": "thu hồi vai trò của",
    "core.account_changed": "đổi quyền tài khoản của",
    "core.unit_changed": "đổi quyền của đơn vị",
}
FIELDS = {
    "user": "Người dùng",
    "unit": "Đơn vị",
    "user_role": "Vai trò",  # not "role": other apps name their own roles so (FIELD_LABELS)
    "is_staff": "Vào trang quản trị",
    "is_superuser": "Vận hành hệ thống (mọi quyền quản trị)",
    "is_active": "Đang hoạt động",
    "password": "Mật khẩu",
    "receives_petitions": "Tiếp nhận đơn thư (cán bộ đọc mọi đơn của xã)",
}
# The account's fields that are rights, not a description of the person.
RIGHTS = ("is_staff", "is_superuser", "is_active")

SELF = (
    "Không ai được tự thay đổi vai trò, quyền của chính mình: hãy nhờ một quản trị viên khác "
    "của xã (việc thay đổi được ghi nhật ký và báo cho Chủ tịch UBND xã)."
)


def administered_communes(user: User) -> set[int]:
    """The communes whose people and units the user administers (role ADMIN there)."""
    return get_access(user).communes(Role.ADMIN)


def membership_refusal(
    *, by: User, user: User, units: Iterable[Unit], role: str | None = None
) -> str | None:
    """Why `by` may not give, change or take away a role of `user` in these units (None: he
    may). The admin's forms ask it before saving, the services again when they save."""
    if by.pk == user.pk:
        return SELF
    if by.is_superuser:
        return None
    if user.is_superuser:
        return "Tài khoản vận hành hệ thống chỉ do người vận hành thay đổi."
    if role == Role.PROVINCE_VIEWER:
        return "Vai trò theo dõi cấp tỉnh do người vận hành hệ thống giao."
    mine = administered_communes(by)
    if any(unit.commune_id not in mine for unit in units):
        return "Chỉ giao, đổi, thu hồi vai trò tại các đơn vị của xã mình quản trị."
    return None


def account_refusal(*, by: User, user: User, changed: Iterable[str]) -> str | None:
    """Why `by` may not change these rights (`RIGHTS`, groups, permissions) of `user`."""
    changed = set(changed)
    if not changed:
        return None
    if by.pk == user.pk and changed - {"is_active"}:
        return SELF
    if not by.is_superuser and changed & {"is_superuser", "groups", "user_permissions"}:
        return "Chỉ người vận hành hệ thống thay đổi quyền vận hành, nhóm và quyền riêng."
    return None


@transaction.atomic
def membership_add(*, user: User, unit: Unit, role: str, by: User) -> Membership:
    _refuse(membership_refusal(by=by, user=user, units=[unit], role=role))
    membership = save_valid(Membership(user=user, unit=unit, role=role))
    _tell(membership, "core.membership_added", by, [unit], {"user_role": [None, role]})
    return membership


@transaction.atomic
def membership_change(*, membership: Membership, unit: Unit, role: str, by: User) -> Membership:
    before = Membership.objects.select_related("unit").get(pk=membership.pk)
    user = before.user
    _refuse(membership_refusal(by=by, user=user, units=[before.unit, unit], role=role))
    membership.unit, membership.role = unit, role
    save_valid(membership)
    changes: dict[str, Any] = {}
    if before.unit_id != unit.pk:
        changes["unit"] = [str(before.unit), str(unit)]
    if before.role != role:
        changes["user_role"] = [before.role, role]
    if changes:
        _tell(membership, "core.membership_changed", by, [before.unit, unit], changes)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    unit = membership.unit
    _refuse(membership_refusal(by=by, user=membership.user, units=[unit]))
    _tell(membership, "core.membership_removed", by, [unit], {"user_role": [membership.role, None]})
    membership.delete()


def account_changed(*, user: User, by: User, changes: dict[str, Any]) -> None:
    """Log and tell the leaders of the user's communes that his rights (or password) changed;
    the caller has already asked `account_refusal` and saved."""
    if not changes:
        return
    units = list(Unit.objects.filter(memberships__user=user).distinct())
    _tell(user, "core.account_changed", by, units, changes)


def unit_changed(*, unit: Unit, by: User, changes: dict[str, list[Any]]) -> None:
    """Log and tell the commune's leaders that a unit's rights changed: the office that
    receives petitions (its officers read every petition), a unit closed or reopened (its
    people's roles stop or start counting)."""
    if changes:
        _tell(unit, "core.unit_changed", by, [unit], changes)


def _refuse(reason: str | None) -> None:
    if reason:
        raise DomainError(reason)


def _tell(
    obj: Membership | User | Unit,
    action: str,
    by: User,
    units: Iterable[Unit],
    changes: dict[str, Any],
) -> None:
    """One audit entry per commune involved, and a notice to its leaders (not to the actor)."""
    if isinstance(obj, Unit):
        who = str(obj)
        changes = {"unit": who, **changes}
    elif isinstance(obj, User):
        who = str(obj)
        changes = {"user": who, **changes}
    else:
        who = str(obj.user)
        changes = {"user": who, "unit": str(obj.unit), **changes}
    communes: list[int | None] = [*sorted({u.commune_id for u in units if u.commune_id})]
    for commune_id in communes or [None]:
        log_action(obj, action, by=by, changes=changes, commune=commune_id)
        if commune_id is not None:
            notify(
                members(Role.LEADER, commune_id=commune_id).exclude(pk=by.pk),
                title=f"{ACTIONS[action]}: {who}",
                body=_sentence(action, by, who, changes),
            )


def _sentence(action: str, by: User, who: str, changes: dict[str, Any]) -> str:
    roles = {code: str(label) for code, label in Role.choices}
    parts = []
    for key, value in changes.items():
        if key in ("user", "unit") and not isinstance(value, list) and value == who:
            continue
        label = FIELDS.get(key, key)
        if isinstance(value, list) and len(value) == 2:
            before, after = (_word(key, v, roles) for v in value)
            parts.append(f"{label}: {before} → {after}")
        else:
            parts.append(f"{label}: {_word(key, value, roles)}")
    return f"{by} đã {VERBS[action]} {who}. " + "; ".join(parts) + "."


def _word(key: str, value: Any, roles: dict[str, str]) -> str:
    if value in (None, ""):
        return "—"
    if key == "user_role":
        return str(roles.get(value, value))
    if isinstance(value, bool):
        return "có" if value else "không"
    return str(value)
