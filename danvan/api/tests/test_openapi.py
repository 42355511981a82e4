"""The OpenAPI description validates, and property-based requests over it (schemathesis, through
Django's WSGI application) find no 500 and no answer outside the documented schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from danvan.api.tests.records import SECRETS, Records
from danvan.conftest import World
from danvan.core import apikeys


def test_the_openapi_document_validates(db: None) -> None:
    r = Client().get("/api/openapi.json")
    assert r.status_code == 200
    document = r.json()
    validate(document)
    assert document["components"]["securitySchemes"]["KeyAuth"]["name"] == "X-API-Key"
    paths = set(document["paths"])
    for path in ("/api/plans", "/api/petitions", "/api/overview", "/api/plans/import"):
        assert path in paths
    assert "post" in document["paths"]["/api/petitions"]


def test_the_docs_page_loads_its_scripts_from_our_origin(db: None) -> None:
    r = Client().get("/api/docs")
    assert r.status_code == 200
    html = r.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    policy = r["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


# Read through Django's WSGI application, as a client would: the description needs no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())


@pytest.fixture
def kept_connection() -> Iterator[None]:
    """Django's WSGI handler closes the database connection after each request, which would
    end the test's transaction on PostgreSQL; its test client keeps it, so do the same."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def key(world: World, records: Records, kept_connection: None) -> str:
    _, raw = apikeys.issue(name="Kiểm thử", unit=world.province, can_write=True, by=None)
    return raw


@schema.parametrize()
@settings(max_examples=25, suppress_health_check=list(HealthCheck))
def test_no_500_and_every_answer_in_its_schema(case: Any, key: str, settings: Any) -> None:
    settings.DANVAN_API_REQUESTS_PER_MINUTE = 0
    response = case.call_and_validate(
        # The WSGI transport does not unzip what GZipMiddleware compresses.
        headers={"X-API-Key": key, "Accept-Encoding": "identity"},
        checks=[response_schema_conformance, status_code_conformance, content_type_conformance],
    )
    assert response.status_code < 500, response.text
    text = response.text
    for secret in SECRETS:
        assert secret not in text and json.dumps(secret)[1:-1] not in text
