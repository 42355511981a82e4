"""Our answers against the examples of the specification itself.

Each fixture below is the shape of an example response of GeoReport v2
(http://wiki.open311.org/GeoReport_v2, source open311/open311.github.io GeoReport_v2/index.md),
named by its section; values are the specification's, cut to one item. Its JSON examples write
codes as bare 001, which is not JSON: they are strings here (the spec's "Clarify that
service_request_id does not have to be an integer").
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.test import Client

from danvan.conftest import World
from danvan.open311.tests.conftest import Book, Keys, parse_xml

# "GET Service List", Example response (JSON tab).
SERVICE_LIST_JSON = [
    {
        "service_code": "001",
        "service_name": "Cans left out 24x7",
        "description": "Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.",
        "metadata": True,
        "type": "realtime",
        "keywords": "lorem, ipsum, dolor",
        "group": "sanitation",
    }
]
# "GET Service List", Example response (XML tab).
SERVICE_LIST_XML = """<?xml version="1.0" encoding="utf-8"?>
<services>
    <service>
        <service_code>001</service_code>
        <service_name>Cans left out 24x7</service_name>
        <description>Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.</description>
        <metadata>true</metadata>
        <type>realtime</type>
        <keywords>lorem, ipsum, dolor</keywords>
        <group>sanitation</group>
    </service>
</services>"""
# "GET Service Definition", Example response (JSON tab).
SERVICE_DEFINITION_JSON = {
    "service_code": "DMV66",
    "attributes": [
        {
            "variable": True,
            "code": "WHISHETN",
            "datatype": "singlevaluelist",
            "required": True,
            "datatype_description": None,
            "order": 1,
            "description": "What is the ticket/tag/DL number?",
            "values": [{"key": "123", "name": "Ford"}, {"key": "124", "name": "Chrysler"}],
        }
    ],
}
# "GET Service Definition", Example response (XML tab).
SERVICE_DEFINITION_XML = """<?xml version="1.0" encoding="utf-8"?>
<service_definition>
    <service_code>DMV66</service_code>
    <attributes>
        <attribute>
            <variable>true</variable>
            <code>WHISHETN</code>
            <datatype>singlevaluelist</datatype>
            <required>true</required>
            <datatype_description></datatype_description>
            <order>1</order>
            <description>What is the ticket/tag/DL number?</description>
            <values>
                <value>
                    <key>123</key>
                    <name>Ford</name>
                </value>
            </values>
        </attribute>
    </attributes>
</service_definition>"""
# "POST Service Request", Example Request: the parameters a client sends (values ours where
# the specification's name a service or place we do not have).
POST_EXAMPLE = {
    "jurisdiction_id": "city.gov",
    "service_code": "001",
    "lat": "37.76524078",
    "long": "-122.4212043",
    "address_string": "1234 5th street",
    "email": "smit333@sfgov.edu",
    "device_id": "tt222111",
    "account_id": "123456",
    "first_name": "john",
    "last_name": "smith",
    "phone": "111111111",
    "description": "A large sinkhole is destroying the street",
    "media_url": "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg",
}
# "POST Service Request", Example response (JSON tab).
POST_RESPONSE_JSON = [
    {
        "service_request_id": "293944",
        "service_notice": "The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code",
        "account_id": None,
    }
]
# "POST Service Request", Example response (XML tab).
POST_RESPONSE_XML = """<?xml version="1.0" encoding="utf-8"?>
<service_requests>
    <request>
        <service_request_id>293944</service_request_id>
        <service_notice>The City will inspect and require the responsible party to correct within 24 hours</service_notice>
        <account_id/>
    </request>
</service_requests>"""
# "GET Service Requests", Example response (JSON tab), its first request.
REQUESTS_JSON = [
    {
        "service_request_id": "638344",
        "status": "closed",
        "status_notes": "Duplicate request.",
        "service_name": "Sidewalk and Curb Issues",
        "service_code": "006",
        "description": None,
        "agency_responsible": None,
        "service_notice": None,
        "requested_datetime": "2010-04-14T06:37:38-08:00",
        "updated_datetime": "2010-04-14T06:37:38-08:00",
        "expected_datetime": "2010-04-15T06:37:38-08:00",
        "address": "8TH AVE and JUDAH ST",
        "address_id": "545483",
        "zipcode": "94122",
        "lat": 37.762221815,
        "long": -122.4651145,
        "media_url": "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg",
    }
]
# "GET Service Request", Example response (XML tab).
REQUEST_XML = """<?xml version="1.0" encoding="utf-8"?>
<service_requests>
    <request>
        <service_request_id>638344</service_request_id>
        <status>closed</status>
        <status_notes>Duplicate request.</status_notes>
        <service_name>Sidewalk and Curb Issues</service_name>
        <service_code>006</service_code>
        <description></description>
        <agency_responsible></agency_responsible>
        <service_notice></service_notice>
        <requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
        <updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
        <expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
        <address>8TH AVE and JUDAH ST</address>
        <address_id>545483</address_id>
        <zipcode>94122</zipcode>
        <lat>37.762221815</lat>
        <long>-122.4651145</long>
        <media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg </media_url>
    </request>
</service_requests>"""
# "Errors", Example (JSON tab, HTTP/1.1 403 Forbidden).
ERRORS_JSON = [
    {"code": 403, "description": "Invalid api_key received -- can't proceed with create_request."}
]
# "Errors", Example (XML tab).
ERRORS_XML = """<?xml version="1.0" encoding="utf-8"?>
<errors>
    <error>
        <code>403</code>
        <description>Invalid api_key received -- can't proceed with create_request.</description>
    </error>
</errors>"""
# "Date/time format": W3C profile of ISO 8601, the offset (Z or ±HH:MM) required.
W3C = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")

URL = "/open311/v2/"


def shape(node: ET.Element) -> Any:
    """An XML document's shape: each element's tag with the shapes of its children, in order
    of first appearance (repeated items once)."""
    children: dict[str, Any] = {}
    for child in node:
        children.setdefault(child.tag, shape(child))
    return children or None


def xml_shape(text: str | bytes) -> tuple[str, Any]:
    root = parse_xml(text)
    return root.tag, shape(root)


def keys_of(rows: list[dict[str, Any]]) -> list[list[str]]:
    return [sorted(r) for r in rows]


def get(path: str, **params: str):  # type: ignore[no-untyped-def]
    return Client().get(URL + path, params)


def test_it_lists_services_in_the_shape_of_the_service_list_example(book: Book) -> None:
    r = get("services.json")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/json; charset=utf-8"
    rows = r.json()
    assert isinstance(rows, list) and rows
    assert set(keys_of(rows)[0]) == set(SERVICE_LIST_JSON[0])
    for row in rows:
        assert row["metadata"] is True and row["type"] in ("realtime", "batch", "blackbox")
    x = get("services.xml")
    assert x["Content-Type"] == "text/xml; charset=utf-8"
    assert x.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    tag, ours = xml_shape(x.content)
    spec_tag, spec = xml_shape(SERVICE_LIST_XML)
    assert tag == spec_tag == "services"
    assert set(ours["service"]) == set(spec["service"])
    assert parse_xml(x.content).find("service/metadata").text == "true"


def test_it_defines_a_service_in_the_shape_of_the_definition_example(world: World) -> None:
    r = get("services/reflection-construction.json", jurisdiction_id="06079")
    assert r.status_code == 200
    ours = r.json()
    assert set(ours) == set(SERVICE_DEFINITION_JSON)
    spec_attribute = SERVICE_DEFINITION_JSON["attributes"][0]
    for attribute in ours["attributes"]:
        assert set(attribute) == set(spec_attribute)
        assert attribute["datatype"] in (
            "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist",
        )  # fmt: skip
    village = next(a for a in ours["attributes"] if a["code"] == "thon")
    assert village["values"] == [{"key": str(world.village.pk), "name": "Thôn Đoàn Kết"}]
    tag, shape_ = xml_shape(
        get("services/reflection-construction.xml", jurisdiction_id="06079").content
    )
    spec_tag, spec = xml_shape(SERVICE_DEFINITION_XML)
    assert tag == spec_tag
    assert set(shape_) == set(spec)
    assert set(shape_["attributes"]["attribute"]) == set(spec["attributes"]["attribute"])
    assert shape_["attributes"]["attribute"]["values"] == spec["attributes"]["attribute"]["values"]


def test_it_answers_a_post_like_the_example_request_in_the_shape_of_its_response(
    world: World, keys: Keys
) -> None:
    sent = POST_EXAMPLE | {
        "api_key": keys.writer,
        "jurisdiction_id": "06079",
        "service_code": "reflection-construction",
        "phone": "0912 345 678",
        "attribute[cam_doan]": "dong_y",
    }
    r = Client().post(URL + "requests.json", sent)
    assert r.status_code == 201, r.content
    assert keys_of(r.json()) == keys_of(POST_RESPONSE_JSON)
    x = Client().post(URL + "requests.xml", sent)
    assert x.status_code == 201
    assert xml_shape(x.content) == xml_shape(POST_RESPONSE_XML)
    assert parse_xml(x.content).find("request/account_id").text is None


def test_it_lists_requests_in_the_shape_of_the_requests_example(book: Book) -> None:
    r = get("requests.json", jurisdiction_id="06079")
    assert r.status_code == 200
    rows = r.json()
    assert {row["service_request_id"] for row in rows} == {str(book.open.pk), str(book.resolved.pk)}
    for row in rows:
        assert list(row) == list(REQUESTS_JSON[0])  # the specification's fields, in its order
        assert row["status"] in ("open", "closed")
        for field in ("requested_datetime", "updated_datetime"):
            assert W3C.match(row[field]), row[field]
        assert row["expected_datetime"] is None or W3C.match(row["expected_datetime"])
    one = get(f"requests/{book.resolved.pk}.xml")
    assert one.status_code == 200
    assert xml_shape(one.content) == xml_shape(REQUEST_XML)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_it_refuses_a_bad_key_in_the_shape_of_the_errors_example(world: World, fmt: str) -> None:
    r = Client().post(
        URL + f"requests.{fmt}",
        {"api_key": "dv_00000000_" + "x" * 30, "service_code": "reflection-other"},
    )
    assert r.status_code == 403
    if fmt == "json":
        assert keys_of(r.json()) == keys_of(ERRORS_JSON)
        assert r.json()[0]["code"] == 403
    else:
        assert xml_shape(r.content) == xml_shape(ERRORS_XML)
        assert parse_xml(r.content).find("error/code").text == "403"


def test_it_gives_requests_their_dates_and_status_as_the_portal_does(book: Book) -> None:
    rows = {row["service_request_id"]: row for row in get("requests.json").json()}
    answered = rows[str(book.resolved.pk)]
    assert answered["status"] == "closed"
    assert answered["status_notes"].startswith("Đã giải quyết. Đã có kết quả giải quyết.")
    assert answered["service_code"] == "recommendation-environment"
    assert answered["service_name"] == "Kiến nghị – Môi trường"
    assert answered["requested_datetime"] == "2026-10-01T00:00:00+07:00"
    assert answered["updated_datetime"] == "2026-10-30T00:00:00+07:00"
    assert answered["expected_datetime"] is None
    assert answered["agency_responsible"] == "UBND Xã Hồng Phong (tỉnh Lạng Sơn)"
    running = rows[str(book.open.pk)]
    assert running["status"] == "open"
    assert running["status_notes"].startswith("Mới tiếp nhận.")
    assert running["expected_datetime"] == f"{book.open.due_on:%Y-%m-%d}T23:59:59+07:00"
    assert f"{book.open.due_on:%d/%m/%Y}" in running["service_notice"]


def test_it_says_where_georeport_is_served_as_service_discovery_asks(world: World) -> None:
    # wiki.open311.org/Service_Discovery: each endpoint with its specification, url, type and
    # formats; the bare /open311/v2/ answers the same document.
    for path in ("discovery.json", ""):
        found = get(path).json()
        (endpoint,) = found["endpoints"]
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint["url"] == "http://testserver/open311/v2"
        assert endpoint["type"] == "production"
        assert set(endpoint["formats"]) == {"text/xml", "application/json"}
        assert W3C.match(found["changeset"])
    xml = parse_xml(get("discovery.xml").content)
    assert xml.tag == "discovery"
    assert [f.text for f in xml.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]


# The "Sample URL" of each method, our jurisdiction for city.gov.
SAMPLE_URLS = [
    ("services.xml?jurisdiction_id=city.gov", 200, "services"),
    ("services/033.xml?jurisdiction_id=city.gov", 404, "errors"),  # no service 033 here
    ("tokens/123456.xml?jurisdiction_id=city.gov", 404, "errors"),  # type realtime: no tokens
    (
        "requests.xml?start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z"
        "&status=open&jurisdiction_id=city.gov",
        200,
        "service_requests",
    ),
    ("requests/123456.xml?jurisdiction_id=city.gov", 404, "errors"),
]


@pytest.mark.parametrize(("sample", "status", "root"), SAMPLE_URLS)
def test_it_answers_the_sample_urls_of_the_specification(
    book: Book, sample: str, status: int, root: str
) -> None:
    r = Client().get(URL + sample.replace("city.gov", "06079"))
    assert r.status_code == status
    assert r["Content-Type"] == "text/xml; charset=utf-8"
    assert parse_xml(r.content).tag == root
    # and with the specification's own jurisdiction, which is not a commune: 404
    assert Client().get(URL + sample).status_code == 404
