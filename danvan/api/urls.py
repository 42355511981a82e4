"""/api/: the JSON API. Its own keys authenticate every operation (danvan.api.auth), so the
site's LoginRequiredMiddleware, made for people's sessions, is told to let these views be.

What Django answers before ninja is reached (a path that matches no operation, a method an
operation does not take) is given the API's error shape too, not the site's HTML pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, re_path

from danvan.api.errors import body
from danvan.api.main import api


def _json_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:  # ninja's root view (/api/) has no operation
            return not_found(request)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allowed = response.get("Allow", "")
            response = _error(
                405, f"Phương thức {request.method} không dùng được ở đây (chỉ: {allowed})."
            )
            response["Allow"] = allowed
        return response

    wrapped.login_required = False  # type: ignore[attr-defined]
    return wrapped


def _open_to_systems(patterns: list[Any]) -> list[Any]:
    for p in patterns:
        if isinstance(p, URLResolver):
            _open_to_systems(p.url_patterns)
        elif isinstance(p, URLPattern):
            p.callback = _json_errors(p.callback)
    return patterns


def _error(status: int, message: str | None = None) -> JsonResponse:
    """The API's error shape, Vietnamese as written (no \\u escapes), as main.Utf8 renders."""
    return JsonResponse(
        body(status, message), status=status, json_dumps_params={"ensure_ascii": False}
    )


def not_found(request: HttpRequest) -> HttpResponse:
    return _error(404)


not_found.login_required = False  # type: ignore[attr-defined]

patterns, app_name, namespace = api.urls
urlpatterns = [*_open_to_systems(list(patterns)), re_path(r"^[\s\S]*\Z", not_found, name="unknown")]
