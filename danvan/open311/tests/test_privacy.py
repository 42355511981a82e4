"""What Open311 never shows: a person, a free text that may name one, a complaint, a
denunciation (Luật Tố cáo 2018, Điều 8 khoản 3), a letter of several kinds, a sensitive case."""

from __future__ import annotations

import pytest
from django.test import Client

from danvan.conftest import World
from danvan.open311.tests.conftest import (
    ADDRESS,
    ANSWER,
    CONTENT,
    DENOUNCER,
    EMAIL,
    NAME,
    NEIGHBOUR,
    PHONE,
    SECRET,
    SUBJECT,
    Book,
)
from danvan.petitions.models import Petition

URL = "/open311/v2/"
EVERY_LIST = [
    "requests.json",
    "requests.xml",
    "requests.json?status=open,closed",
    "requests.json?service_code=reflection-construction,recommendation-environment,reflection-officials",
    "requests.json?start_date=2026-09-01T00:00:00Z&end_date=2026-11-02T23:59:59Z",
]


def everything(book: Book) -> list[bytes]:
    c = Client()
    ids = ",".join(str(p.pk) for p in [book.open, book.resolved, *book.hidden(), book.elsewhere])
    pages = [c.get(URL + path).content for path in EVERY_LIST]
    pages.append(c.get(URL + "requests.json", {"service_request_id": ids}).content)
    for p in [book.open, book.resolved]:
        for fmt in ("json", "xml"):
            pages.append(c.get(URL + f"requests/{p.pk}.{fmt}").content)
    return pages


@pytest.mark.parametrize(
    "secret",
    [
        NAME,
        PHONE,
        "0912345678",
        ADDRESS,
        EMAIL,
        NEIGHBOUR,
        SUBJECT,
        CONTENT,
        ANSWER,
        DENOUNCER,
        SECRET,
    ],
)
def test_it_never_shows_a_person_or_a_text_that_may_name_one(book: Book, secret: str) -> None:
    for page in everything(book):
        assert secret.encode() not in page
        assert secret.encode("unicode_escape") not in page  # JSON escaping, had it been used


def test_it_lists_only_kien_nghi_and_phan_anh_that_are_not_sensitive(book: Book) -> None:
    ids = {r["service_request_id"] for r in Client().get(URL + "requests.json").json()}
    assert ids == {str(book.open.pk), str(book.resolved.pk), str(book.elsewhere.pk)}
    asked = ",".join(str(p.pk) for p in book.hidden())
    assert Client().get(URL + "requests.json", {"service_request_id": asked}).json() == []


@pytest.mark.parametrize("which", ["complaint", "denunciation", "mixed", "sensitive"])
def test_it_answers_a_hidden_case_as_if_it_did_not_exist(book: Book, which: str) -> None:
    hidden = getattr(book, which)
    missing = Petition.objects.order_by("-pk").first().pk + 1000
    r = Client().get(URL + f"requests/{hidden.pk}.json")
    nothing = Client().get(URL + f"requests/{missing}.json")
    assert r.status_code == nothing.status_code == 404
    said = r.json()[0]["description"].replace(f"“{hidden.pk}”", "“#”")
    assert said == nothing.json()[0]["description"].replace(f"“{missing}”", "“#”")


def test_it_stops_showing_a_case_reclassified_as_a_denunciation(book: Book) -> None:
    Petition.objects.filter(pk=book.open.pk).update(kind="denunciation")
    assert Client().get(URL + f"requests/{book.open.pk}.json").status_code == 404


def test_it_offers_no_service_for_complaints_or_denunciations(world: World) -> None:
    codes = [s["service_code"] for s in Client().get(URL + "services.json").json()]
    assert codes and all(c.split("-")[0] in ("recommendation", "reflection") for c in codes)
    assert len(codes) == 2 * len(Petition.Topic)
    for kind in ("complaint", "denunciation", "mixed"):
        assert Client().get(URL + f"services/{kind}-other.json").status_code == 404


def test_it_keeps_a_jurisdiction_to_its_own_cases(book: Book) -> None:
    here = Client().get(URL + "requests.json", {"jurisdiction_id": "06079"}).json()
    there = Client().get(URL + "requests.json", {"jurisdiction_id": "13927"}).json()
    assert {r["service_request_id"] for r in there} == {str(book.elsewhere.pk)}
    assert str(book.elsewhere.pk) not in {r["service_request_id"] for r in here}
    r = Client().get(URL + f"requests/{book.elsewhere.pk}.json", {"jurisdiction_id": "06079"})
    assert r.status_code == 404
