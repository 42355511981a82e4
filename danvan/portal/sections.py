"""What a public part of the site shows on the portal's home page (see portal/home.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import QuerySet

from danvan.core.models import Unit

Q = TypeVar("Q", bound=QuerySet[Any])


@dataclass
class HomeSection:
    template: str  # a partial under portal/, rendered with `data`
    data: dict[str, Any] = field(default_factory=dict)


def in_commune(qs: Q, commune: Unit | None) -> Q:
    """The chosen commune's records, or every commune's when none is chosen."""
    return qs.filter(commune=commune) if commune else qs


def shown(template: str, **data: Any) -> HomeSection | None:
    """A section that is left out of the page when it has nothing to show."""
    return HomeSection(template, data) if any(data.values()) else None
