"""What the public portal has to remember between requests: recent hits for rate limits, and
which form submissions became which petition (so a resent form never files a petition twice).

Both tables are shared by every application server (gunicorn processes on one or several
machines), unlike per-process memory, and both are pruned as they go: they only ever hold the
last hour (hits) or the last day (submissions).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from danvan.petitions.models import Petition

# One prune in this many writes keeps the tables small without a scheduled job.
PRUNE_ONE_IN = 50
HIT_KEEP = timedelta(hours=1)
SUBMISSION_KEEP = timedelta(days=1)


def client_key(remote_addr: str) -> str:
    """A keyed hash of the client's address: limits need to tell clients apart, not know them.

    A raw address stored beside a time would let anyone reading the database match a
    denouncer to their petition (Luật Tố cáo 2018, Điều 47-48). IPv6 clients are grouped by
    their /64 network, which one household or phone usually owns whole.
    """
    try:
        address = ipaddress.ip_address(remote_addr.strip())
    except ValueError:
        text = "unknown"
    else:
        mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
        if address.version == 6 and mapped is None:
            text = str(ipaddress.ip_network(f"{address}/64", strict=False))
        else:
            text = str(mapped or address)
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"portal-rate:" + text.encode(), hashlib.sha256).hexdigest()[:32]


class RateLimitHitQuerySet(models.QuerySet["RateLimitHit"]):
    def under(self, *, scope: str, client: str, limit: int, window: timedelta) -> bool:
        """Whether the client has made fewer than `limit` attempts within `window`.

        Two servers racing may let a client one or two attempts past the limit, which is fine
        for a limit meant against floods.
        """
        since = timezone.now() - window
        # Counting stops at the limit: a flooding client costs no more than a citizen.
        recent = self.filter(scope=scope, client=client, at__gte=since)[:limit]
        return recent.count() < limit

    def record(self, *, scope: str, client: str) -> None:
        """Count one attempt (inside the caller's transaction, if it has one)."""
        now = timezone.now()
        self.create(scope=scope, client=client, at=now)
        if secrets.randbelow(PRUNE_ONE_IN) == 0:
            self.filter(at__lt=now - HIT_KEEP).delete()

    def hit(self, *, scope: str, client: str, limit: int, window: timedelta) -> bool:
        """Count one attempt if the client is under `limit` within `window`; False if over."""
        if not self.under(scope=scope, client=client, limit=limit, window=window):
            return False
        self.record(scope=scope, client=client)
        return True


class RateLimitHit(models.Model):
    """One counted request of one client: a petition sent, or a tracking code looked up."""

    scope = models.CharField(max_length=12)
    client = models.CharField(max_length=32)
    at = models.DateTimeField()

    objects = RateLimitHitQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["scope", "client", "at"], name="portal_hit_count"),
            models.Index(fields=["at"], name="portal_hit_prune"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.at:%H:%M:%S}"


class Submission(models.Model):
    """The petition a portal form became, by the form's one-time nonce.

    A citizen on a slow phone network who presses "Gửi" again, or reloads after a timeout,
    gets the receipt of the petition already filed instead of a second one.
    """

    nonce = models.CharField(max_length=32, unique=True)
    petition = models.ForeignKey(Petition, models.CASCADE, related_name="+")
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.nonce} → {self.petition_id}"

    @classmethod
    def prune(cls) -> None:
        if secrets.randbelow(PRUNE_ONE_IN) == 0:
            cls.objects.filter(at__lt=timezone.now() - SUBMISSION_KEEP).delete()
