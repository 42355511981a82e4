"""jurisdiction_id: the official code of a commune (06079 is xã Hồng Phong, tỉnh Lạng Sơn).

GeoReport v2 ("Definitions") asks for it only where one endpoint serves several jurisdictions;
a province's install serves all its communes, a commune's install one.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.core import apikeys
from danvan.core.models import Unit
from danvan.open311.render import Refused


def communes() -> QuerySet[Unit]:
    """The communes this install answers for: active, with their official code."""
    return (
        Unit.objects.filter(kind=Unit.Kind.COMMUNE, is_active=True)
        .exclude(code="")
        .select_related("parent")
        .order_by("code")
    )


def jurisdiction(raw: str | None) -> Unit | None:
    """The commune a `jurisdiction_id` names, None when none is given (an empty parameter is
    no parameter: "Optional Arguments"); 404 for a code no active commune has."""
    code = (raw or "").strip()
    if not code:
        return None
    found = communes().filter(code=code).first() if apikeys.may_be_code(code) else None
    if found is None:
        raise Refused(
            404,
            _("Không có xã, phường nào mang mã jurisdiction_id “%(code)s”.") % {"code": code[:20]},
        )
    return found


def the_one_commune() -> Unit | None:
    """The install's commune when it serves exactly one, else None."""
    found = list(communes()[:2])
    return found[0] if len(found) == 1 else None
