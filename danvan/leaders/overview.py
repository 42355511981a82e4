"""One overview for the leaders across every app: the page, `danvan overview` and the periodic
report all read `compose`, so they give the same numbers for the same period.

The numbers come from each domain app's `overview` hook (core.domain.AppConfig), found through
`django.apps`, never by importing the app; the directives are this app's own.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from django.apps import apps

from danvan.core import domain
from danvan.core.cache import kept

# The parts, in the order the page, the command and the report show them.
SECTIONS = (
    "plan",
    "petitions",
    "reception",
    "disclosures",
    "consultations",
    "decisions",
    "supervision",
    "promises",
    "dialogues",
    "voters",
    "questioning",
    "inspections",
    "mediation",
    "movement",
    "commendations",
    "scorecard",
    "onestop",
    "news",
    "opinion",
    "ethnic_religious",
    "study",
    "directives",
)


def compose(
    *,
    communes: list[int],
    start: date,
    end: date,
    on: date,
    units: list[int] | None = None,
    villages: list[int] | None = None,
    viewer: Any = None,
    detail: bool = True,
    keep: bool = False,
) -> dict[str, dict[str, Any]]:
    """Every part of the overview of `communes` for [start, end], as things stand on `on`.

    Returns `{key: part}` with the keys of SECTIONS in that order (a part that means nothing
    for a slice is left out). Every part has the same shape (core.figures), JSON-ready:

    - `label` (the part's Vietnamese title), `noun` (what is counted: "nhiệm vụ", "đơn"),
      `url` (the app's own page for the details), `note` (what the reader must know, e.g. that
      the law sets no time limit, or "").
    - the figures stand on the reference day min(`on`, `end`): `total` = `new` (came in during
      the period) + `carried` (came in before and still open when it began); `done` (finished
      by the reference day) = `done_on_time` + `done_late`; `open` = total − done; `late` (open
      and past its due day, counted from the day after).
    - `on_time_rate`: done_on_time ÷ (done + late) in whole percent, or None (nothing to rate,
      or no time limit); `small`: fewer than 5 done-or-late items, shown as "n < 5" and not
      ranked.
    - `extra`: the app's own numbers, `[{"key", "label", "value"}]` (petitions by kind,
      reception visits and group visits, postings late, comments, decisions passed…).
    - `by_commune`: `[{"commune": id, <the core numbers>, "on_time_rate", "small"}]`, one row
      per commune that has items.
    - `by_month`: `[{"month": "2026-01", "new", "done", "late"}]` (late: due that month and
      finished after it, or still open past it).
    - `late_items`: up to 10 of the late items, the longest overdue first, each
      `{"title", "url", "due" (ISO date), "days_late", "owner" (the unit or person who holds
      it), "kind"}`.

    Scope: `units` gives those units' slice (the items they lead or hold), `villages` a
    village's slice; `viewer` narrows the late lists to what that user may open (the counts
    are never narrowed: a report's figures do not depend on who composes it); `detail=False`
    leaves out the months and the late lists (the province comparison, the report).

    `keep` (one commune only): each app's parts are kept until a record of that app, of the
    apps it reads or of core changes (core.cache.kept's `apps`), so the first page after a
    write counts again only the parts that write touched.
    """
    scope: dict[str, Any] = {"detail": detail}
    if units is not None:
        scope["units"] = units
    if villages is not None:
        scope["villages"] = villages
    if viewer is not None:
        scope["viewer"] = viewer
    keep = keep and len(communes) == 1
    asked = (
        f"{communes}|{start}|{end}|{on}|{units}|{villages}|{getattr(viewer, 'pk', None)}|{detail}"
    )
    found: dict[str, dict[str, Any]] = {}
    for config in apps.get_app_configs():
        if not isinstance(config, domain.AppConfig):
            continue
        count = partial(config.figures, communes=communes, start=start, end=end, on=on, **scope)
        if keep:
            key = f"overview:{config.label}|{asked}"
            found.update(kept(key, communes[0], count, apps=config.records_read))
        else:
            found.update(count())
    return {key: found[key] for key in SECTIONS if key in found}
