"""Where an officer page's time goes: in-process, through Django's test client, on a benchmark's
database (the drivers run it after their HTTP probe; it writes one session row per user).

    DANVAN_DATABASE_URL=... python benchmarks/floor/pageprofile.py --label sqlite \
        --out var/bench/profiles --case "list" "/can-bo/nhiem-vu/?scope=all" bench_leader_1

Per page: 5 warm-up requests (each must answer 200), then BENCH_PROFILE_REQUESTS (40) timed
ones without a profiler (the in-process median), the same number under cProfile (its top
functions by cumulative and by own time, and the cumulative time of the functions that mark
template rendering, form widgets, SQL and the middleware, written to <out>/<label>-<page>.txt),
and the same number again under a stack sampler: a timer signal every 0.5 ms of wall time
looks at the stack and counts the time since its previous sample for the first category on it, in the order SQL (the
innermost frame is the database driver or Django's cursor wrappers, or the compiler's loops
waiting on the driver's C calls), ORM (the rest of django/db: building and compiling queries,
making objects), form widgets (django/forms, the form renderer), templates
(django/template), view (anything else under the handler's call of the view) and middleware
(the rest of the request inside the handler). Samples outside the handler (the test client's
own work) are not counted. Shares are of the counted time; cProfile slows Python calls down
unevenly, the sampler much less, so the shares come from the sampler. Checked once against
timers wrapped around Template.render, QuerySet._fetch_all, SQLCompiler.as_sql and the cursor's
execute, on the task and petition lists (tiny data, 30 requests): templates and ORM within a
few points of the timers; SQL higher than the timed execute alone, as the sampler also counts
fetching the rows.

Prints a JSON document: {"requests": n, "pages": {name: {...}}}.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import signal
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
WARMUP = 5
INTERVAL = 0.0005
SQL_LOOPS = {"execute_sql", "cursor_iter", "results_iter", "<lambda>"}

# (label, file suffix, function name): the cumulative time of the outermost matching function.
KEY_FUNCTIONS = [
    ("templates: Template.render", "django/template/base.py", "render"),
    ("form widgets: BoundField", "django/forms/boundfield.py", None),
    ("form widgets: Widget.render", "django/forms/widgets.py", "render"),
    ("SQL: SQLCompiler.execute_sql", "django/db/models/sql/compiler.py", "execute_sql"),
    ("handler: get_response (middleware + view)", "django/core/handlers/base.py", "get_response"),
    ("handler: _get_response (the view)", "django/core/handlers/base.py", "_get_response"),
]


def category(frame: FrameType | None) -> str | None:
    """The category of one sample (see the module's docstring), None outside the handler."""
    files: list[tuple[str, str]] = []
    while frame is not None:
        files.append((frame.f_code.co_filename, frame.f_code.co_name))
        frame = frame.f_back
    if not any(f.endswith("django/core/handlers/base.py") for f, _ in files):
        return None
    # SQL: the innermost Python frame is the database driver, Django's cursor wrappers (or
    # SQLite's Python functions), or the compiler's loops around the driver's C calls.
    leaf, name = files[0]
    if (
        "/psycopg" in leaf
        or ("/django/db/backends/" in leaf and not leaf.endswith("operations.py"))
        or (leaf.endswith("django/db/models/sql/compiler.py") and name in SQL_LOOPS)
    ):
        return "SQL"
    if any("/django/db/" in f for f, _ in files):
        return "ORM"
    if any("/django/forms/" in f or f.endswith("forms_renderer.py") for f, _ in files):
        return "form widgets"
    if any("/django/template/" in f or "/django/templatetags/" in f for f, _ in files):
        return "templates"
    if any(f.endswith("django/core/handlers/base.py") and n == "_get_response" for f, n in files):
        return "view"
    return "middleware"


class Sampler:
    """A wall-clock timer signal every INTERVAL; Python runs the handler in the main thread at
    the next bytecode, with the frame it interrupted (after a C call, such as the database
    driver's, the frame that made the call). Each sample counts the time since the previous
    one, its own handling excluded, for the category of that frame's stack."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.samples = 0
        self.last = 0.0

    def handler(self, signum: int, frame: FrameType | None) -> None:
        kind = category(frame)
        if kind is not None:
            self.seconds[kind] += time.perf_counter() - self.last
            self.samples += 1
        self.last = time.perf_counter()

    def __enter__(self) -> Sampler:
        self.last = time.perf_counter()
        signal.signal(signal.SIGALRM, self.handler)
        signal.setitimer(signal.ITIMER_REAL, INTERVAL, INTERVAL)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def key_functions(stats: pstats.Stats, requests: int) -> list[str]:
    table = stats.stats  # type: ignore[attr-defined]  # pstats keeps its table there
    lines = []
    for label, suffix, name in KEY_FUNCTIONS:
        best = 0.0
        calls = 0
        for (filename, _, func), (_, nc, _, ct, _) in table.items():
            if filename.endswith(suffix) and (name is None or func == name) and ct > best:
                best, calls = ct, nc
        lines.append(f"{label:<45} {best * 1000 / requests:8.2f} ms/req  ({calls} calls)")
    return lines


def profile_page(client: Any, path: str, requests: int, out: Path) -> dict[str, Any]:
    for _ in range(WARMUP):
        status = client.get(path).status_code
        if status != 200:
            return {"error": f"HTTP {status}"}
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(requests):
        client.get(path)
    prof.disable()
    with Sampler() as sampler:
        for _ in range(requests):
            client.get(path)
    counted = sum(sampler.seconds.values()) or 1.0
    ranked = sorted(sampler.seconds.items(), key=lambda kv: -kv[1])
    shares = {k: round(100 * v / counted, 1) for k, v in ranked}

    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    buf.write(f"{path}: {requests} requests, in-process median {statistics.median(times):.1f} ms\n")
    buf.write(f"sampled shares ({sampler.samples} samples in the handler): {shares}\n\n")
    buf.write("Key functions, cumulative under cProfile (they overlap):\n")
    buf.write("\n".join(key_functions(stats, requests)) + "\n\n")
    buf.write("== by cumulative time ==\n")
    stats.sort_stats("cumulative").print_stats(40)
    buf.write("== by own time ==\n")
    stats.sort_stats("tottime").print_stats(40)
    out.write_text(buf.getvalue().replace(str(ROOT) + "/", ""), encoding="utf-8")
    return {
        "path": path,
        "ms_median": round(statistics.median(times), 1),
        "shares": shares,
        "samples": sampler.samples,
        "file": str(out.relative_to(ROOT)) if out.is_relative_to(ROOT) else str(out),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", required=True, help="the database label: sqlite, leaders-postgres…")
    ap.add_argument("--out", required=True, help="directory of the profile files")
    ap.add_argument("--case", nargs=3, action="append", default=[],
                    metavar=("NAME", "PATH", "USER"))  # fmt: skip
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    requests = int(os.environ.get("BENCH_PROFILE_REQUESTS", "40"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    clients: dict[str, Any] = {}
    pages: dict[str, Any] = {}
    for name, path, username in args.case:
        if username not in clients:
            clients[username] = Client(HTTP_HOST="127.0.0.1")
            if username:  # "": a public page, no login
                clients[username].force_login(get_user_model().objects.get(username=username))
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        pages[name] = profile_page(
            clients[username], path, requests, out / f"{args.label}-{slug}.txt"
        )
    shown = str(out.resolve().relative_to(ROOT)) if out.resolve().is_relative_to(ROOT) else str(out)
    print(json.dumps({"requests": requests, "dir": shown, "pages": pages}, ensure_ascii=False))


if __name__ == "__main__":
    main()
