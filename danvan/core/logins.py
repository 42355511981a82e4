"""Two limits on failed logins (django-axes calls `failure_limit`, settings.AXES_FAILURE_LIMIT).

Axes counts an attempt's failures under each of AXES_LOCKOUT_PARAMETERS (the account from this
address; the account from every address) and compares the largest, which is always the
account's count from every address, with one limit. We want two: DANVAN_LOGIN_FAILURE_LIMIT
failures from one address (someone guessing at one computer), and the larger
DANVAN_LOGIN_ACCOUNT_FAILURE_LIMIT from all addresses together (guessing spread over many, which
an address-only lockout never stops). So the limit is the first once the account's failures
from this address have reached it, and the second until then.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    per_address = settings.DANVAN_LOGIN_FAILURE_LIMIT
    per_account = max(settings.DANVAN_LOGIN_ACCOUNT_FAILURE_LIMIT, per_address)
    since = (getattr(request, "axes_attempt_time", None) or timezone.now()) - get_cool_off(request)
    from_here = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=getattr(request, "axes_ip_address", None),
        attempt_time__gte=since,
    ).aggregate(n=Sum("failures_since_start"))["n"]
    return per_address if (from_here or 0) >= per_address else per_account
