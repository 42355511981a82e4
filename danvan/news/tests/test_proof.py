"""A broadcast of the loudspeaker log proves a disclosure's posting on the loudspeakers
(news.services.broadcast_log → disclosures.services.posting_add / posting_prove): the register
counts it as a proof, and its page links the log."""

from __future__ import annotations

from datetime import date, time

from django.urls import reverse

from danvan.conftest import World
from danvan.disclosures import services
from danvan.disclosures.models import Posting
from danvan.disclosures.rules import review
from danvan.disclosures.tests.helpers import channel, disclosure
from danvan.news import services as news


def _broadcast(world: World, d: object, **extra: object) -> object:
    data: dict[str, object] = {
        "commune": world.commune,
        "by": world.officer_a,
        "aired_on": date(2026, 5, 25),
        "starts_at": time(6, 30),
        "minutes": 15,
        "title": "Đọc danh sách gọi nhập ngũ",
        "disclosure": d,
        "centre": "Trung tâm Dịch vụ công ích",
        **extra,
    }
    return news.broadcast_log(**data)  # type: ignore[arg-type]


def test_a_broadcast_records_the_loudspeaker_posting_with_itself_as_proof(world: World) -> None:
    d = disclosure(world, number=9, decided_on=date(2026, 5, 20))
    b = _broadcast(world, d)
    p = Posting.objects.get(disclosure=d)
    assert p.channel.slug == "truyen-thanh-xa" and p.start_on == date(2026, 5, 25)
    assert p.proof_record == "Nhật ký phát thanh số 1/2026, 25/05/2026"
    assert p.proof_url == reverse("news:broadcast", args=[b.pk])  # type: ignore[attr-defined]
    check = review(d, date(2026, 6, 1)).postings[0]
    assert check.proofs == 1 and not check.missing_proof


def test_a_broadcast_in_some_villages_proves_each_village_posting(world: World) -> None:
    d = disclosure(world, number=9, decided_on=date(2026, 5, 20))
    _broadcast(world, d, villages=[world.village])
    p = Posting.objects.get(disclosure=d)
    assert p.channel.slug == "loa-thon" and p.village == world.village


def test_an_existing_posting_without_proof_gets_the_broadcast(world: World) -> None:
    d = disclosure(world, number=9, decided_on=date(2026, 5, 20))
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("truyen-thanh-xa"),
        start_on=date(2026, 5, 22),
    )
    assert review(d, date(2026, 6, 1)).postings[0].missing_proof
    _broadcast(world, d)
    p = Posting.objects.get(disclosure=d)
    assert p.start_on == date(2026, 5, 22) and p.proof_record.startswith("Nhật ký phát thanh số 1/")
    assert not review(d, date(2026, 6, 1)).postings[0].missing_proof
    # A second broadcast leaves the first proof in place.
    _broadcast(world, d, aired_on=date(2026, 5, 26))
    assert Posting.objects.get(disclosure=d).proof_record == p.proof_record


def test_the_disclosure_page_links_the_broadcast(world: World) -> None:
    d = disclosure(world, number=9, decided_on=date(2026, 5, 20))
    b = _broadcast(world, d)
    page = world.client(world.officer_a).get(reverse("disclosures:detail", args=[d.pk]))
    html = page.content.decode()
    assert reverse("news:broadcast", args=[b.pk]) in html  # type: ignore[attr-defined]
    assert "Nhật ký phát thanh số 1/2026, 25/05/2026" in html
