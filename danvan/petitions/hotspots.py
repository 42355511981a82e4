"""Hotspots: many related petitions from one village on one topic within a short time.

Trouble that grows into a crowd at the commune's gate shows first as petitions piling up from one
place about one matter. A commune's HotspotRule says how many petitions within how many days make
a hotspot (default 5 in 30 days). Each village × topic is counted in the current window (the last
`window_days` days, today included) and in the window before it, to show whether it grows.

Weights and flags:
- a multi-person petition (5 or more signatories, Petition.multi_person) counts twice: one
  petition signed by many people is many people's matter, and group complaints are handled by the
  special procedure for "đơn đông người" (Luật Tiếp công dân 2013, Art. 29-30, on crowds);
- a sensitive petition (ethnic or religious matters) is flagged, and its cluster is shown even
  below the threshold, because such matters escalate fastest.
Only counts leave this module: no name, no content, so no denouncer's identity (Luật Tố cáo 2018,
Art. 8(3)) can appear on the hotspot page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from danvan.core.audit import log_action
from danvan.core.errors import DomainError, save_valid
from danvan.core.models import Unit, User
from danvan.petitions.models import HotspotRule, Petition

DEFAULT_WINDOW = 30
DEFAULT_THRESHOLD = 5
MULTI_PERSON = 5  # signatories, as Petition.multi_person
MAX_WINDOW = 365
MAX_THRESHOLD = 10_000
TOPIC_LABELS = dict(Petition.Topic.choices)


@dataclass
class Cluster:
    commune_id: int
    commune_name: str
    village_id: int
    village_name: str
    topic: str
    current: int  # petitions in the current window
    previous: int  # petitions in the window before it
    multi_person: int  # of the current ones, signed by 5 or more people
    sensitive: int  # of the current ones, ethnic or religious matters
    latest: date | None
    threshold: int
    window_days: int
    window_start: date

    @property
    def weighted(self) -> int:
        """The count the threshold is compared with: multi-person petitions count twice."""
        return self.current + self.multi_person

    @property
    def is_hotspot(self) -> bool:
        return self.weighted >= self.threshold

    @property
    def growing(self) -> bool:
        return self.current > self.previous

    @property
    def growth(self) -> int:
        return self.current - self.previous

    @property
    def topic_label(self) -> str:
        return str(TOPIC_LABELS.get(self.topic, self.topic))


def rule_for(commune_id: int) -> tuple[int, int]:
    """(threshold, window_days) of a commune: its HotspotRule, or the defaults."""
    rule = HotspotRule.objects.filter(commune_id=commune_id).first()
    if rule is None:
        return DEFAULT_THRESHOLD, DEFAULT_WINDOW
    return rule.threshold, rule.window_days


def clusters(
    communes: Iterable[int], *, today: date | None = None, all_clusters: bool = False
) -> list[Cluster]:
    """Village × topic clusters worth a leader's attention, the strongest first.

    Shown: hotspots (weighted count at the threshold or more), any cluster with a sensitive
    petition, and clusters at half the threshold that grow or hold a multi-person petition.
    `all_clusters` returns every village × topic with a petition in either window (for tests
    and exports). One aggregate query per window length (communes usually share one) over two
    windows of rows, on the index (commune, village, topic, received_on).
    """
    today = today or timezone.localdate()
    ids = sorted(set(communes))
    rules = {
        r.commune_id: (r.threshold, r.window_days)
        for r in HotspotRule.objects.filter(commune_id__in=ids)
    }
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    out: list[Cluster] = []
    by_window: dict[int, list[int]] = {}
    for cid in ids:
        by_window.setdefault(rules.get(cid, (DEFAULT_THRESHOLD, DEFAULT_WINDOW))[1], []).append(cid)
    for window, group in by_window.items():
        start = today - timedelta(days=window)  # current window: (start, today]
        before = start - timedelta(days=window)  # previous window: (before, start]
        current = Q(received_on__gt=start)
        rows = (
            _received(before, today, commune_id__in=group, village__isnull=False)
            .values("commune_id", "village_id", "topic")
            .annotate(
                current=Count("id", filter=current),
                previous=Count("id", filter=~current),
                multi=Count("id", filter=current & Q(signatories__gte=MULTI_PERSON)),
                sensitive=Count("id", filter=current & Q(sensitive=True)),
                latest=Max("received_on"),
            )
            .order_by()
        )
        for r in rows:
            cid = r["commune_id"]
            out.append(
                Cluster(
                    commune_id=cid,
                    commune_name=names.get(cid, ""),
                    village_id=r["village_id"],
                    village_name="",
                    topic=r["topic"],
                    current=r["current"],
                    previous=r["previous"],
                    multi_person=r["multi"],
                    sensitive=r["sensitive"],
                    latest=r["latest"],
                    threshold=rules.get(cid, (DEFAULT_THRESHOLD, window))[0],
                    window_days=window,
                    window_start=start + timedelta(days=1),
                )
            )
    if not all_clusters:
        out = [c for c in out if _worth_showing(c)]
    villages = dict(
        Unit.objects.filter(pk__in={c.village_id for c in out}).values_list("pk", "name")
    )
    for c in out:
        c.village_name = villages.get(c.village_id, "")
    out.sort(key=lambda c: (not c.is_hotspot, -c.weighted, -c.growth, c.village_name, c.topic))
    return out


def _received(after: date, until: date, **where: Any) -> QuerySet[Petition]:
    """The petitions received in the window (after, until] that match `where`."""
    return Petition.objects.filter(received_on__gt=after, received_on__lte=until, **where)


def _worth_showing(c: Cluster) -> bool:
    if c.current == 0:
        return False
    half_way = c.weighted * 2 >= c.threshold
    return c.is_hotspot or c.sensitive > 0 or (half_way and (c.growing or c.multi_person > 0))


def cluster_petitions(
    *, commune_id: int, village_id: int, topic: str, today: date | None = None
) -> tuple[list[Petition], date]:
    """The petitions of one cluster's current window, newest first (at most 200)."""
    today = today or timezone.localdate()
    _threshold, window = rule_for(commune_id)
    start = today - timedelta(days=window)
    qs = (
        _received(start, today, commune_id=commune_id, village_id=village_id, topic=topic)
        .select_related("village")
        .order_by("-received_on", "-id")
    )
    return list(qs[:200]), start + timedelta(days=1)


@transaction.atomic
def hotspot_rule_set(*, commune: Unit, by: User, threshold: int, window_days: int) -> HotspotRule:
    """A leader sets when related petitions make a hotspot in their commune."""
    if not 2 <= threshold <= MAX_THRESHOLD:
        raise DomainError(f"Số đơn phải từ 2 đến {MAX_THRESHOLD:,}.".replace(",", "."))
    if not 1 <= window_days <= MAX_WINDOW:
        raise DomainError(f"Số ngày phải từ 1 đến {MAX_WINDOW}.")
    rule, created = HotspotRule.objects.get_or_create(
        commune=commune,
        defaults={"threshold": DEFAULT_THRESHOLD, "window_days": DEFAULT_WINDOW},
    )
    before = {"threshold": rule.threshold, "window_days": rule.window_days}
    rule.threshold, rule.window_days = threshold, window_days
    save_valid(rule)
    changes = {
        k: [before[k], v]
        for k, v in {"threshold": threshold, "window_days": window_days}.items()
        if created or before[k] != v
    }
    log_action(rule, "petitions.hotspot_rule_set", by=by, changes=changes, commune=commune)
    return rule
