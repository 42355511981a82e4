"""What every domain app's AppConfig is to core.

Apps write `from danvan.core import domain` and `class PlansConfig(domain.AppConfig)`: Django
picks an app's config as the one AppConfig subclass named in its apps.py, so the base class is
reached through its module, never imported by name.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import apps
from django.utils import timezone
from django.utils.module_loading import import_string


class AppConfig(apps.AppConfig):
    """A domain app as core sees it: the words of its history, and the hooks core calls
    without importing it (`danvan remind`, the admin's calendar and rule pages).

    An app sets data, not methods: `actions` and `fields` (labels of its audit entries),
    `values()` (labels of stored codes, read once its models are loaded), `reminders` (the
    dotted path of `f(*, today) -> counts by kind`), `recompute` (of `f() -> cases changed`,
    run when what it lists in `recompute_on` changes: the work calendar, the time-limit rules),
    `law` (of `f(on) -> {section: [rows]}`: the rules other than time limits that it applies on
    a day, each row with its `source`; `danvan law` and the administrator's page print them),
    `overview` (of `f(*, communes, start, end, on) -> {key: figures}`: the app's numbers for
    the leaders' overview and the periodic report, one key per part it owns, e.g. "petitions"
    and "reception"), `my_work` (of `f(user, *, today) -> [core.work.WorkItem]`: what waits on
    that person in the app, for "Việc của tôi"), `reads` (the other domain apps whose records
    its figures and its work items read, or whose writes change its records without an entry of
    its own: both are kept until a record of these apps, of its own or of core changes).
    """

    actions: ClassVar[dict[str, str]] = {}
    fields: ClassVar[dict[str, str]] = {}
    reminders = ""
    recompute = ""
    law = ""
    overview = ""
    reads: ClassVar[tuple[str, ...]] = ()
    my_work = ""
    recompute_on: ClassVar[tuple[str, ...]] = ("calendar", "rules")

    def values(self) -> dict[str, dict[str, dict[str, Any]]]:
        return {}

    @property
    def records_read(self) -> tuple[str, ...]:
        """The domain apps whose records its figures and work items read: its own and `reads`
        (core.cache.kept's `apps`)."""
        return (self.label, *self.reads)

    def ready(self) -> None:
        from danvan.core.audit import register_labels

        register_labels(actions=self.actions, fields=self.fields, values=self.values())

    def send_reminders(self, *, today: date | None = None) -> dict[str, int]:
        if not self.reminders:
            return {}
        return import_string(self.reminders)(today=today or timezone.localdate())

    def on_calendar_changed(self) -> int:
        return self._recompute("calendar")

    def on_rules_changed(self) -> int:
        return self._recompute("rules")

    def law_in_force(self, on: date) -> dict[str, list[dict[str, Any]]]:
        return import_string(self.law)(on) if self.law else {}

    def figures(
        self, *, communes: list[int], start: date, end: date, on: date, **scope: Any
    ) -> dict[str, dict[str, Any]]:
        """The app's parts of the overview (core.figures). `scope` narrows them: `units` (the
        items those units hold), `villages` (the items of those villages), `viewer` (the late
        lists keep what that user may open; the counts stay whole), `detail=False` (counts
        only); a part that means nothing for a slice is left out."""
        if not self.overview:
            return {}
        return import_string(self.overview)(communes=communes, start=start, end=end, on=on, **scope)

    def waiting_on(self, user: Any, *, today: date) -> list[Any]:
        return import_string(self.my_work)(user, today=today) if self.my_work else []

    def _recompute(self, what: str) -> int:
        if not self.recompute or what not in self.recompute_on:
            return 0
        return import_string(self.recompute)()
