"""The demo of news (issue 14): published articles with photos (a "Dân vận khéo" story and a
notice among them), a draft, the weekly schedule, a month of broadcasts and one proving a
disclosure on the village's loudspeakers, as load-demo plays them."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.disclosures_story import play_disclosures
from danvan.demo.news_story import CALL_UP, play_news
from danvan.disclosures.models import Posting
from danvan.disclosures.rules import review
from danvan.news.models import Article, Broadcast, BroadcastSlot, Photo

TODAY = date(2026, 12, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_demo_shows_the_centres_articles_schedule_and_log() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_disclosures(units, today=TODAY)
    play_news(units, today=TODAY)

    articles = Article.objects.filter(commune=commune)
    published = articles.filter(status=Article.Status.PUBLISHED)
    assert {a.kind for a in published} == {"news", "story", "notice"}
    assert articles.filter(status=Article.Status.DRAFT).count() == 1
    assert articles.filter(status=Article.Status.WITHDRAWN).count() == 1
    assert all(a.unit == units["TT DVCI"] for a in articles)
    assert Photo.objects.filter(article__in=published).count() == 3
    assert BroadcastSlot.objects.filter(commune=commune, active=True).count() == 2

    log = Broadcast.objects.filter(commune=commune)
    assert log.count() >= 12
    assert all(b.aired_on < TODAY for b in log)
    proving = log.get(disclosure__isnull=False)
    assert proving.disclosure.title == CALL_UP  # type: ignore[union-attr]
    posting = Posting.objects.get(disclosure=proving.disclosure, channel__slug="loa-thon")
    assert posting.proof_record == proving.proof_record
    checks = {c.posting.pk: c for c in review(proving.disclosure, TODAY).postings}  # type: ignore[arg-type]
    assert checks[posting.pk].proofs == 1

    play_news(units, today=TODAY)  # twice: nothing more
    assert Article.objects.filter(commune=commune).count() == articles.count()
