"""When storage fails: the database refuses a write (read-only, disk full, locked too long, the
server gone) or a file cannot be written. Nothing typed is lost and nothing unsaved is confirmed.

A write path (`core.steps.run_step`, the portal's forms) catches `STORAGE_ERRORS` around its
transaction, puts `NOT_SAVED` on the form it shows again and answers `unavailable(response)`:
503 with Retry-After. What no form catches, `Failsafe` (last in MIDDLEWARE) and `server_error`
(handler500) answer with the plain page `503.html`, rendered without touching the database.
Every such failure is logged at ERROR with its traceback for the administrator.
"""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger("danvan.failsafe")

# What a write path catches around its transaction: any database error, any failed file write.
STORAGE_ERRORS: tuple[type[Exception], ...] = (DatabaseError, OSError)
# What the last-resort answer also treats as storage (a missing file, a reset socket are not).
_STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO}
RETRY_AFTER_SECONDS = 60
NOT_SAVED = (
    "Chưa lưu được: hệ thống đang gặp sự cố lưu trữ. Nội dung bạn nhập vẫn còn trên trang; "
    "vui lòng thử lại sau ít phút."
)
# The same for a button (no form): nothing was typed, the action did not happen.
NOT_DONE = (
    "Chưa thực hiện được: hệ thống đang gặp sự cố lưu trữ, chưa có gì thay đổi. "
    "Vui lòng thử lại sau ít phút."
)


def is_storage_failure(exc: BaseException) -> bool:
    """A database error, or a file system that is full, read-only or failing."""
    if isinstance(exc, DatabaseError):
        return True
    return isinstance(exc, OSError) and exc.errno in _STORAGE_ERRNOS


class _Form(Protocol):
    def add_error(self, field: str | None, error: Any) -> None: ...


def log_failure(exc: BaseException) -> None:
    log.error("Storage failed, nothing saved: %s", exc, exc_info=exc)


def not_stored(form: _Form, exc: BaseException) -> None:
    """Log a write that failed, and put the one message on the form shown again."""
    log_failure(exc)
    form.add_error(None, NOT_SAVED)


def unavailable(response: HttpResponse) -> HttpResponse:
    """The page shown again after a failed write: 503, to try again in a minute."""
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@contextmanager
def best_effort() -> Iterator[None]:
    """A write that may fail without harm (counting a refused attempt against a rate limit):
    in its own savepoint, so that a failure leaves the request's transaction usable."""
    try:
        with transaction.atomic():
            yield
    except DatabaseError as e:
        log.warning("Best-effort write skipped: %s", e)


def unavailable_page() -> HttpResponse:
    """The plain 503 page, rendered without the request: context processors and the user
    would query the database that just failed."""
    html = render_to_string("503.html")
    return unavailable(HttpResponse(html, status=503))


class Failsafe:
    """Middleware, last in MIDDLEWARE: a storage failure no view caught is a 503 page, not a
    500 (even with DEBUG on, where handler500 is not used)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_storage_failure(exception):
            return None
        log.error("Storage failed on %s %s", request.method, request.path, exc_info=exception)
        return unavailable_page()


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a storage failure outside any view (a middleware saving the session) is
    the 503 page too; anything else is the ordinary error page."""
    exc = sys.exc_info()[1]
    if exc is not None and is_storage_failure(exc):
        return unavailable_page()
    from danvan.core.views import server_error as ordinary

    return ordinary(request)
