"""What a citizen's phone downloads for each public page, gzipped, before images.

    .venv/bin/python benchmarks/portal_weight.py

Loads the demo (xã Hồng Phong) into a throw-away SQLite database under var/bench/, requests
every public page as a signed-out visitor with `Accept-Encoding: gzip`, and adds the gzipped
size of every stylesheet and script the page links (from the static files the server would
send). Images are left out of the total, as the target says; they are counted apart: how
many a page shows, whether each is loaded lazily, and what the resized copies the page asks
for weigh (issue 14: the gallery's photos resized and lazily loaded). Prints a Markdown
section and keeps it in benchmarks/RESULTS.md between the PORTAL-WEIGHT markers. Target
(issues 5 and 14): ≤ 200 KB a page.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
TARGET_KB = 200
ASSET_RE = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')
IMG_RE = re.compile(r"<img\b[^>]*>")
SRC_RE = re.compile(r'\bsrc="([^"]+)"')
BEGIN, END = "<!-- PORTAL-WEIGHT -->", "<!-- /PORTAL-WEIGHT -->"
sys.path.insert(0, str(ROOT / "benchmarks"))
from run import keep_section  # noqa: E402


def main() -> None:
    db = ROOT / "var" / "bench" / "portal.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DANVAN_DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DANVAN_MEDIA_ROOT"] = str(db.parent / "portal-media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    call_command("load-demo", stdout=io.StringIO())
    pages = _public_pages(reverse)
    client = Client(HTTP_ACCEPT_ENCODING="gzip", HTTP_HOST="127.0.0.1")
    rows = []
    for name, url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = response.content
        html = len(body) if response.get("Content-Encoding") == "gzip" else len(_gz(body))
        text = body if response.get("Content-Encoding") != "gzip" else gzip.decompress(body)
        assets = 0
        for href in ASSET_RE.findall(text.decode()):
            path = finders.find(href.removeprefix("/static/"))
            assert path, f"{href} not found among the static files"
            assets += len(_gz(Path(str(path)).read_bytes()))
        rows.append((name, url, html, assets, _images(client, text.decode())))
    section = _report(rows)
    print(section)
    keep_section(RESULTS, (BEGIN, END), section)


def _public_pages(reverse) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    from danvan.consultations.models import Consultation
    from danvan.core.models import Unit
    from danvan.decisions.models import CommunityDecision
    from danvan.disclosures.models import Disclosure
    from danvan.movement.models import Practice
    from danvan.news.models import Article
    from danvan.petitions.models import Petition
    from danvan.plans.models import Plan
    from danvan.supervision.models import Recommendation

    today = django_today()
    xa = f"?xa={Unit.objects.get(kind=Unit.Kind.COMMUNE, code='06079').pk}"
    pages = [
        ("trang chủ", reverse("portal:home")),
        ("gửi đơn", reverse("portal:petition_new")),
        ("tra cứu đơn", reverse("portal:petition_lookup")),
        ("lấy ý kiến", reverse("portal:consultation_list")),
        ("công khai", reverse("portal:disclosures")),
        ("dân quyết định", reverse("portal:decisions")),
        ("giám sát", reverse("portal:supervision")),
        # A province's install (the demo has two communes) asks which commune: the lists of
        # one commune, as a citizen sees them after choosing Hồng Phong.
        ("đã hứa — đã làm", reverse("portal:promises") + xa),
        ("đối thoại", reverse("portal:dialogues") + xa),
        ("kiến nghị cử tri", reverse("portal:voters") + xa),
        ("chất vấn", reverse("portal:questioning") + xa),
        ("kiểm tra", reverse("portal:inspections") + xa),
        ("dân vận khéo (thư viện ảnh)", reverse("portal:movement") + xa),
        ("tin tức", reverse("portal:news") + xa),
    ]
    plan = Plan.objects.filter(status=Plan.Status.ISSUED).order_by("-year").first()
    petition = Petition.objects.filter(channel=Petition.Channel.PORTAL).first()
    consultation = Consultation.objects.accepting_on(today).first()
    disclosure = Disclosure.objects.on_portal(today).first()
    decision = CommunityDecision.objects.public().first()
    recommendation = Recommendation.objects.published().first()
    practice = Practice.objects.gallery().order_by("-decided_on", "-pk").first()
    article = Article.objects.filter(status=Article.Status.PUBLISHED).order_by("-pk").first()
    for name, obj, url_name in (
        ("kế hoạch (trách nhiệm giải trình)", plan, "portal:plan"),
        ("một dự thảo lấy ý kiến", consultation, "portal:consultation"),
        ("một nội dung công khai", disclosure, "portal:disclosure"),
        ("một việc dân quyết định", decision, "portal:decision"),
        ("một kiến nghị giám sát", recommendation, "portal:supervision_detail"),
        ("một mô hình “Dân vận khéo”", practice, "portal:movement_detail"),
        ("một tin bài", article, "portal:news_article"),
    ):
        assert obj is not None, f"the demo has no {name}"
        pages.append((name, reverse(url_name, args=[obj.pk])))
    if petition is not None:
        pages.append(
            ("tình trạng đơn", reverse("portal:petition_status", args=[petition.tracking_code]))
        )
    return pages


def _images(client, html: str) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """The page's images: how many, how many load lazily, and the bytes of the copies asked."""
    tags = IMG_RE.findall(html)
    lazy = sum(1 for tag in tags if 'loading="lazy"' in tag)
    size = 0
    for tag in tags:
        if m := SRC_RE.search(tag):
            src = m.group(1).replace("&amp;", "&")
            response = client.get(src)
            assert response.status_code == 200, (src, response.status_code)
            size += sum(len(chunk) for chunk in response.streaming_content)
    return len(tags), lazy, size


def django_today():  # type: ignore[no-untyped-def]
    from django.utils import timezone

    return timezone.localdate()


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6)


def _report(rows: list[tuple[str, str, int, int, tuple[int, int, int]]]) -> str:
    lines = [
        BEGIN,
        "## Portal page weight (issues 5 and 14: ≤ 200 KB a page, gzipped, before images)",
        "",
        "Produced by `.venv/bin/python benchmarks/portal_weight.py` on the demo data: each public",
        "page as a signed-out visitor, HTML as the server sends it with `Accept-Encoding: gzip`,",
        "plus every stylesheet and script it links, gzipped. Images apart: how many the page",
        'shows, how many of them load lazily (`loading="lazy"`), and the KB of the resized',
        "copies its `<img>` ask for (core.images: WebP at the width asked), not in the total.",
        "",
        "| page | URL | HTML KB | CSS + JS KB | total KB | ≤ 200 KB? | images (lazy) | images KB |",
        "|---|---|--:|--:|--:|---|--:|--:|",
    ]
    for name, url, html, assets, (images, lazy, image_bytes) in rows:
        total = (html + assets) / 1024
        met = "**yes**" if total <= TARGET_KB else "**NO**"
        lines.append(
            f"| {name} | `{url}` | {html / 1024:.1f} | {assets / 1024:.1f} | {total:.1f} | {met} "
            f"| {images} ({lazy}) | {image_bytes / 1024:.1f} |"
        )
    lines.append(END)
    return "\n".join(lines)


if __name__ == "__main__":
    main()
