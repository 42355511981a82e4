"""Answers in the two formats of GeoReport v2, and its one error shape.

XML is the specification's required format and JSON its "Spark convention" mapping of it
(wiki.open311.org/GeoReport_v2, "Format Support", "JSON Support"): a list of the XML is a JSON
array of its items, an element a key, an empty element null. Lists are named here once
(`ITEMS`) so that both formats come from the same rows.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone

FORMATS = ("json", "xml")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}
# The element of each item of a list, by the list's name (the specification's examples).
ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
# Characters XML 1.0 cannot carry at all (a NUL typed into a parameter we quote back).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def w3c(moment: datetime | None) -> str | None:
    """A moment in the W3C profile of ISO 8601 with its offset, in the commune's time zone
    ("2026-05-04T09:15:00+07:00"), as "Date/time format" requires."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def day_end(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _element(parent: ET.Element, name: str, value: Any) -> None:
    node = ET.SubElement(parent, name)
    _fill(node, name, value)


def _fill(node: ET.Element, name: str, value: Any) -> None:
    if isinstance(value, list):
        for item in value:
            _element(node, ITEMS[name], item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _element(node, key, item)
    elif value is not None:
        node.text = _text(value)


def to_xml(root: str, value: Any) -> str:
    node = ET.Element(root)
    _fill(node, root, value)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(node, encoding="unicode")


def answer(fmt: str, root: str, value: Any, *, status: int = 200) -> HttpResponse:
    """`value` (a list of rows or one row) as the document `root` of the specification."""
    body = to_xml(root, value) if fmt == "xml" else json.dumps(value, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


class Refused(Exception):
    """A request GeoReport v2 answers with its error list: 400 bad input, 403 a key, 404 a
    jurisdiction, service, request or page that does not exist, 429, 503."""

    def __init__(self, status: int, *descriptions: str, retry_after: int | None = None) -> None:
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = descriptions
        self.retry_after = retry_after


def errors(
    fmt: str, status: int, *descriptions: str, retry_after: int | None = None
) -> HttpResponse:
    """The specification's error shape ("Errors"): a list of {code, description}, the code the
    HTTP status, each description a Vietnamese sentence for the person using the client."""
    rows = [{"code": status, "description": d} for d in descriptions]
    response = answer(fmt if fmt in FORMATS else "json", "errors", rows, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def refused(fmt: str, e: Refused) -> HttpResponse:
    return errors(fmt, e.status, *e.descriptions, retry_after=e.retry_after)
