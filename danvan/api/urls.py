"""/api/: the JSON API. Its own keys authenticate every operation (danvan.api.auth), so the
site's LoginRequiredMiddleware, made for people's sessions, is told to let these views be."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver

from danvan.api.main import api


def _open_to_systems(patterns: list[Any]) -> list[Any]:
    for p in patterns:
        if isinstance(p, URLResolver):
            _open_to_systems(p.url_patterns)
        elif isinstance(p, URLPattern):
            p.callback.login_required = False  # type: ignore[attr-defined]
    return patterns


patterns, app_name, namespace = api.urls
urlpatterns = _open_to_systems(list(patterns))
