"""The permission matrix: every URL requested as every persona, against a table of statuses.

Each app keeps its table in `danvan/<app>/tests/test_permissions.py` (plans and petitions, the
first two, keep theirs in `plans/tests/test_permission_matrix.py`): a row per URL (or per variant
of a URL, written `name[variant]`), a column per persona, and the function that builds each
row's URL. `plans/tests/test_permission_matrix.py::test_it_covers_every_url_pattern` reads every
app's table and fails when a URL has no row, so a page cannot ship without deciding who may
open it.

Statuses: 200 shown, 302 redirected (for `anon`, always to the login page with `?next=`),
403 refused (the role does not allow it), 404 hidden (another commune's record, or not public),
405 wrong method (POST-only endpoints). The platform's operator (`World.operator`, a superuser
without any membership) is no column: every GET row also checks that he is shown nothing that
not every member is shown (`expect_operator`).

A POST row runs each persona's request in a savepoint rolled back afterwards and checks that a
refused request changed nothing and an accepted one (302, or 200 with a file to download: a
document whose making is logged) changed something. A GET must write nothing: a GET cell that
leaves an audit entry behind fails (issue #11: whatever reveals or writes is a POST). A cell that
differs from the table because of a bug goes into the app's KNOWN_BUGS (a strict xfail).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from danvan.conftest import World
from danvan.core.models import AuditEntry, User
from danvan.core.sessions import SessionStore

# Column order of the tables. `anon` is the citizen without an account.
PERSONAS = (
    "anon",
    "chairman",
    "officer_a",
    "readonly_a",
    "officer_b",
    "front",
    "village_head",
    "province_viewer",
    "outsider",
    "admin",
)

Row = tuple[int, int, int, int, int, int, int, int, int, int]
Matrix = dict[str, dict[str, int]]


def table(rows: dict[str, Row]) -> Matrix:
    return {case: dict(zip(PERSONAS, statuses, strict=True)) for case, statuses in rows.items()}


def user_of(world: World, persona: str) -> User | None:
    return None if persona == "anon" else getattr(world, persona)


def client_of(world: World, persona: str) -> Client:
    """A client signed in as the persona: a session, as login() leaves it, without the signals
    of a login (last_login, django-axes) that the matrix would pay for each cell."""
    client = Client()
    user = user_of(world, persona)
    if user is not None:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "danvan.core.auth.Backend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


# --- the tables cover the project -----------------------------------------------------------


def url_patterns(
    patterns: list[URLPattern | URLResolver], namespace: str | None = None
) -> Iterator[tuple[str | None, URLPattern]]:
    """(namespaced name, pattern) of every URL pattern, the admin site's excepted."""
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            ns = ":".join(n for n in (namespace, p.namespace) if n) or None
            yield from url_patterns(p.url_patterns, ns)
        else:
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, p


def url_name(case: str) -> str:
    return case.split("[", 1)[0]


def app_matrices() -> dict[str, Matrix]:
    """The GET table of every app that keeps its own (`<app>.tests.test_permissions`)."""
    found = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.tests.test_permissions"
        if config.name.startswith("danvan.") and importlib.util.find_spec(module_name):
            found[config.label] = importlib.import_module(module_name).GET_MATRIX
    return found


def check_tables(get: Matrix, post: Matrix, urls: dict[str, Any], actions: dict[str, Any]) -> None:
    """What every app's tables must satisfy: a builder per row, a POST row for every POST-only
    endpoint, a status for every persona."""
    assert set(urls) == set(get)
    assert set(actions) == set(post)
    post_only = {case for case, row in get.items() if 405 in row.values() and "[" not in case}
    assert post_only <= set(post)
    assert set(post) <= set(get)
    for t in (get, post):
        for case, row in t.items():
            assert tuple(row) == PERSONAS, case


# --- the cells --------------------------------------------------------------------------------


def rows(
    matrix: Matrix, method: str, known_bugs: dict[tuple[str, str], str] | None = None
) -> list[Any]:
    """One test per row; a cell listed in known_bugs is split off as its own strict xfail."""
    known_bugs = known_bugs or {}
    params = []
    for case, row in matrix.items():
        bugs = [p for p in row if (f"{method} {case}", p) in known_bugs]
        fine = tuple(p for p in row if p not in bugs)
        params.append(pytest.param(case, fine, id=case))
        for p in bugs:
            mark = pytest.mark.xfail(strict=True, reason=known_bugs[(f"{method} {case}", p)])
            params.append(pytest.param(case, (p,), id=f"{case}-{p}", marks=mark))
    return params


def redirect_problem(response: Any, persona: str, url: str) -> str | None:
    location = urlsplit(response["Location"])
    if persona == "anon":
        if location.path != reverse("login") or parse_qs(location.query).get("next") != [url]:
            return f"anon was sent to {response['Location']}, not to the login page"
    elif location.path == reverse("login"):
        return f"{persona}, signed in, was sent to the login page"
    return None


def get_status(
    client: Client, persona: str, url: str, check_body: Callable[[Any], str | None] | None = None
) -> tuple[int, str | None]:
    """The status a persona gets, and what is wrong with the answer (None: nothing)."""
    logged = AuditEntry.objects.count()
    response = client.get(url)
    if AuditEntry.objects.count() != logged:
        return response.status_code, f"GET {url} as {persona} wrote to the audit log"
    if response.status_code == 302:
        return 302, redirect_problem(response, persona, url)
    if response.status_code == 200 and check_body is not None:
        return 200, check_body(response)
    return response.status_code, None


def office_file(response: Any) -> str | None:
    """A check_body for downloads of .xlsx and .docx: a 200 must serve the Office file."""
    return None if response.content[:2] == b"PK" else "got no Office file"


@dataclass
class PostAction:
    """The form data a persona sends, and the state that only an allowed request changes."""

    data: Callable[[Any, str], dict[str, Any]]
    state: Callable[[Any, Client], object]


def post_status(
    scene: Any, client: Client, persona: str, url: str, action: PostAction
) -> tuple[int, str | None]:
    """Run in a savepoint rolled back afterwards, so each persona starts from the same scene."""
    with transaction.atomic():
        before = action.state(scene, client)
        response = client.post(url, action.data(scene, persona))
        after = action.state(scene, client)
        transaction.set_rollback(True)
    status = response.status_code
    if status == 302 and (problem := redirect_problem(response, persona, url)):
        return status, problem
    downloaded = status == 200 and "attachment" in response.get("Content-Disposition", "")
    if (status == 302 or downloaded) and persona != "anon":
        if after == before:
            return status, f"{persona} was answered 302 but nothing changed"
    elif after != before:
        return status, f"{persona} was refused ({status}) but {before!r} became {after!r}"
    return status, None


def expect_get(
    matrix: Matrix,
    case: str,
    personas: tuple[str, ...],
    url: str,
    client: Callable[[str], Client],
    check_body: Callable[[Any], str | None] | None = None,
) -> None:
    """One GET row: every persona's status as the table says, and nothing wrong in a 200."""
    results = {p: get_status(client(p), p, url, check_body) for p in personas}
    assert {p: status for p, (status, _) in results.items()} == {
        p: matrix[case][p] for p in personas
    }, f"GET {url}"
    assert [problem for _, problem in results.values() if problem] == []
    if "anon" in personas:  # once per row
        expect_operator(matrix[case], url, client)


def expect_operator(row: dict[str, int], url: str, client: Callable[[str], Client]) -> None:
    """The platform's operator (a superuser without any membership, World.operator) reads no
    commune's records: he may be shown only a page every member is shown (the portal, the
    law, his notifications); anything else answers him 302, 403, 404 or 405, never 200."""
    everybody = all(status == 200 for persona, status in row.items() if persona != "anon")
    status, problem = get_status(client("operator"), "operator", url)
    allowed = {302, 403, 404, 405} | ({200} if everybody else set())
    assert status in allowed, f"GET {url} answered the operator {status}"
    assert problem is None, problem


def expect_post(
    matrix: Matrix,
    case: str,
    personas: tuple[str, ...],
    url: str,
    scene: Any,
    client: Callable[[str], Client],
    action: PostAction,
) -> None:
    """One POST row: each persona's status as the table says; only an allowed request changes
    anything (each in a savepoint rolled back, from the same scene)."""
    results = {p: post_status(scene, client(p), p, url, action) for p in personas}
    assert {p: status for p, (status, _) in results.items()} == {
        p: matrix[case][p] for p in personas
    }, f"POST {url}"
    assert [problem for _, problem in results.values() if problem] == []
