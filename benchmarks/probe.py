"""A small bounded HTTP latency probe (the approach of /work/shared/bench/peer/loadprobe.py).

Logs in through the login form (CSRF), then per case: warm-up requests (not timed), then
`requests` timed GETs shared by `concurrency` clients, each with its own keep-alive connection.
Every response must answer 200 and pass the case's check (an expected count shown on the page,
or texts it must contain), or it counts as an error. Loopback targets only; every loop is
bounded by a request count and by `max_seconds`.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Case:
    name: str
    path: str
    auth: str  # a username that `login` was called for
    kind: str  # list | filtered list | search | plan tree | dashboard
    target_ms: float | None = None  # the p95 target at c=1, when DESIGN.md sets one
    expect_count: int | None = None  # the "N nhiệm vụ" count the page must show
    count_regex: str = r">(\d[\d.]*) nhiệm vụ<"
    expect_links: int | None = None  # number of task links the page must carry
    contains: list[str] = field(default_factory=list)
    note: str = ""
    extra: bool = False  # not one of the targets: shown for information
    # (a page's count that is shown as an estimate or a lower bound: the ground truth, the cap)
    estimated_count: tuple[int, str] | None = None

    def check(self, status: int, body: str) -> str | None:
        """None when the response is right, else why not."""
        if status != 200:
            return f"HTTP {status}"
        if self.expect_count is not None:
            m = re.search(self.count_regex, body)
            if not m:
                return "no count on page"
            shown = int(m.group(1).replace(".", ""))
            if shown != self.expect_count:
                return f"count {shown} != expected {self.expect_count}"
        if self.expect_links is not None:
            links = len(re.findall(r'href="/can-bo/nhiem-vu/\d+/"', body))
            if links != self.expect_links:
                return f"{links} task links != expected {self.expect_links}"
        for text in self.contains:
            if text not in body:
                return f"missing {text[:40]!r}"
        if self.estimated_count is not None:
            return self._check_estimate(body, *self.estimated_count)
        return None

    @staticmethod
    def _check_estimate(body: str, truth: int, cap: str) -> str | None:
        """Above the cap a page says "Hơn <cap> đơn", or "Khoảng N đơn (ước tính" with N
        within a factor of two of the truth (PostgreSQL's statistics, petitions.province)."""
        m = re.search(r"Khoảng ([\d.]+) đơn \(ước tính", body)
        if m:
            shown = int(m.group(1).replace(".", ""))
            return None if truth / 2 <= shown <= truth * 2 else f"estimate {shown}, truth {truth}"
        return None if f"Hơn {cap} đơn" in body else f"neither 'Hơn {cap} đơn' nor an estimate"


@dataclass
class Result:
    case: str
    kind: str
    concurrency: int
    requests: int
    ok: int
    errors: int
    p50_ms: float | None
    p95_ms: float | None
    max_ms: float | None
    mean_ms: float | None
    rps: float | None
    wall_s: float
    target_ms: float | None
    extra: bool
    note: str
    error_samples: list[str]
    stopped_early: bool

    @property
    def met(self) -> bool | None:
        if self.target_ms is None or self.p95_ms is None:
            return None
        return self.errors == 0 and self.p95_ms <= self.target_ms


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


class Probe:
    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        host = urlsplit(base_url).hostname or ""
        if host not in LOOPBACK:
            raise SystemExit(f"refusing non-loopback target {host!r}")
        self.base = base_url.rstrip("/")
        self.timeout = timeout
        self.sessions: dict[str, httpx.Cookies] = {}

    def _client(self, auth: str | None) -> httpx.AsyncClient:
        cookies = httpx.Cookies()
        if auth:
            cookies.update(self.sessions[auth])
        return httpx.AsyncClient(
            base_url=self.base,
            cookies=cookies,
            timeout=self.timeout,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            headers={"User-Agent": "danvan-bench/1"},
        )

    async def login(self, username: str, password: str, page: str = "/dang-nhap/") -> None:
        async with self._client(None) as c:
            r = await c.get(page)
            m = CSRF_RE.search(r.text)
            if r.status_code != 200 or not m:
                raise SystemExit(f"login page: HTTP {r.status_code}, CSRF token found: {bool(m)}")
            r = await c.post(
                page,
                data={"username": username, "password": password, "csrfmiddlewaretoken": m[1]},
                headers={"Referer": self.base + page},
            )
            if r.status_code != 302 or "sessionid" not in c.cookies:
                raise SystemExit(f"login of {username} failed: HTTP {r.status_code}")
            self.sessions[username] = c.cookies

    async def _one(self, c: httpx.AsyncClient, case: Case) -> tuple[float, str | None]:
        t0 = time.perf_counter()
        try:
            r = await c.get(case.path)
            body = r.text
            elapsed = time.perf_counter() - t0
            return elapsed, case.check(r.status_code, body)
        except httpx.HTTPError as e:
            return time.perf_counter() - t0, repr(e)[:120]

    async def run(
        self,
        case: Case,
        *,
        concurrency: int,
        requests: int = 200,
        warmup: int = 10,
        max_seconds: float = 120.0,
    ) -> Result:
        clients = [self._client(case.auth) for _ in range(concurrency)]
        latencies: list[float] = []
        errors: list[str] = []
        issued = 0
        try:
            warm_deadline = time.perf_counter() + max_seconds
            for i in range(warmup):
                if time.perf_counter() > warm_deadline:
                    break
                _, err = await self._one(clients[i % concurrency], case)
                if err and len(errors) < 3:
                    errors.append(f"warm-up: {err}")
            start = time.perf_counter()
            deadline = start + max_seconds

            async def worker(c: httpx.AsyncClient) -> None:
                nonlocal issued
                while issued < requests and time.perf_counter() < deadline:
                    issued += 1
                    elapsed, err = await self._one(c, case)
                    if err is None:
                        latencies.append(elapsed)
                    else:
                        errors.append(err)

            await asyncio.gather(*(worker(c) for c in clients))
            wall = time.perf_counter() - start
        finally:
            for c in clients:
                await c.aclose()
        timed_errors = [e for e in errors if not e.startswith("warm-up")]
        ms = [x * 1000 for x in latencies]

        def rounded(v: float | None) -> float | None:
            return None if v is None else round(v, 1)

        return Result(
            case=case.name,
            kind=case.kind,
            concurrency=concurrency,
            requests=issued,
            ok=len(latencies),
            errors=len(timed_errors),
            p50_ms=rounded(percentile(ms, 50)),
            p95_ms=rounded(percentile(ms, 95)),
            max_ms=rounded(max(ms) if ms else None),
            mean_ms=rounded(statistics.fmean(ms) if ms else None),
            rps=round(len(latencies) / wall, 1) if wall > 0 else None,
            wall_s=round(wall, 2),
            target_ms=case.target_ms,
            extra=case.extra,
            note=case.note,
            error_samples=sorted(set(errors))[:3],
            stopped_early=issued < requests,
        )


def as_dict(result: Result) -> dict[str, Any]:
    d = dict(result.__dict__)
    d["met"] = result.met
    return d
