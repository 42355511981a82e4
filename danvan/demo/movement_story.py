"""The demo's movement (issue 14), played by load-demo after the promises (filled by the app's work)."""

from __future__ import annotations

from datetime import date

from danvan.core.models import Unit


def play_movement(units: dict[str, Unit], *, today: date) -> None:
    """Nothing yet."""
