"""A value kept for a while in this process: rule tables, the calendar, the portal's places
(`expiring`), and pages' figures and lists until their commune's records change (`kept`,
`kept_page`)."""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from django.core.paginator import Page
    from django.db.models import QuerySet

T = TypeVar("T")


class Expiring(Generic[T]):
    """`load()` once, then its value for `seconds`; `forget()` makes the next call load again
    (a save in this process). Other processes see a change within `seconds`."""

    def __init__(self, load: Callable[[], T], seconds: float = 60) -> None:
        self.load = load
        self.seconds = seconds
        self._value: tuple[float, T] | None = None

    def __call__(self) -> T:
        now = time.monotonic()
        if self._value is None or now - self._value[0] > self.seconds:
            self._value = (now, self.load())
        return self._value[1]

    def forget(self) -> None:
        self._value = None


class Composed:
    """A query composed once per process: Django composes a queryset's SQL each time it runs
    (0.2-0.8 ms for the few every page asks, as long as the database takes to answer them).
    `make(ASKED)` is the query with `ASKED` where the value asked for goes; `sql(value)` its
    SQL and parameters for that value."""

    ASKED = -20261207  # no id, commune or count is negative

    def __init__(self, make: Callable[[int], QuerySet[Any]]) -> None:
        self.make = make
        self._by_vendor: dict[str, tuple[str, tuple[Any, ...]]] = {}

    def sql(self, value: object) -> tuple[str, list[Any]]:
        from django.db import connection

        found = self._by_vendor.get(connection.vendor)
        if found is None:
            found = self._by_vendor[connection.vendor] = self.make(
                self.ASKED
            ).query.sql_with_params()
        sql, params = found
        return sql, [value if p == self.ASKED else p for p in params]


def expiring(seconds: float = 60) -> Callable[[Callable[[], T]], Expiring[T]]:
    """Decorator form: `@expiring(60) def rules(): …` then `rules()` and `rules.forget()`."""

    def wrap(load: Callable[[], T]) -> Expiring[T]:
        return Expiring(load, seconds)

    return wrap


def kept(
    key: str,
    commune_id: int | None,
    compute: Callable[[], T],
    seconds: float = 300,
    *,
    apps: Collection[str] | None = None,
) -> T:
    """`compute()`'s value for `key` (what it depends on besides the records: the user, the
    period, the day), computed again once anything of the commune's records (of any commune's,
    for `None`) has changed: the newest audit entry is part of the cache key
    (core.audit.last_change), so a page kept so is never behind a write of the product.
    `apps` narrows "anything" for a value that reads only those domain apps' records: it is
    computed again when a record of theirs changes (in the commune, or in any for `None`), or
    of an app that is not a domain app (core's units and people, the portal's); a write to
    another domain app leaves it kept (core.audit.app_changes). `seconds` bounds how long a change made outside the product (a
    rule edited in the admin, the database by hand) can go unseen. `settings.KEPT_PAGES` off
    (DANVAN_KEPT_PAGES=false) computes every time."""
    from django.conf import settings
    from django.core.cache import cache

    from danvan.core.audit import app_changes, last_change

    if not settings.KEPT_PAGES:
        return compute()
    if apps is None:
        version = last_change(commune_id)
    else:
        others = _domain_apps().difference(apps)
        version = max(
            (n for app, n in app_changes(commune_id).items() if app not in others), default=0
        )
    name = f"kept:{hashlib.sha256(f'{key}|{commune_id}|{version}'.encode()).hexdigest()}"
    found = cache.get(name)
    if found is None:
        found = compute()
        cache.set(name, found, seconds)
    return found  # type: ignore[no-any-return]


@functools.cache
def _domain_apps() -> frozenset[str]:
    from django.apps import apps

    from danvan.core import domain

    return frozenset(c.label for c in apps.get_app_configs() if isinstance(c, domain.AppConfig))


def kept_across(
    communes: Collection[int],
    key: str,
    compute: Callable[[], T],
    seconds: float = 60,
    *,
    apps: Collection[str] | None = None,
) -> T:
    """`kept` for a value made of every commune a reader reads (her reports to review, her
    directives): kept by her commune's records when she reads one, as almost everybody does;
    computed every time for one who reads several (a province's viewers), whose lists span
    communes that change apart."""
    if len(communes) != 1:
        return compute()
    return kept(key, next(iter(communes)), compute, seconds, apps=apps)


def kept_page(
    key: str,
    commune_id: int,
    rows: QuerySet[Any],
    asked: object,
    per_page: int,
    *,
    apps: Collection[str],
    prepare: Callable[[list[Any]], object] | None = None,
) -> Page:
    """`Paginator(rows, per_page).get_page(asked)` of a commune's list, kept (`kept`, by `apps`)
    as its count and its page of rows (`prepare(rows)` done on them once: links, labels). `key`
    names everything that chose `rows` (the filters, the words searched, the reader's scope)."""
    from django.core.paginator import Paginator

    from danvan.core.http import int_param

    number = int_param(asked) or 1

    def compute() -> tuple[int, list[Any]]:
        page = Paginator(rows, per_page).get_page(number)
        found = list(page.object_list)
        if prepare is not None:
            prepare(found)
        return page.paginator.count, found

    count, found = kept(f"{key}|{number}", commune_id, compute, 60, apps=apps)
    return counted_page(count, found, per_page, number)


def counted_page(count: int, found: list[Any], per_page: int, number: int) -> Page:
    """The page `number` of a list of `count` rows whose rows on that page are `found`: a kept
    page given back to the templates as Django's Page, with its links and numbers."""
    from django.core.paginator import Paginator

    page = Paginator(range(count), per_page).get_page(number)
    page.object_list = found
    return page
