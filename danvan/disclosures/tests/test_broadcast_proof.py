"""A record kept elsewhere in the product proves a posting as a file would (Posting.proof_record
and proof_url: a broadcast of the loudspeaker log, written by news through posting_add and
posting_prove; news' own tests follow the broadcast end to end, danvan/news/tests/test_proof.py).
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import AuditEntry
from danvan.disclosures import services
from danvan.disclosures.models import Posting
from danvan.disclosures.rules import proof_counts, review
from danvan.disclosures.tests.helpers import channel, disclosure, pdf

RECORD = "Nhật ký phát thanh số 12/2026, 25/05/2026"


def test_a_record_counts_as_a_proof_like_a_file(world: World) -> None:
    d = disclosure(world, number=9, decided_on=date(2026, 5, 20))
    p = services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("truyen-thanh-xa"),
        start_on=date(2026, 5, 25),
        proof_record=RECORD,
        proof_url="/can-bo/tin-bai/nhat-ky/1/",
    )
    assert proof_counts([p]) == {p.pk: 1}
    assert not review(d, date(2026, 6, 1)).postings[0].missing_proof
    entry = AuditEntry.objects.filter(action="disclosures.posted").latest("pk")
    assert entry.changes["proof"] is True and entry.changes["proof_record"] == RECORD
    services.posting_update(posting=p, by=world.officer_a, end_on=None, proof=pdf())
    assert proof_counts([p]) == {p.pk: 2}


def test_prove_names_the_record_once(world: World) -> None:
    d = disclosure(world, number=9, decided_on=date(2026, 5, 20))
    p = services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("truyen-thanh-xa"),
        start_on=date(2026, 5, 25),
    )
    assert review(d, date(2026, 6, 1)).postings[0].missing_proof
    services.posting_prove(posting=p, by=world.officer_a, proof_record=RECORD, proof_url="/x/")
    services.posting_prove(posting=p, by=world.officer_a, proof_record="Khác", proof_url="/y/")
    p = Posting.objects.get(pk=p.pk)
    assert (p.proof_record, p.proof_url) == (RECORD, "/x/")
    assert not review(d, date(2026, 6, 1)).postings[0].missing_proof


def test_the_page_shows_the_record_with_its_link(world: World) -> None:
    d = disclosure(world, number=9, decided_on=date(2026, 5, 20))
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("truyen-thanh-xa"),
        start_on=date(2026, 5, 25),
        proof_record=RECORD,
        proof_url="/can-bo/tin-bai/nhat-ky/1/",
    )
    html = world.client(world.officer_a).get(reverse("disclosures:detail", args=[d.pk])).content
    assert f'<a href="/can-bo/tin-bai/nhat-ky/1/">{RECORD}</a>'.encode() in html
    assert "Thiếu minh chứng".encode() not in html
