"""The register's queries: one for a page of awards, with what its rows show."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet

from danvan.commendations.models import Award, Proposal
from danvan.lib.text import fold


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    source: str = ""
    form: int | None = None
    kind: str = ""
    q: str = ""

    def query(self) -> str:
        """The filters as a query string, for pagination and the export."""
        parts = [
            ("nam", self.year or ""),
            ("ve", self.source),
            ("hinh-thuc", self.form or ""),
            ("loai", self.kind),
            ("q", self.q),
        ]
        return urlencode([(k, v) for k, v in parts if v])


def register(commune_id: int, f: Filters) -> QuerySet[Award]:
    qs = Award.objects.filter(commune_id=commune_id)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.source:
        qs = qs.filter(source=f.source)
    if f.form:
        qs = qs.filter(decision__form_id=f.form)
    if f.kind:
        qs = qs.filter(recipient_kind=f.kind)
    words = fold(f.q)
    if words:
        for word in words.split()[:8]:
            qs = qs.filter(search__contains=word)
    return qs.select_related("decision", "decision__form", "recipient_unit").order_by(
        "-decision__signed_on", "-decision_id", "pk"
    )


def proposals(commune_id: int, status: str = "") -> QuerySet[Proposal]:
    qs = Proposal.objects.filter(commune_id=commune_id)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("form", "proposing_unit").order_by("-proposed_on", "-pk")
