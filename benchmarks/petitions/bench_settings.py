"""danvan.settings for the petitions benchmark: the portal's per-address limit lifted, and the
hotspot and similar-petition pages mounted (bench_urls) if petitions/urls.py does not yet.

The load test sends every citizen's petition from 127.0.0.1, so the real limit (a handful per
address and hour) would refuse all but the first few. The limit's own bookkeeping still runs on
every submission (RateLimitHit rows), so its cost is in the figures.
"""

from danvan.settings import *  # noqa: F403

DANVAN_PORTAL_SUBMISSIONS_PER_HOUR = 10**9
ROOT_URLCONF = "bench_urls"
