"""Whatever is sent, an answer of the specification: its error list with 400, 404 or 405 in
Vietnamese, never a 500; and the filters of GET requests doing what they say."""

from __future__ import annotations

from unittest import mock
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.conftest import World
from danvan.open311.tests.conftest import Book, Keys, errors_of, parse_xml

URL = "/open311/v2/"


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"start_date": "hôm qua"}, "start_date không phải là ngày giờ hợp lệ"),
        ({"end_date": "2026-13-45T00:00:00Z"}, "end_date không phải là ngày giờ hợp lệ"),
        ({"start_date": "2026-10-02", "end_date": "2026-10-01"}, "end_date phải sau start_date"),
        ({"start_date": "9999-12-31T23:59:59Z"}, "start_date không phải là ngày giờ hợp lệ"),
        ({"end_date": "0001-01-01"}, "end_date không phải là ngày giờ hợp lệ"),
        ({"end_date": "0001-01-01T00:00:00+14:00"}, "end_date không phải là ngày giờ hợp lệ"),
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "quá 90 ngày"),
        ({"status": "pending"}, "status chỉ nhận open"),
        ({"service_code": "pothole"}, "pothole"),
        ({"service_request_id": "abc"}, "service_request_id"),
        ({"service_request_id": "0"}, "service_request_id"),
        ({"service_request_id": "99999999999999999999999"}, "service_request_id"),
        ({"page": "0"}, "page là số nguyên"),
        ({"page_size": "1001"}, "page_size là số nguyên từ 1 đến 1000"),
        ({"page_size": "-1"}, "page_size"),
    ],
)
def test_it_refuses_a_bad_filter_with_a_vietnamese_message(
    book: Book, params: dict[str, str], said: str
) -> None:
    descriptions = errors_of(Client().get(URL + "requests.json", params), 400)
    assert any(said in d for d in descriptions), descriptions


def test_it_names_every_bad_filter_at_once(book: Book) -> None:
    said = errors_of(Client().get(URL + "requests.xml", {"status": "x", "page": "y"}), 400)
    assert len(said) == 2


@pytest.mark.parametrize(
    "path",
    ["services.json", "services/reflection-other.json", "requests.json", "requests/1.json"],
)
def test_it_answers_404_for_an_unknown_jurisdiction(book: Book, path: str) -> None:
    (said,) = errors_of(Client().get(URL + path, {"jurisdiction_id": "sfgov.org"}), 404)
    assert "sfgov.org" in said


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("services.html", 404),
        ("services.XML", 404),
        ("requests/abc.json", 404),
        ("requests/99999999999999999999.json", 404),
        ("requests/-1.xml", 404),
        ("services/khong-co.xml", 404),
        ("tokens/123.json", 404),
        ("khong/co/gi.xml", 404),
        ("%0A.json", 404),  # a line break
        ("requests/%0A.xml", 404),
    ],
)
def test_it_answers_what_does_not_exist_in_the_error_list(
    book: Book, path: str, status: int
) -> None:
    errors_of(Client().get(URL + path), status)


@pytest.mark.parametrize(("method", "path"), [("delete", "requests.json"), ("put", "services.xml")])
def test_it_refuses_other_methods(book: Book, method: str, path: str) -> None:
    r = getattr(Client(), method)(URL + path)
    errors_of(r, 405)
    assert "GET" in r["Allow"]


def test_it_keeps_xml_well_formed_whatever_is_quoted_back(book: Book) -> None:
    r = Client().get(URL + "requests.xml", {"service_code": "a\x00b\x1fc<d>&"})
    (said,) = errors_of(r, 400)  # errors_of parses the XML
    assert "abc<d>&" in said


def test_it_filters_by_status_code_dates_and_pages(book: Book) -> None:
    def ids(**params: str) -> list[str]:
        r = Client().get(URL + "requests.json", {"jurisdiction_id": "06079", **params})
        assert r.status_code == 200, r.content
        return [row["service_request_id"] for row in r.json()]

    opened, answered = str(book.open.pk), str(book.resolved.pk)
    assert ids() == [opened, answered]  # newest first
    assert ids(status="open") == [opened]
    assert ids(status="closed") == [answered]
    assert ids(status="open,closed") == [opened, answered]
    assert ids(service_code="recommendation-environment") == [answered]
    # the kind of one and the field of the other: no service of theirs
    assert ids(service_code="recommendation-construction") == []
    assert ids(start_date="2026-10-20T00:00:00+07:00") == [opened]
    assert ids(end_date="2026-10-10T00:00:00+07:00") == [answered]
    assert ids(start_date="2026-10-01T00:00:00Z", end_date="2026-10-27T00:00:00Z") == [answered]
    assert ids(end_date="2026-06-01T00:00:00Z") == []  # 90 days before it: nothing yet
    assert ids(page_size="1") == [opened]
    assert ids(page_size="1", page="2") == [answered]
    assert ids(page="3", page_size="1") == []
    # the list of ids overrides every other filter ("GET Service Requests")
    assert ids(service_request_id=f"{answered},{opened}", status="open") == [opened, answered]
    # an empty parameter is no parameter ("Optional Arguments")
    assert ids(status="", service_code="", start_date="") == [opened, answered]


queries = st.dictionaries(
    st.sampled_from(
        ["service_request_id", "service_code", "start_date", "end_date", "status", "page",
         "page_size", "jurisdiction_id", "api_key"]
    ),
    st.one_of(
        st.text(max_size=40),
        st.just("\x00"),
        st.datetimes().map(lambda d: d.isoformat()),
        st.dates().map(lambda d: d.isoformat()),
        st.sampled_from(["06079", "open", "closed", "2026-10-01", "2026-10-01T00:00:00Z", "1,2",
                         "reflection-other", "-1", "1e9", "99999999999999999999", "0"]),
    ),
)  # fmt: skip


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=queries, fmt=st.sampled_from(["json", "xml"]))
def test_it_never_fails_on_any_query(book: Book, params: dict[str, str], fmt: str) -> None:
    r = Client().get(URL + f"requests.{fmt}", params)
    assert r.status_code in (200, 400, 404), r.content
    if r.status_code != 200:
        errors_of(r, r.status_code)
    elif fmt == "xml":
        assert parse_xml(r.content).tag == "service_requests"
    else:
        assert isinstance(r.json(), list)


posts = st.dictionaries(
    st.sampled_from(
        ["service_code", "description", "lat", "long", "address_string", "first_name",
         "last_name", "phone", "email", "media_url", "jurisdiction_id", "attribute[cam_doan]",
         "attribute[thon]", "attribute[tom_tat]", "attribute[dia_chi]", "device_id"]
    ),
    st.one_of(
        st.text(max_size=60),
        st.just("a\x00b"),
        st.sampled_from(["reflection-other", "dong_y", "06079", "13927", "21.8", "1e400", "",
                         "https://example.org/a.jpg", "0912345678"]),
    ),
)  # fmt: skip


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=posts)
def test_it_never_fails_on_any_post(world: World, keys: Keys, fields: dict[str, str]) -> None:
    cache.clear()
    sent = fields | {"api_key": keys.writer}
    r = Client().post(URL + "requests.json", sent)
    assert r.status_code in (201, 400, 403, 404), r.content
    if r.status_code == 201:
        assert r.json()[0]["service_request_id"]
    else:
        errors_of(r, r.status_code)


def test_it_pages_a_whole_province_newest_first_across_its_windows(book: Book) -> None:
    # 28/10 here, 20/10 in the other commune, 01/10 here: found in the 8-day, 30-day and whole
    # windows before 02/11 (reads.WINDOWS); every page the same as one sort of the whole span.
    def ids(**params: str) -> list[str]:
        return [r["service_request_id"] for r in Client().get(URL + "requests.json", params).json()]

    newest_first = [str(p.pk) for p in (book.open, book.elsewhere, book.resolved)]
    assert ids() == newest_first
    assert [ids(page_size="1", page=str(n)) for n in (1, 2, 3, 4)] == [
        [newest_first[0]],
        [newest_first[1]],
        [newest_first[2]],
        [],
    ]
    assert ids(page_size="2") == newest_first[:2]
    assert ids(page_size="2", page="2") == newest_first[2:]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    segment=st.text(min_size=1, max_size=50).filter(lambda s: "/" not in s and "?" not in s),
    fmt=st.sampled_from(["json", "xml", "html", "JSON"]),
    jurisdiction=st.one_of(st.just(""), st.just("06079"), st.text(max_size=12)),
)
def test_it_never_fails_on_any_path(book: Book, segment: str, fmt: str, jurisdiction: str) -> None:
    for path in (f"requests/{segment}.{fmt}", f"services/{segment}.{fmt}", f"{segment}.{fmt}"):
        r = Client().get(URL + quote(path), {"jurisdiction_id": jurisdiction})
        assert r.status_code in (200, 404), (path, r.content)
        if r.status_code == 404:
            errors_of(r, 404)


def test_it_answers_503_in_the_error_list_when_the_database_fails_a_read(book: Book) -> None:
    failing = mock.patch(
        "danvan.open311.reads.select", side_effect=OperationalError("disk I/O error")
    )
    with failing:
        r = Client().get(URL + "requests.xml")
    (said,) = errors_of(r, 503)
    assert r["Retry-After"] and "thử lại sau" in said
