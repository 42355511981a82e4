"""Read endpoints: what a commune's read-only member sees in the pages, as JSON.

A key is a system, not a person (docs/permissions.md, "Khóa API"): it reads the records of its
communes that every member of the commune reads (plans, tasks, disclosures, consultations,
decisions, supervision), and of petitions only what a read-only member is shown, their
figures: a case's number, kind, topic, channel, status and dates, never its summary, content,
petitioner, handler, nor a denouncer's identity (Luật Tố cáo 2018, Điều 8 khoản 3). Another
commune's record is a 404, as in the pages.

Every list is paginated (`page`, `page_size` ≤ 200, newest first) and filters by `commune`
(official code), `status` and `updated_since` (created or changed since: an entry of the audit
log on the record, the one place every change is written).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Model, Q, QuerySet
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from danvan.api.auth import readable
from danvan.api.errors import READ_ERRORS, Refused, only
from danvan.consultations.models import Consultation
from danvan.core.models import AuditEntry, Unit
from danvan.decisions.models import CommunityDecision
from danvan.disclosures.models import Disclosure
from danvan.leaders.overview import compose
from danvan.petitions.models import Petition, PetitionKind
from danvan.plans.models import DRAFT_STATUS, Plan, Task, TaskStatus
from danvan.supervision.models import Recommendation

router = Router()
M = TypeVar("M", bound=Model)
MAX_PAGE_SIZE = 200


class Filters(Schema):
    commune: str | None = Field(None, description="mã xã (mã hành chính), ví dụ 06079")
    status: str | None = Field(None, description="trạng thái (giá trị `status` trong kết quả)")
    updated_since: datetime | None = Field(
        None, description="chỉ bản ghi được tạo hoặc thay đổi từ thời điểm này (ISO 8601)"
    )
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class PageOut(Schema):
    count: int
    page: int
    page_size: int


def _choice(name: str, value: str | None, allowed: list[str]) -> str | None:
    """A filter that takes one of `allowed`: None when not given, 422 for any other value."""
    if value in (None, ""):
        return None
    if value not in allowed:
        raise Refused(422, fields={name: only(allowed)})
    return value


def _since(qs: QuerySet[M], f: Filters, created: str | None) -> QuerySet[M]:
    if f.updated_since is None:
        return qs
    since = f.updated_since
    try:
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
        # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 text may carry.
        since = since.astimezone(UTC)
    except (OverflowError, ValueError):
        raise Refused(422, fields={"updated_since": "Thời điểm không hợp lệ."}) from None
    changed = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(qs.model), created_at__gte=since
        )
        .annotate(oid=Cast("object_id", BigIntegerField()))
        .values("oid")
    )
    condition = Q(pk__in=changed)
    if created:
        condition |= Q(**{f"{created}__gte": since})
    return qs.filter(condition)


def _page(qs: QuerySet[M], f: Filters, row: Any) -> dict[str, Any]:
    count = qs.count()
    start = (f.page - 1) * f.page_size
    items = [row(obj) for obj in qs.order_by("-pk")[start : start + f.page_size]]
    return {"count": count, "page": f.page, "page_size": f.page_size, "items": items}


def _one(qs: QuerySet[M], request: HttpRequest, pk: int) -> M:
    obj = qs.filter(pk=pk, commune_id__in=readable(request)).first()
    if obj is None:
        raise Refused(404)
    return obj


def _code(unit: Unit | None) -> str:
    return unit.code if unit is not None else ""


def _name(unit: Unit | None) -> str:
    return unit.label if unit is not None else ""


# --- plans and tasks --------------------------------------------------------------------------


class PlanOut(Schema):
    id: int
    commune: str
    commune_id: int
    title: str
    number: str
    symbol: str
    year: int
    status: str
    issued_on: date | None
    lead_unit: str
    created_at: datetime


class PlanPage(PageOut):
    items: list[PlanOut]


def plan_row(p: Plan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "commune": _code(p.commune),
        "commune_id": p.commune_id,
        "title": p.title,
        "number": p.number,
        "symbol": p.symbol,
        "year": p.year,
        "status": p.status,
        "issued_on": p.issued_on,
        "lead_unit": _name(p.lead_unit),
        "created_at": p.created_at,
    }


def _plans() -> QuerySet[Plan]:
    return Plan.objects.select_related("commune", "lead_unit")


@router.get("/plans", response={200: PlanPage, **READ_ERRORS}, summary="Kế hoạch")
def plans(request: HttpRequest, f: Query[Filters]) -> dict[str, Any]:
    qs = _plans().filter(commune_id__in=readable(request, f.commune))
    if status := _choice("status", f.status, list(Plan.Status.values)):
        qs = qs.filter(status=status)
    return _page(_since(qs, f, "created_at"), f, plan_row)


@router.get("/plans/{int:plan_id}", response={200: PlanOut, **READ_ERRORS}, summary="Một kế hoạch")
def plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    return plan_row(_one(_plans(), request, plan_id))


class TaskOut(Schema):
    id: int
    commune: str
    commune_id: int
    plan_id: int | None
    title: str
    lead_unit: str
    recurrence: str
    start_date: date
    due_date: date | None
    next_due: date | None
    percent: int
    done_on: date | None
    status: str


class TaskPage(PageOut):
    items: list[TaskOut]


def task_row(t: Task) -> dict[str, Any]:
    return {
        "id": t.pk,
        "commune": _code(t.commune),
        "commune_id": t.commune_id,
        "plan_id": t.plan_id,
        "title": t.title,
        "lead_unit": _name(t.lead_unit),
        "recurrence": t.recurrence,
        "start_date": t.start_date,
        "due_date": t.due_date,
        "next_due": t.next_due,
        "percent": t.percent,
        "done_on": t.done_on,
        "status": t.status_code,  # type: ignore[attr-defined]
    }


def _tasks() -> QuerySet[Task]:
    return Task.objects.with_status().select_related("commune", "lead_unit")


class TaskFilters(Filters):
    plan: int | None = Field(None, description="chỉ nhiệm vụ của kế hoạch này (id)")


@router.get("/tasks", response={200: TaskPage, **READ_ERRORS}, summary="Nhiệm vụ")
def tasks(request: HttpRequest, f: Query[TaskFilters]) -> dict[str, Any]:
    qs = _tasks().filter(commune_id__in=readable(request, f.commune))
    if f.plan is not None:
        qs = qs.filter(plan_id=f.plan)
    if status := _choice("status", f.status, [*TaskStatus.values, DRAFT_STATUS]):
        qs = qs.filter(status_code=status)  # type: ignore[misc]
    return _page(_since(qs, f, None), f, task_row)


@router.get("/tasks/{int:task_id}", response={200: TaskOut, **READ_ERRORS}, summary="Một nhiệm vụ")
def task(request: HttpRequest, task_id: int) -> dict[str, Any]:
    return task_row(_one(_tasks(), request, task_id))


# --- petitions: the figures a read-only member sees, never a person ------------------------


class PetitionOut(Schema):
    id: int
    commune: str
    commune_id: int
    code: str = Field(description="số thứ tự trong sổ của xã: số/năm")
    kind: str
    topic: str
    channel: str
    status: str
    multi_person: bool = Field(description="đơn có từ 5 người ký trở lên")
    village: str
    handling_unit: str
    received_on: date
    due_on: date | None
    closed_on: date | None
    closed_on_time: bool | None
    overdue: bool


class PetitionPage(PageOut):
    items: list[PetitionOut]


def petition_row(p: Petition) -> dict[str, Any]:
    # Only fields that name nobody: no summary, content, petitioner, handler, answer or
    # tracking code (the citizen's own key to the public page).
    return {
        "id": p.pk,
        "commune": _code(p.commune),
        "commune_id": p.commune_id,
        "code": p.code,
        "kind": p.kind,
        "topic": p.topic,
        "channel": p.channel,
        "status": p.status,
        "multi_person": p.multi_person,
        "village": _name(p.village),
        "handling_unit": _name(p.handling_unit),
        "received_on": p.received_on,
        "due_on": p.due_on,
        "closed_on": p.closed_on,
        "closed_on_time": p.closed_on_time,
        "overdue": p.is_overdue(),
    }


def _petitions() -> QuerySet[Petition]:
    return Petition.objects.select_related("commune", "village", "handling_unit")


class PetitionFilters(Filters):
    kind: str | None = Field(None, description="loại đơn")


@router.get(
    "/petitions",
    response={200: PetitionPage, **READ_ERRORS},
    summary="Đơn thư (chỉ số liệu, không có thông tin cá nhân)",
)
def petitions(request: HttpRequest, f: Query[PetitionFilters]) -> dict[str, Any]:
    qs = _petitions().filter(commune_id__in=readable(request, f.commune))
    if status := _choice("status", f.status, list(Petition.Status.values)):
        qs = qs.filter(status=status)
    if kind := _choice("kind", f.kind, list(PetitionKind.values)):
        qs = qs.filter(kind=kind)
    return _page(_since(qs, f, "created_at"), f, petition_row)


@router.get(
    "/petitions/{int:petition_id}",
    response={200: PetitionOut, **READ_ERRORS},
    summary="Một đơn thư (chỉ số liệu)",
)
def petition(request: HttpRequest, petition_id: int) -> dict[str, Any]:
    return petition_row(_one(_petitions(), request, petition_id))


# --- disclosures, consultations, decisions, supervision ---------------------------------------


class DisclosureOut(Schema):
    id: int
    commune: str
    commune_id: int
    category: str
    title: str
    document_ref: str
    decided_on: date
    start_due: date | None
    responsible_unit: str
    status: str = Field(description="current (đang công khai) hoặc withdrawn (đã gỡ bỏ)")
    withdrawn_on: date | None
    created_at: datetime


class DisclosurePage(PageOut):
    items: list[DisclosureOut]


def disclosure_row(d: Disclosure) -> dict[str, Any]:
    return {
        "id": d.pk,
        "commune": _code(d.commune),
        "commune_id": d.commune_id,
        "category": d.category.short_name,
        "title": d.title,
        "document_ref": d.document_ref,
        "decided_on": d.decided_on,
        "start_due": d.start_due,
        "responsible_unit": _name(d.responsible_unit),
        "status": "withdrawn" if d.withdrawn_on else "current",
        "withdrawn_on": d.withdrawn_on,
        "created_at": d.created_at,
    }


def _disclosures() -> QuerySet[Disclosure]:
    return Disclosure.objects.select_related("commune", "category", "responsible_unit")


@router.get("/disclosures", response={200: DisclosurePage, **READ_ERRORS}, summary="Công khai")
def disclosures(request: HttpRequest, f: Query[Filters]) -> dict[str, Any]:
    qs = _disclosures().filter(commune_id__in=readable(request, f.commune))
    status = _choice("status", f.status, ["current", "withdrawn"])
    if status:
        qs = qs.filter(withdrawn_on__isnull=status == "current")
    return _page(_since(qs, f, "created_at"), f, disclosure_row)


@router.get(
    "/disclosures/{int:disclosure_id}",
    response={200: DisclosureOut, **READ_ERRORS},
    summary="Một nội dung công khai",
)
def disclosure(request: HttpRequest, disclosure_id: int) -> dict[str, Any]:
    return disclosure_row(_one(_disclosures(), request, disclosure_id))


class ConsultationOut(Schema):
    id: int
    commune: str
    commune_id: int
    title: str
    matter: str
    status: str
    lead_unit: str
    opens_on: date | None
    closes_on: date | None
    closed_on: date | None
    published_on: date | None
    created_at: datetime


class ConsultationPage(PageOut):
    items: list[ConsultationOut]


def consultation_row(c: Consultation) -> dict[str, Any]:
    return {
        "id": c.pk,
        "commune": _code(c.commune),
        "commune_id": c.commune_id,
        "title": c.title,
        "matter": c.matter.name[:300] if c.matter else c.matter_other,
        "status": c.status,
        "lead_unit": _name(c.lead_unit),
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "closed_on": c.closed_on,
        "published_on": c.published_on,
        "created_at": c.created_at,
    }


def _consultations() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("commune", "matter", "lead_unit")


@router.get("/consultations", response={200: ConsultationPage, **READ_ERRORS}, summary="Lấy ý kiến")
def consultations(request: HttpRequest, f: Query[Filters]) -> dict[str, Any]:
    qs = _consultations().filter(commune_id__in=readable(request, f.commune))
    if status := _choice("status", f.status, list(Consultation.Status.values)):
        qs = qs.filter(status=status)
    return _page(_since(qs, f, "created_at"), f, consultation_row)


@router.get(
    "/consultations/{int:consultation_id}",
    response={200: ConsultationOut, **READ_ERRORS},
    summary="Một cuộc lấy ý kiến",
)
def consultation(request: HttpRequest, consultation_id: int) -> dict[str, Any]:
    return consultation_row(_one(_consultations(), request, consultation_id))


class DecisionOut(Schema):
    id: int
    commune: str
    commune_id: int
    title: str
    item: str
    scope: str
    form: str
    status: str
    outcome: str
    voted_until: date | None
    sent_on: date | None
    recognised_on: date | None
    effective_on: date | None
    refused_on: date | None
    created_at: datetime


class DecisionPage(PageOut):
    items: list[DecisionOut]


def decision_row(d: CommunityDecision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "commune": _code(d.commune),
        "commune_id": d.commune_id,
        "title": d.title,
        "item": d.item.short_name,
        "scope": d.scope,
        "form": d.form,
        "status": d.status,
        "outcome": d.outcome,
        "voted_until": d.voted_until,
        "sent_on": d.sent_on,
        "recognised_on": d.recognised_on,
        "effective_on": d.effective_on,
        "refused_on": d.refused_on,
        "created_at": d.created_at,
    }


def _decisions() -> QuerySet[CommunityDecision]:
    return CommunityDecision.objects.select_related("commune", "item")


@router.get(
    "/decisions", response={200: DecisionPage, **READ_ERRORS}, summary="Dân bàn và quyết định"
)
def decisions(request: HttpRequest, f: Query[Filters]) -> dict[str, Any]:
    qs = _decisions().filter(commune_id__in=readable(request, f.commune))
    if status := _choice("status", f.status, list(CommunityDecision.Status.values)):
        qs = qs.filter(status=status)
    return _page(_since(qs, f, "created_at"), f, decision_row)


@router.get(
    "/decisions/{int:decision_id}",
    response={200: DecisionOut, **READ_ERRORS},
    summary="Một việc dân quyết định",
)
def decision(request: HttpRequest, decision_id: int) -> dict[str, Any]:
    return decision_row(_one(_decisions(), request, decision_id))


class RecommendationOut(Schema):
    id: int
    commune: str
    commune_id: int
    code: str
    title: str
    addressed_to: str
    sent_on: date
    received_on: date | None
    status: str
    owner_unit: str
    due_on: date | None
    answered_on: date | None
    published: bool
    task_id: int | None
    created_at: datetime


class RecommendationPage(PageOut):
    items: list[RecommendationOut]


def recommendation_row(r: Recommendation) -> dict[str, Any]:
    return {
        "id": r.pk,
        "commune": _code(r.commune),
        "commune_id": r.commune_id,
        "code": f"{r.number}/{r.year}",
        "title": r.title,
        "addressed_to": r.addressed_to,
        "sent_on": r.sent_on,
        "received_on": r.received_on,
        "status": r.status,
        "owner_unit": _name(r.owner_unit),
        "due_on": r.due_on,
        "answered_on": r.answered_on,
        "published": r.published_at is not None,
        "task_id": r.task_id,
        "created_at": r.created_at,
    }


def _recommendations() -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related("commune", "owner_unit")


@router.get(
    "/supervision/recommendations",
    response={200: RecommendationPage, **READ_ERRORS},
    summary="Kiến nghị của ban giám sát",
)
def recommendations(request: HttpRequest, f: Query[Filters]) -> dict[str, Any]:
    qs = _recommendations().filter(commune_id__in=readable(request, f.commune))
    if status := _choice("status", f.status, list(Recommendation.Status.values)):
        qs = qs.filter(status=status)
    return _page(_since(qs, f, "created_at"), f, recommendation_row)


@router.get(
    "/supervision/recommendations/{int:recommendation_id}",
    response={200: RecommendationOut, **READ_ERRORS},
    summary="Một kiến nghị giám sát",
)
def recommendation(request: HttpRequest, recommendation_id: int) -> dict[str, Any]:
    return recommendation_row(_one(_recommendations(), request, recommendation_id))


# --- the leaders' overview ---------------------------------------------------------------------

# Late lists a key may not open: a petition's title quotes its summary; reception visits and
# directives name people. Their counts stay.
NOT_FOR_KEYS = ("petitions", "reception", "directives")


class OverviewFilters(Schema):
    commune: str = Field(description="mã xã (mã hành chính), ví dụ 06079")
    on: date | None = Field(None, description="số liệu đến ngày (mặc định hôm nay)")


@router.get(
    "/overview",
    response={200: dict[str, Any], **READ_ERRORS},
    summary="Tổng quan điều hành của một xã (như `danvan overview --json`)",
)
def overview(request: HttpRequest, f: Query[OverviewFilters]) -> dict[str, Any]:
    if not f.commune:
        raise Refused(422, fields={"commune": "Thiếu mã xã."})
    (cid,) = readable(request, f.commune)
    commune = Unit.objects.get(pk=cid)
    on = f.on or timezone.localdate()
    if not 2000 <= on.year <= 2100:
        raise Refused(422, fields={"on": "Ngoài khoảng năm 2000–2100."})
    start = date(on.year, 1, 1)
    parts = compose(communes=[cid], start=start, end=on, on=on)
    for name in NOT_FOR_KEYS:
        if name in parts:
            parts[name]["late_items"] = []
    return {
        "commune": {"code": commune.code, "name": commune.name},
        "on": on.isoformat(),
        "start": start.isoformat(),
        "end": on.isoformat(),
        **parts,
    }
