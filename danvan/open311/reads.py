"""GET requests: the status of the public feedback of the communes, and nothing else.

Only kiến nghị and phản ánh are listed (catalogue.PUBLIC_KINDS); never a complaint, a
denunciation or a letter of several kinds, and never a case marked sensitive (dân tộc, tôn
giáo). What a request carries is what the portal's status page shows anyone holding the
receipt, less every free text: the kind and field, the commune, the status and its plain
explanation, the dates and the legal time limit. The summary, the letter, the answer and the
officers' notes are written for the commune and the sender and may name a neighbour, a
household or an official; published to everyone they would be personal data, so `description`
is always null and the sender follows the details on the portal's page by the receipt's code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from danvan.core.deadlines import rule_for
from danvan.core.errors import DomainError
from danvan.core.http import int_param
from danvan.core.models import Unit
from danvan.open311.catalogue import PUBLIC_KINDS, SERVICES, service_of
from danvan.open311.render import Refused, day_end, day_start, w3c
from danvan.petitions.models import Petition, PetitionEvent
from danvan.portal.forms import commune_label
from danvan.portal.petitions import STATUS_TEXT

CLOSED = Petition.CLOSED_STATUSES
# "Response Volume": a span of 90 days or the first 1000 requests, whichever is smaller.
SPAN = timedelta(days=90)
MOST = 1000
YEARS = (1900, 2999)
FIELDS = (
    "commune_id",
    "kind",
    "topic",
    "status",
    "received_on",
    "accepted_on",
    "closed_on",
    "due_on",
    "procedure",
    "step",
    "step_started_on",
    "paused_on",
    "created_at",
)
# The days before end_date read first, widened until a page is full: a province's 90 days are
# tens of thousands of cases, of which a page needs the newest few hundred.
WINDOWS = (2, 8, 30)


def public_requests() -> QuerySet[Petition]:
    """Every petition GeoReport may show, with the day of its latest public step."""
    latest = (
        PetitionEvent.objects.filter(petition=OuterRef("pk"), public=True)
        .order_by("-on")
        .values("on")[:1]
    )
    active = Unit.objects.filter(kind=Unit.Kind.COMMUNE, is_active=True).values("pk")
    return (
        Petition.objects.filter(kind__in=PUBLIC_KINDS, sensitive=False, commune_id__in=active)
        .only(*FIELDS)
        .annotate(last_step_on=Subquery(latest))
        .order_by("-received_on", "-id")
    )


def find(raw_id: str, commune: Unit | None) -> Petition:
    """One public request by its service_request_id, or 404 (the same for a case that exists
    but is not public: no one learns which ids are denunciations)."""
    pk = int_param(raw_id)
    found = (
        public_requests().filter(pk=pk) if pk is not None and pk > 0 else Petition.objects.none()
    )
    if commune is not None:
        found = found.filter(commune=commune)
    petition = found.first()  # no query for an id that is no number
    if petition is None:
        raise Refused(404, _("Không tìm thấy yêu cầu số “%(id)s”.") % {"id": str(raw_id)[:20]})
    return with_communes([petition])[0]


@dataclass
class Query:
    ids: list[int] | None = None
    codes: list[str] | None = None
    start: datetime | None = None
    end: datetime | None = None
    statuses: list[str] | None = None
    page: int = 1
    page_size: int = MOST


def _moment(name: str, raw: str, problems: list[str]) -> datetime | None:
    value = raw.strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)) is not None:
            moment = datetime.combine(day, datetime.min.time())
    except ValueError:
        moment = None
    # Years far off are no one's request, and 90 days around year 1 or 9999 leave the calendar.
    if moment is None or not YEARS[0] <= moment.year <= YEARS[1]:
        problems.append(
            _("%(name)s không phải là ngày giờ hợp lệ; viết như 2026-05-01T00:00:00+07:00.")
            % {"name": name}
        )
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _listed(raw: str) -> list[str]:
    return [v.strip() for v in raw.split(",") if v.strip()]


def parse(params: QueryDict) -> Query:
    """The filters of "GET Service Requests", checked: every problem is named at once (400)."""
    problems: list[str] = []
    q = Query()
    if ids := _listed(params.get("service_request_id", "")):
        numbers = [int_param(i) for i in ids]
        if any(n is None or n <= 0 for n in numbers):
            problems.append(_("service_request_id là các số yêu cầu, cách nhau bằng dấu phẩy."))
        elif len(numbers) > MOST:
            problems.append(_("Mỗi lần hỏi tối đa %(most)d số yêu cầu.") % {"most": MOST})
        else:
            q.ids = [n for n in numbers if n is not None]
    if codes := _listed(params.get("service_code", "")):
        unknown = [c for c in codes if c not in SERVICES]
        if unknown:
            problems.append(
                _("Không có loại yêu cầu (service_code) “%(codes)s”; xem services.json.")
                % {"codes": ", ".join(c[:40] for c in unknown[:5])}
            )
        q.codes = codes
    if statuses := _listed(params.get("status", "")):
        if any(s not in ("open", "closed") for s in statuses):
            problems.append(_("status chỉ nhận open (đang xử lý) hoặc closed (đã kết thúc)."))
        q.statuses = statuses
    q.start = _moment("start_date", params.get("start_date", ""), problems)
    q.end = _moment("end_date", params.get("end_date", ""), problems)
    if q.start and q.end and q.end < q.start:
        problems.append(_("end_date phải sau start_date."))
    elif q.start and q.end and q.end - q.start > SPAN:
        problems.append(_("Khoảng từ start_date đến end_date không được quá 90 ngày."))
    for name, most in (("page", 10**6), ("page_size", MOST)):
        raw = params.get(name, "").strip()
        if not raw:
            continue
        number = int_param(raw)
        if number is None or not 1 <= number <= most:
            problems.append(
                _("%(name)s là số nguyên từ 1 đến %(most)d.") % {"name": name, "most": most}
            )
        else:
            setattr(q, name, number)
    if problems:
        raise Refused(400, *problems)
    return q


def select(q: Query, commune: Unit | None) -> list[Petition]:
    """The requests a query asks for, newest first. A list of ids "overrides all other
    arguments"; otherwise the span defaults to the 90 days before end_date (or now), and each
    bound is compared with the day the petition was received (its legal date)."""
    rows = public_requests()
    if commune is not None:
        rows = rows.filter(commune=commune)
    if q.ids is not None:
        return with_communes(list(rows.filter(pk__in=q.ids)[:MOST]))
    if q.codes:
        asked = [SERVICES[c] for c in q.codes]
        rows = rows.filter(reduce(or_, (Q(kind=s.kind, topic=s.topic) for s in asked)))
    if q.statuses and len(set(q.statuses)) == 1:
        rows = (
            rows.filter(status__in=CLOSED)
            if q.statuses[0] == "closed"
            else rows.exclude(status__in=CLOSED)
        )
    end = q.end or (q.start + SPAN if q.start else timezone.now())
    start = q.start or end - SPAN
    last, earliest = timezone.localdate(end), timezone.localdate(start)
    first = (q.page - 1) * q.page_size
    # One commune's cases come in order from its (commune, received_on) index: no window needed.
    for days in (*(WINDOWS if commune is None else ()), None):
        since = earliest if days is None else max(earliest, last - timedelta(days=days))
        window = rows.filter(received_on__gte=since, received_on__lte=last)
        found = list(window[first : first + q.page_size])
        # A full page from the newest days is the page: every case left out is older.
        if len(found) == q.page_size or since == earliest:
            return with_communes(found)
    raise AssertionError("the last window is the whole span")


def with_communes(petitions: list[Petition]) -> list[Petition]:
    """Each petition with its commune and province, read once for the page."""
    ids = {p.commune_id for p in petitions}
    units = Unit.objects.filter(pk__in=ids).select_related("parent").in_bulk()
    for p in petitions:
        p.commune = units[p.commune_id]
    return petitions


def notice(p: Petition) -> str | None:
    """The running time limit as the status page words it, with its article."""
    if p.status == Petition.Status.PAUSED and p.paused_on:
        return _("Tạm dừng tính thời hạn từ ngày %(on)s.") % {"on": f"{p.paused_on:%d/%m/%Y}"}
    if not (p.is_open and p.due_on and p.step and p.step_started_on):
        return None
    try:
        rule = rule_for(p.procedure, p.step, p.step_started_on)
    except DomainError:
        rule = None
    name = rule.name if rule else _("Thời hạn xử lý")
    text = _("%(name)s: đến hết ngày %(due)s") % {"name": name, "due": f"{p.due_on:%d/%m/%Y}"}
    return f"{text} ({rule.source})." if rule and rule.source else f"{text}."


def row(p: Petition) -> dict[str, Any]:
    """One request as "GET Service Request(s)" gives it, in the specification's field order."""
    service = service_of(p.kind, p.topic)
    requested = (
        p.created_at
        if timezone.localdate(p.created_at) == p.received_on
        else day_start(p.received_on)
    )
    last_day = (
        p.closed_on
        if not p.is_open and p.closed_on
        else max(d for d in (p.received_on, p.accepted_on, getattr(p, "last_step_on", None)) if d)
    )
    updated = max(requested, day_start(last_day))
    running = p.is_open and p.status != Petition.Status.PAUSED and p.due_on
    return {
        "service_request_id": str(p.pk),
        "status": "open" if p.is_open else "closed",
        "status_notes": f"{p.get_status_display()}. {STATUS_TEXT.get(p.status, '')}".strip(),
        "service_name": service.name if service else None,
        "service_code": service.code if service else None,
        "description": None,
        "agency_responsible": f"UBND {commune_label(p.commune)}",
        "service_notice": notice(p),
        "requested_datetime": w3c(requested),
        "updated_datetime": w3c(updated),
        "expected_datetime": w3c(day_end(p.due_on)) if running and p.due_on else None,
        "address": commune_label(p.commune),
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }
