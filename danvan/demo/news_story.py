"""The demo's news (issue 14), played by load-demo after the promises (filled by the app's work)."""

from __future__ import annotations

from datetime import date

from danvan.core.models import Unit


def play_news(units: dict[str, Unit], *, today: date) -> None:
    """Nothing yet."""
