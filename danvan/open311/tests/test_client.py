"""An Open311 client written from the specification alone (wiki.open311.org/GeoReport_v2): it
knows the endpoint's address, its jurisdiction_id and an API key, speaks XML (the format the
specification requires) over HTTP with httpx, and lists services, reads a definition, posts a
request and follows its status, as a citizen app would."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree as ET

import httpx
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from danvan.conftest import World
from danvan.core.models import AuditEntry
from danvan.open311.tests.conftest import Keys, parse_xml
from danvan.petitions import services as petition_services
from danvan.petitions.models import Petition


class GeoReportClient:
    """GeoReport v2 as its specification describes it, nothing of this project."""

    def __init__(self, http: httpx.Client, endpoint: str, jurisdiction: str, api_key: str) -> None:
        self.http, self.endpoint = http, endpoint.rstrip("/")
        self.jurisdiction, self.api_key = jurisdiction, api_key

    def _items(self, response: httpx.Response, item: str) -> list[dict[str, Any]]:
        if response.status_code >= 400:
            errors = parse_xml(response.content).findall("error")
            raise RuntimeError([(e.findtext("code"), e.findtext("description")) for e in errors])
        root = parse_xml(response.content)
        return [self._flat(node) for node in root.findall(item)]

    def _flat(self, node: ET.Element) -> dict[str, Any]:
        return {child.tag: (child.text if len(child) == 0 else child) for child in node}

    def services(self) -> list[dict[str, Any]]:
        r = self.http.get(
            f"{self.endpoint}/services.xml", params={"jurisdiction_id": self.jurisdiction}
        )
        return self._items(r, "service")

    def definition(self, code: str) -> list[dict[str, Any]]:
        r = self.http.get(
            f"{self.endpoint}/services/{code}.xml", params={"jurisdiction_id": self.jurisdiction}
        )
        return self._items(r, "attributes/attribute")

    def create(self, code: str, **fields: str) -> dict[str, Any]:
        body = {
            "api_key": self.api_key,
            "jurisdiction_id": self.jurisdiction,
            "service_code": code,
            **fields,
        }
        r = self.http.post(
            f"{self.endpoint}/requests.xml",
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
        return self._items(r, "request")[0]

    def status(self, request_id: str) -> dict[str, Any]:
        r = self.http.get(
            f"{self.endpoint}/requests/{request_id}.xml",
            params={"jurisdiction_id": self.jurisdiction},
        )
        return self._items(r, "request")[0]

    def search(self, **params: str) -> list[dict[str, Any]]:
        r = self.http.get(
            f"{self.endpoint}/requests.xml", params={"jurisdiction_id": self.jurisdiction, **params}
        )
        return self._items(r, "request")


@pytest.fixture(autouse=True)
def _one_connection() -> Iterator[None]:
    """The application runs in the test's transaction, as Django's test client runs it: a
    request's end must not close the test's database connection."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def client(api_key: str) -> GeoReportClient:
    http = httpx.Client(
        transport=httpx.WSGITransport(app=WSGIHandler()), base_url="http://testserver"
    )
    return GeoReportClient(http, "/open311/v2/", "06079", api_key)


def test_it_serves_a_citizen_app_from_services_to_status(world: World, keys: Keys) -> None:
    app = client(keys.writer)
    offered = {s["service_code"]: s for s in app.services()}
    code = next(
        c for c, s in offered.items() if s["service_name"] == "Phản ánh – Xây dựng, hạ tầng"
    )
    assert offered[code]["metadata"] == "true" and offered[code]["type"] == "realtime"

    needed = {a["code"]: a for a in app.definition(code)}
    required = [c for c, a in needed.items() if a["required"] == "true"]
    answers = {}
    for c in required:  # a list of values: the app offers them; this citizen takes the first
        first = needed[c]["values"].find("value/key").text
        answers[f"attribute[{c}]"] = first
    village = needed["thon"]["values"].find("value")
    answers["attribute[thon]"] = village.findtext("key")

    created = app.create(
        code,
        description="Cống qua đường ở đầu thôn bị tắc, nước tràn lên mặt đường mỗi khi mưa.",
        address_string="Đầu thôn Đoàn Kết, cạnh nhà văn hóa",
        lat="21.8537",
        long="106.7615",
        first_name="Thị Hoa",
        last_name="Nguyễn",
        phone="0912 345 678",
        **answers,
    )
    request_id = created["service_request_id"]
    assert "token" not in created and created["account_id"] is None
    assert "Mã tra cứu" in created["service_notice"]

    status = app.status(request_id)
    assert status["status"] == "open"
    assert status["service_code"] == code
    assert status["status_notes"].startswith("Mới tiếp nhận.")
    assert [r["service_request_id"] for r in app.search(service_request_id=request_id)] == [
        request_id
    ]
    assert request_id in [r["service_request_id"] for r in app.search(status="open")]

    # In the commune's book, as a portal petition, with what the app sent
    petition = Petition.objects.get(pk=request_id)
    assert petition.channel == Petition.Channel.PORTAL
    assert petition.village == world.village
    assert petition.petitioner_name == "Nguyễn Thị Hoa"
    assert (
        petition.subject == "Cống qua đường ở đầu thôn bị tắc, nước tràn lên mặt đường mỗi khi mưa."
    )
    assert "Đầu thôn Đoàn Kết, cạnh nhà văn hóa" in petition.content
    assert "21.8537, 106.7615" in petition.content
    sent = AuditEntry.objects.get(action="open311.received", object_id=str(petition.pk))
    assert (
        sent.changes["service_code"] == code and sent.changes["api_key_name"] == "Ứng dụng công dân"
    )

    # The commune answers; the app sees the case closed
    petition_services.petition_assign(
        petition=petition, by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    petition_services.petition_accept(
        petition=petition, by=world.chairman, accepted_on=petition.received_on
    )
    assert app.status(request_id)["status"] == "open"
    petition_services.petition_resolve(
        petition=petition,
        by=world.chairman,
        decided_on=petition.received_on,
        outcome="Đã thông cống.",
        public_answer="Tổ công tác đã thông cống ngày 02/11.",
    )
    closed = app.status(request_id)
    assert closed["status"] == "closed"
    assert closed["status_notes"].startswith("Đã giải quyết.")
    assert request_id in [r["service_request_id"] for r in app.search(status="closed")]


def test_it_tells_the_client_what_is_wrong_in_the_specifications_error_list(
    world: World, keys: Keys
) -> None:
    app = client(keys.writer)
    try:
        app.create("reflection-other", description="Đèn đường hỏng.")
    except RuntimeError as e:
        (problem,) = e.args[0]
    else:
        raise AssertionError("a request without the pledge was accepted")
    assert problem[0] == "400"
    assert problem[1].startswith("attribute[cam_doan]: ")
