"""Database-side helpers of the petitions benchmark, run inside Django (DANVAN_DATABASE_URL).

    python benchmarks/petitions/pdbtool.py facts --user bench_officer_1_1
    python benchmarks/petitions/pdbtool.py dupcheck --n 200
    python benchmarks/petitions/pdbtool.py selectors
    python benchmarks/petitions/pdbtool.py plans
    python benchmarks/petitions/pdbtool.py count
    python benchmarks/petitions/pdbtool.py sizes          (PostgreSQL: rows, table and index bytes)
    python benchmarks/petitions/pdbtool.py receipts --out FILE / told --out FILE
    python benchmarks/petitions/pdbtool.py tokens --n 20000 --out var/bench/tokens.txt
    python benchmarks/petitions/pdbtool.py province-admin   (the province's administrator, once)
    python benchmarks/petitions/pdbtool.py prepare        (ANALYZE; SQLite: FTS optimize)

Each prints one JSON document. `facts` is the ground truth pages are checked against, computed
in Python from every visible row (search by `petitions.search.matches` over the raw subject and
content, i.e. folding in Python, not by the index the pages use).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import unicodedata
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEARCHES = ["o nhiem", "duong", "dat dai", "trach nhiem"]


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()


def _ms(values: list[float]) -> dict[str, float]:
    s = sorted(values)

    def pct(p: float) -> float:
        k = (len(s) - 1) * p / 100
        lo = int(k)
        hi = min(lo + 1, len(s) - 1)
        return round(s[lo] + (s[hi] - s[lo]) * (k - lo), 2)

    return {"n": len(s), "p50": pct(50), "p95": pct(95), "max": round(s[-1], 2)}


def prepare() -> dict[str, Any]:
    from django.db import connection

    out: dict[str, Any] = {}
    with connection.cursor() as cur:
        t0 = time.perf_counter()
        if connection.vendor == "sqlite":
            # Merge the FTS segments a million single-row trigger inserts left behind, as a
            # nightly maintenance job would (see RESULTS-petitions.md for before and after).
            cur.execute(
                "INSERT INTO petitions_petition_fts(petitions_petition_fts) VALUES('optimize')"
            )
            out["fts_optimize_s"] = round(time.perf_counter() - t0, 2)
            t0 = time.perf_counter()
            cur.execute("ANALYZE")
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            out["analyze"] = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)"
        else:
            cur.execute("VACUUM ANALYZE")
            out["analyze"] = "VACUUM ANALYZE"
        out["analyze_s"] = round(time.perf_counter() - t0, 2)
    return out


PROVINCE_ADMIN = "bench_province_admin"


def province_admin() -> dict[str, Any]:
    """The province's administrator (beside gen-bench's viewer `bench_province`), made once."""
    from danvan.core.models import Membership, Role, User

    viewer = Membership.objects.select_related("unit", "user").get(user__username="bench_province")
    admin, made = User.objects.get_or_create(
        username=PROVINCE_ADMIN,
        defaults={"full_name": "Quản trị tỉnh", "password": viewer.user.password},
    )
    Membership.objects.get_or_create(user=admin, unit=viewer.unit, role=Role.ADMIN)
    return {"user": PROVINCE_ADMIN, "made": made}


def _visible_rows(username: str) -> tuple[Any, list[tuple[Any, ...]]]:
    """Every petition the user opens, or for a province seat every row of its communes (the
    province's book, petitions.province)."""
    from danvan.core.access import get_access
    from danvan.core.models import User
    from danvan.petitions.access import petitions_for
    from danvan.petitions.models import Petition

    user = User.objects.get(username=username)
    province = get_access(user).province_communes
    qs = Petition.objects.filter(commune_id__in=province) if province else petitions_for(user)
    fields = ["pk", "received_on", "status", "due_on", "subject", "content", "commune_id"]
    fields += ["number", "year"]
    rows = list(qs.values_list(*fields).iterator(chunk_size=5000))
    return user, rows


def facts(usernames: list[str]) -> dict[str, Any]:
    from django.utils import timezone

    from danvan.core.access import get_access
    from danvan.lib.text import fold
    from danvan.petitions.models import Petition
    from danvan.petitions.search import _phrase_pattern, matches, parse

    today = timezone.localdate()
    closed = set(Petition.CLOSED_STATUSES)
    out: dict[str, Any] = {"today": today.isoformat(), "users": {}}
    for username in usernames:
        user, rows = _visible_rows(username)
        rows.sort(key=lambda r: (r[1], r[0]), reverse=True)
        is_open = [r for r in rows if r[2] not in closed]
        overdue = [r for r in is_open if r[2] != "paused" and r[3] and r[3] < today]
        search: dict[str, Any] = {}
        # `matches` folds the text for each query; fold each row once and ask the same
        # patterns of it (3,000,000 rows at 3x: minutes, not half an hour).
        folded = [fold(f"{r[4]} {r[5]}") for r in rows]
        for q in SEARCHES:
            patterns = [_phrase_pattern(p) for p in parse(q)]
            found = [all(p.search(f) for p in patterns) for f in folded]
            for r, hit in list(zip(rows, found, strict=True))[:2000]:  # the same as `matches`
                assert hit == matches(f"{r[4]} {r[5]}", q), (r[0], q)
            hits = [r for r, hit in zip(rows, found, strict=True) if hit]
            search[q] = {"count": len(hits), "newest": hits[0][0] if hits else None}
            search[q]["newest_row"] = _shown(hits[0]) if hits else None
        out["users"][username] = {
            "communes": sorted(get_access(user).reception_communes),
            "petitions": len(rows),
            "newest": rows[0][0] if rows else None,
            "newest_25": [r[0] for r in rows[:25]],
            "open": len(is_open),
            "open_newest": is_open[0][0] if is_open else None,
            "overdue": len(overdue),
            # As the province's book writes a row (no link: "Số 15/2026: subject").
            "newest_row": _shown(rows[0]) if rows else None,
            "open_newest_row": _shown(is_open[0]) if is_open else None,
            "overdue_newest_row": _shown(overdue[0]) if overdue else None,
            "statuses": dict(Counter(r[2] for r in rows)),
            "search": search,
        }
    return out


def _shown(row: tuple[Any, ...]) -> str:
    """The start of a row of the province's book, as its HTML has it."""
    from django.template.defaultfilters import truncatechars
    from django.utils.html import escape

    return f"Số {row[7]}/{row[8]}: {escape(truncatechars(row[4], 120))[:60]}"


def sizes() -> dict[str, Any]:
    """PostgreSQL: rows and on-disk sizes (bytes) of the petition tables and their indexes."""
    from django.db import connection

    out: dict[str, Any] = {}
    with connection.cursor() as cur:
        for table in ("petitions_petition", "petitions_petitionevent"):
            cur.execute(
                "SELECT reltuples::bigint, pg_table_size(oid), pg_indexes_size(oid) "
                "FROM pg_class WHERE relname = %s",
                [table],
            )
            rows, table_bytes, index_bytes = cur.fetchone()
            cur.execute(
                "SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) "
                "FROM pg_index WHERE indrelid = %s::regclass ORDER BY 2 DESC",
                [table],
            )
            out[table] = {
                "rows": rows,
                "table_bytes": table_bytes,
                "index_bytes": index_bytes,
                "indexes": dict(cur.fetchall()),
            }
    return out


def count() -> dict[str, Any]:
    from danvan.petitions.models import Petition, PetitionEvent

    return {"petitions": Petition.objects.count(), "events": PetitionEvent.objects.count()}


def receipts(path: str) -> dict[str, Any]:
    """How many of the acknowledged receipts (paths /don/<code>/bien-nhan/, one a line) name a
    petition that is in the database."""
    from danvan.petitions.models import Petition

    codes = {line.split("/")[2] for line in Path(path).read_text().split() if line.count("/") >= 3}
    found = 0
    listed = sorted(codes)
    for i in range(0, len(listed), 500):
        found += Petition.objects.filter(tracking_code__in=listed[i : i + 500]).count()
    return {"receipts": len(codes), "found": found}


def told(path: str) -> dict[str, Any]:
    """Of the forms answered "not saved" (their form tokens, one a line, as the 503 page gave
    the form back), how many were stored all the same (a Submission with the token's nonce)."""
    from danvan.portal.forms import read_token
    from danvan.portal.models import Submission

    nonces = {read[1] for line in Path(path).read_text().split() if (read := read_token(line))}
    listed = sorted(nonces)
    stored = sum(
        Submission.objects.filter(nonce__in=listed[i : i + 500]).count()
        for i in range(0, len(listed), 500)
    )
    return {"told": len(nonces), "stored": stored}


def tokens(n: int, out: str) -> dict[str, Any]:
    """Form tokens as the portal form issues them, dated 60 s back (a citizen takes time to
    write): each submission of the load test uses its own, like one citizen each."""
    from danvan.portal.forms import form_token

    started = time.time() - 60
    Path(out).write_text("\n".join(form_token(started=started) for _ in range(n)) + "\n")
    return {"tokens": n, "file": out}


def _new_petitions(n: int, seed: int) -> list[dict[str, Any]]:
    """New petitions as an officer types them: two in three repeat a petition of the last year
    (its subject, sometimes in NFD or without diacritics, part of its content, sometimes the same
    phone), one in three is about something else."""
    from django.utils import timezone

    from danvan.lib.text import fold
    from danvan.petitions.models import Petition

    rng = random.Random(seed)
    since = timezone.localdate() - timedelta(days=365)
    ids = list(Petition.objects.filter(received_on__gte=since).values_list("pk", flat=True))
    out = []
    for pk in rng.sample(ids, n):
        p = Petition.objects.select_related("commune", "village").get(pk=pk)
        repeat = rng.random() < 2 / 3
        subject = p.subject
        if repeat and rng.random() < 0.5:
            subject = rng.choice([unicodedata.normalize("NFD", subject), fold(subject)])
        if not repeat:
            subject = "Đề nghị hỗ trợ kinh phí tổ chức hội thi văn nghệ quần chúng"
        out.append(
            {
                "commune": p.commune,
                "subject": subject,
                "content": p.content[: rng.randint(80, 400)]
                if repeat
                else "Kính đề nghị xã xem xét.",
                "petitioner_phone": p.petitioner_phone if repeat and rng.random() < 0.3 else "",
                "village": p.village if repeat else None,
                "topic": p.topic,
                "kind": p.kind,
                "source": p.pk if repeat else None,
            }
        )
    return out


def dupcheck(n: int, seed: int = 5) -> dict[str, Any]:
    """Time `similar_petitions` for new petitions against everything stored."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from danvan.petitions.duplicates import similar_petitions

    cases = _new_petitions(n, seed)
    for c in cases[:5]:  # warm caches
        similar_petitions(**{k: v for k, v in c.items() if k != "source"})
    walls, queries, found, source_found = [], [], 0, 0
    repeats = sum(1 for c in cases if c["source"])
    for c in cases:
        args = {k: v for k, v in c.items() if k != "source"}
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            result = similar_petitions(**args)
            walls.append((time.perf_counter() - t0) * 1000)
        queries.append(len(ctx.captured_queries))
        found += bool(result)
        source_found += any(p.pk == c["source"] for p, _s, _r in result)
    return {
        "checks": len(cases),
        "ms": _ms(walls),
        "queries_median": statistics.median(queries),
        "with_candidates": found,
        "repeats": repeats,
        "source_offered": source_found,
    }


def selectors() -> dict[str, Any]:
    """In-process timings of search and hotspots that have no page in the probe."""
    from django.utils import timezone

    from danvan.core.access import get_access
    from danvan.core.models import User
    from danvan.petitions import province
    from danvan.petitions.access import petitions_for
    from danvan.petitions.hotspots import clusters
    from danvan.petitions.models import Petition
    from danvan.petitions.search import newest_matches, search

    out: dict[str, Any] = {}
    leader = User.objects.get(username="bench_leader_1")
    communes = sorted(get_access(leader).reception_communes)
    today = timezone.localdate()

    def timed(fn: Any, repeat: int = 30) -> dict[str, float]:
        fn()
        walls = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            walls.append((time.perf_counter() - t0) * 1000)
        return _ms(walls)

    # As the list page builds it for the petition desk: one commune, newest first.
    book = Petition.objects.filter(commune_id=communes[0]).order_by("-received_on", "-id")
    out["list, one commune: count + 25"] = timed(lambda: (book.count(), list(book[:25])))

    def page(q: str) -> list[Any]:
        """As the list page reads it: the count, then the first 25 (newest_matches or not)."""
        found = search(book, q)
        n = found.count()
        ids = newest_matches(book, q, matches=n, first=0, upto=min(25, n))
        return list(Petition.objects.filter(pk__in=ids) if ids is not None else found[:25])

    for q in ("o nhiem", "duong", "trach nhiem"):
        out[f"search {q!r}, one commune: count + 25"] = timed(lambda q=q: page(q))
    desk = User.objects.get(username="bench_officer_1_1")
    either = petitions_for(desk).order_by("-received_on", "-id")
    name = "search 'o nhiem' on access.petitions_for (OR of commune, handler, unit): count + 25"
    out[name] = timed(
        lambda: (search(either, "o nhiem").count(), list(search(either, "o nhiem")[:25])), 5
    )
    out["hotspots one commune"] = timed(lambda: clusters(communes, today=today))
    all_communes = list(Petition.objects.values_list("commune_id", flat=True).distinct())
    out["hotspots all 65 communes"] = timed(lambda: clusters(all_communes, today=today), 5)
    # The province's book (petitions.province), as its page reads it: the count up to the cap,
    # then the first 25.
    viewer = User.objects.get(username="bench_province")
    province_communes = get_access(viewer).province_communes
    cases = [(q, {}) for q in ("", *SEARCHES)] + [
        ("o nhiem", {"status": "open"}),  # a search with a filter: counted, never estimated
        ("khong co tu nay", {}),  # common words, a phrase found nowhere
    ]
    for q, data in cases:
        book = province.book(province_communes, data, today)
        name = f"province: search {q!r}" if q else "province: newest"
        name += " among open cases" if data else ""
        out[f"{name}: count up to {province.COUNT_CAP} + first 25"] = timed(
            lambda q=q, book=book, data=data: (lambda m: (m.count(), m[0:25]))(
                province.Matches(book, q, communes=province_communes, filtered=bool(data))
            ),
            10,
        )
    return out


def plans() -> dict[str, Any]:
    """EXPLAIN of the search, list and duplicate queries, as the pages and selectors run them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.core.access import get_access
    from danvan.core.models import User
    from danvan.petitions.duplicates import similar_petitions
    from danvan.petitions.models import Petition
    from danvan.petitions.search import newest_matches, search

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from dbtool import _explain

    leader = User.objects.get(username="bench_leader_1")
    commune = min(get_access(leader).reception_communes)
    # As the list page builds it: one commune, newest first.
    qs = Petition.objects.filter(commune_id=commune).order_by("-received_on", "-id")
    cases = _new_petitions(1, 9)[0]
    cases.pop("source")
    runs = {
        "list: count": lambda: qs.count(),
        "list: first 25": lambda: list(qs[:25]),
        "search o nhiem: count": lambda: search(qs, "o nhiem").count(),
        "search o nhiem: first 25": lambda: list(search(qs, "o nhiem")[:25]),
        "search duong: count": lambda: search(qs, "duong").count(),
        "search duong: first 25 as the page reads them": lambda: newest_matches(
            qs, "duong", matches=search(qs, "duong").count(), first=0, upto=25
        ),
        "duplicate check": lambda: similar_petitions(**cases),
    }
    out = {}
    for name, fn in runs.items():
        with CaptureQueriesContext(connection) as ctx:
            fn()
        out[name] = []
        for q in ctx.captured_queries:
            if q["sql"].lstrip().upper().startswith("SELECT"):
                plan, ms = _explain(q["sql"])
                out[name].append({"sql": q["sql"][:600], "plan": plan, "ms": round(ms, 2)})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "command",
        choices=[
            "prepare",
            "facts",
            "count",
            "tokens",
            "receipts",
            "told",
            "dupcheck",
            "selectors",
            "plans",
            "province-admin",
            "sizes",
        ],
    )
    ap.add_argument("--user", action="append", default=[])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--out", default="var/bench/petition-tokens.txt")
    args = ap.parse_args()
    setup()
    commands = {
        "prepare": prepare,
        "facts": lambda: facts(args.user),
        "count": count,
        "tokens": lambda: tokens(args.n, args.out),
        "receipts": lambda: receipts(args.out),
        "told": lambda: told(args.out),
        "dupcheck": lambda: dupcheck(args.n),
        "selectors": selectors,
        "plans": plans,
        "province-admin": province_admin,
        "sizes": sizes,
    }
    result = commands[args.command]()
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
