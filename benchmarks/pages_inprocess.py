"""Time officer pages in-process on an existing benchmark database, to compare two versions of
the code on the same data without a server or a network in the way.

    .venv/bin/python benchmarks/pages_inprocess.py var/bench/petitions.sqlite3
    PYTHONPATH=/path/to/other/checkout .venv/bin/python benchmarks/pages_inprocess.py DB

Run the two versions alternately, twice each: the machine's noise is of the same size as the
differences looked for. The database is used read-only but for the login's session row: give it
a copy (`cp`), never the one a harness is running on.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
os.environ["DANVAN_DATABASE_URL"] = f"sqlite:///{os.path.abspath(sys.argv[1])}"
os.environ["DANVAN_DEBUG"] = "false"

import django

django.setup()

from django.test import Client  # noqa: E402

from danvan.core.models import User  # noqa: E402
from danvan.petitions.models import Petition  # noqa: E402

ROUNDS = 40


def main() -> None:
    officer = User.objects.get(username="bench_officer_1_1")
    leader = User.objects.get(username="bench_leader_1")
    commune = officer.memberships.select_related("unit").first().unit.commune_id  # type: ignore[union-attr]
    newest = (
        Petition.objects.filter(commune_id=commune)
        .order_by("-received_on", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    cases = [
        ("petitions: list", "/can-bo/don-thu/", officer),
        ("petitions: search o nhiem", "/can-bo/don-thu/?q=o+nhiem", officer),
        ("petition page", f"/can-bo/don-thu/{newest}/", officer),
        ("petitions: dashboard", "/can-bo/don-thu/thong-ke/", leader),
        ("similar petitions", f"/can-bo/don-thu/{newest}/tuong-tu/", officer),
        ("tasks: all", "/can-bo/nhiem-vu/?scope=all", leader),
    ]
    for name, url, user in cases:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for _ in range(5):
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {url} answered {response.status_code}")
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p90 = times[int(ROUNDS * 0.9) - 1]
        print(f"{name:28} median {statistics.median(times):6.1f} ms   p90 {p90:6.1f} ms")


if __name__ == "__main__":
    main()
