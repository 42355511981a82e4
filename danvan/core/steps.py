"""The one way an officer's action runs: form → service → message → redirect.

A view calls `run_step(request, form, action, done=…, then=…, again=…)`: `action` gets the
form's cleaned data and calls one service (`petition_accept(petition=p, by=request.user,
**data)`); `done` is the message, `then` the redirect, `again` the page with the bound form.
A valid form runs the service in one transaction; its DomainError goes onto the form (nothing
typed is lost) and the page is shown again with status 400, as is an invalid form. When storage
fails (the database refuses the write, a file cannot be written: core.failsafe), everything the
step wrote is rolled back and the page is shown again with the form, the message "Chưa lưu
được…" and status 503. A page that shows its form on GET and runs it on POST calls `run_step`
for both: on GET it is just `again()`, status 200. Services raise only DomainError
(core.errors.full_clean turns model validation into one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from danvan.core.errors import DomainError
from danvan.core.failsafe import (
    NOT_DONE,
    STORAGE_ERRORS,
    log_failure,
    not_stored,
    unavailable,
)

T = TypeVar("T")


class Submitted(Protocol):
    """A form or a formset: what the runner needs of it."""

    def is_valid(self) -> bool: ...

    def add_error(self, field: str | None, error: Any) -> None: ...

    @property
    def cleaned_data(self) -> Any: ...


def run_step(
    request: HttpRequest,
    form: Submitted,
    action: Callable[[Any], T],
    *,
    done: str | Callable[[T], str],
    then: Callable[[T], HttpResponse],
    again: Callable[[], HttpResponse],
    refused: int = 400,
) -> HttpResponse:
    """Run `action` on the form's cleaned data; see the module's docstring. `refused` is the
    status of the page shown again (the plan's edit pages have always answered 200)."""
    if request.method != "POST":
        return again()
    failed = False
    if form.is_valid():
        try:
            # One transaction for the whole step: a failure leaves nothing half-written.
            with transaction.atomic():
                result = action(form.cleaned_data)
        except DomainError as e:
            form.add_error(None, e.message)
        except STORAGE_ERRORS as e:
            not_stored(form, e)
            failed = True
        else:
            messages.success(request, done(result) if callable(done) else done)
            return then(result)
    response = again()
    if failed:
        return unavailable(response)
    response.status_code = refused
    return response


def run_action(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    done: str | Callable[[T], str],
    then: Callable[[], HttpResponse],
) -> HttpResponse:
    """A step without a form (a button: open, close, publish): the service's DomainError, or
    the failure to store it (rolled back), is shown as a message on the page it came from."""
    try:
        with transaction.atomic():
            result = action()
    except DomainError as e:
        messages.error(request, e.message)
    except STORAGE_ERRORS as e:
        log_failure(e)
        messages.error(request, NOT_DONE)
    else:
        messages.success(request, done(result) if callable(done) else done)
    return then()
