"""What a public part of the site shows on the portal's home page (see portal/home.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class HomeSection:
    template: str  # a partial under portal/, rendered with `data`
    data: dict[str, Any] = field(default_factory=dict)
