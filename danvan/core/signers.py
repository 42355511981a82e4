"""Who signs a commune's documents and to whom they go, read from the data of today.

A document signed for the commune's People's Committee carries the name of its chairman as
the accounts hold it today (never a name written into the code, the seed or an imported plan),
and a report goes up to the province's People's Committee (there has been no district level
since 01/07/2025).
"""

from __future__ import annotations

import re

from danvan.core.models import Membership, Role, Unit, User
from danvan.lib.text import fold


def current_chairman(commune: Unit) -> User | None:
    """The commune's chairman today: an active leader of the commune whose position is
    "Chủ tịch …" (not "Phó Chủ tịch"); the latest seat when several."""
    seats = (
        Membership.objects.filter(
            unit_id=commune.pk, role=Role.LEADER, user__is_active=True, unit__is_active=True
        )
        .select_related("user")
        .order_by("-pk")
    )
    for seat in seats:
        if fold(seat.user.position).startswith("chu tich"):
            return seat.user
    return None


def province_recipient(commune: Unit) -> str:
    """ "UBND tỉnh Lạng Sơn" for a commune of "Tỉnh Lạng Sơn" ("UBND thành phố Hà Nội")."""
    parent = commune.parent
    if parent is None or parent.kind != Unit.Kind.PROVINCE:
        return "UBND tỉnh"
    name = " ".join(parent.name.split())
    if not fold(name).startswith(("tinh ", "thanh pho ")):
        name = f"tỉnh {name}"
    return f"UBND {name[:1].lower()}{name[1:]}"


# Matched with their diacritics: "Huyền" (a name) or "quân sự" are not a district.
_DISTRICT = re.compile(r"(?<!\w)(huyện|quận|thị xã)(?!\w)", re.IGNORECASE)


def without_district(recipients: list[str]) -> list[str]:
    """Recipients without a district (huyện, quận, thị xã) line: that level no longer exists."""
    return [r for r in recipients if not _DISTRICT.search(r)]
