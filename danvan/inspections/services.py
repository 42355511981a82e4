"""Every write of inspections: validated, in a transaction, audited, DomainError in Vietnamese.

No time limit comes from a rule: Chỉ thị 26/CT-TTg was not read (docs/research/promises-law.md
§6), so the conclusion sets each remedy's due date, which becomes its promise's.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TypeVar

from django.db import models, transaction
from django.db.models import Max

from danvan.commendations import services as commendations
from danvan.commendations.models import AwardForm, RecipientKind, Source
from danvan.core.audit import log_action
from danvan.core.errors import DomainError, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Unit, User
from danvan.inspections.models import (
    Finding,
    Inspection,
    InspectionPlan,
    Measure,
    MeasureKind,
    Remedy,
    SubjectKind,
)
from danvan.lib.text import fold
from danvan.promises import services as promises
from danvan.promises.models import Promise

M = TypeVar("M", bound=models.Model)
Status = Inspection.Status


def _save(record: M) -> M:
    save_valid(record)
    return record


def _check_unit(commune_id: int, unit: Unit, what: str) -> None:
    """A unit of the commune that can be inspected or owe a remedy: an office, the Front or an
    organisation, or a village; never the commune itself, a province, or another commune's."""
    if unit.commune_id != commune_id or unit.kind in (Unit.Kind.PROVINCE, Unit.Kind.COMMUNE):
        raise DomainError(f"{what} phải là một đơn vị thuộc xã.")
    if not unit.is_active:
        raise DomainError(f"{what} đã ngừng hoạt động.")


# --- plans ----------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, commune: Unit, by: User, year: int, title: str, issued_on: date, number: str = ""
) -> InspectionPlan:
    if commune.kind != Unit.Kind.COMMUNE:
        raise DomainError("Kế hoạch kiểm tra phải của một xã.")
    if not 2000 <= year <= 2100:
        raise DomainError("Năm phải từ 2000 đến 2100.")
    check_day(issued_on, "Ngày ban hành")
    if issued_on.year > year:
        raise DomainError("Kế hoạch kiểm tra của một năm không ban hành sau năm đó.")
    plan = _save(
        InspectionPlan(
            commune=commune,
            year=year,
            number=number,
            title=title,
            issued_on=issued_on,
            created_by=by,
        )
    )
    log_action(plan, "inspections.plan_created", by=by, changes={"year": year, "number": number})
    return plan


# --- inspections ----------------------------------------------------------------------------


@transaction.atomic
def inspection_create(
    *,
    commune: Unit,
    by: User,
    subject_kind: SubjectKind,
    title: str,
    inspected_unit: Unit,
    planned_from: date,
    planned_to: date,
    team: str = "",
    plan: InspectionPlan | None = None,
) -> Inspection:
    """An inspection of a unit, in the year's plan or not (an unplanned, surprise one)."""
    _check_unit(commune.pk, inspected_unit, "Đơn vị được kiểm tra")
    check_day(planned_from, "Ngày bắt đầu")
    check_day(planned_to, "Ngày kết thúc")
    if planned_to < planned_from:
        raise DomainError("Ngày kết thúc dự kiến không được trước ngày bắt đầu.")
    if plan is not None:
        if plan.commune_id != commune.pk:
            raise DomainError("Kế hoạch kiểm tra không thuộc xã này.")
        if planned_from.year != plan.year:
            raise DomainError(f"Cuộc kiểm tra trong kế hoạch năm {plan.year} phải diễn ra năm đó.")
    inspection = _save(
        Inspection(
            commune=commune,
            plan=plan,
            subject_kind=subject_kind,
            title=title,
            inspected_unit=inspected_unit,
            team=team,
            planned_from=planned_from,
            planned_to=planned_to,
            created_by=by,
        )
    )
    log_action(
        inspection,
        "inspections.inspection_created",
        by=by,
        changes={
            "inspected_unit": str(inspected_unit),
            "subject_kind": str(subject_kind),
            "plan": str(plan) if plan else "Đột xuất",
            "planned_from": planned_from,
        },
    )
    return inspection


def _locked(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update()
        .select_related("inspected_unit")
        .get(pk=inspection.pk)
    )


@transaction.atomic
def finding_add(*, inspection: Inspection, by: User, text: str, severity: str) -> Finding:
    """What the team found; the first one marks the inspection as under way."""
    inspection = _locked(inspection)
    if inspection.is_concluded:
        raise DomainError("Cuộc kiểm tra đã có kết luận; không thêm nội dung phát hiện.")
    top = inspection.findings.aggregate(n=Max("number"))["n"] or 0
    finding = _save(Finding(inspection=inspection, number=top + 1, text=text, severity=severity))
    if inspection.status == Status.PLANNED:
        inspection.status = Status.IN_PROGRESS
        inspection.save(update_fields=["status"])
    log_action(
        inspection,
        "inspections.finding_added",
        by=by,
        changes={"finding": finding.number, "severity": finding.get_severity_display()},
    )
    return finding


@transaction.atomic
def inspection_conclude(
    *,
    inspection: Inspection,
    by: User,
    done_on: date,
    concluded_on: date,
    conclusion: str,
    conclusion_number: str = "",
    public: bool = True,
    internal_reason: str = "",
) -> Inspection:
    """The conclusion (kết luận kiểm tra): its day, number and text. Public unless an officer
    gives the reason it must stay internal."""
    inspection = _locked(inspection)
    if inspection.is_concluded:
        raise DomainError("Cuộc kiểm tra đã có kết luận.")
    check_day(done_on, "Ngày kết thúc kiểm tra", past=True)
    check_day(concluded_on, "Ngày kết luận", past=True)
    if concluded_on < done_on:
        raise DomainError("Ngày kết luận không được trước ngày kết thúc kiểm tra.")
    if not conclusion.strip():
        raise DomainError("Nhập nội dung kết luận.")
    internal_reason = internal_reason.strip()
    if not public and not internal_reason:
        raise DomainError("Ghi lý do không công khai kết quả kiểm tra.")
    inspection.done_on, inspection.concluded_on = done_on, concluded_on
    inspection.conclusion, inspection.conclusion_number = conclusion, conclusion_number
    inspection.public = public
    inspection.internal_reason = "" if public else internal_reason
    inspection.status = Status.CONCLUDED
    _save(inspection)
    log_action(
        inspection,
        "inspections.concluded",
        by=by,
        changes={
            "concluded_on": concluded_on,
            "conclusion_number": conclusion_number,
            "public": public,
            "internal_reason": inspection.internal_reason,
        },
    )
    return inspection


def _source_label(inspection: Inspection) -> str:
    number = f" số {inspection.conclusion_number}" if inspection.conclusion_number else ""
    day = f" ngày {inspection.concluded_on:%d/%m/%Y}" if inspection.concluded_on else ""
    return f"Kết luận kiểm tra{number}{day} – {inspection.inspected_unit}"[:300]


def _public_url(inspection: Inspection) -> str:
    from django.urls import reverse

    return reverse("portal:inspection_detail", args=[inspection.pk])


@transaction.atomic
def remedy_add(
    *,
    inspection: Inspection,
    by: User,
    finding: Finding,
    owner_unit: Unit,
    measure: str,
    due_on: date,
    owner_person: str = "",
    evidence: str = "",
) -> Remedy:
    """A remedy the conclusion asks for a finding; it becomes a promise of the commune (source
    INSPECTION) owed by `owner_unit` by `due_on`, public when the inspection is."""
    inspection = _locked(inspection)
    if not inspection.is_concluded:
        raise DomainError("Ghi kết luận kiểm tra trước, rồi mới giao biện pháp khắc phục.")
    if inspection.status == Status.RECHECKED:
        raise DomainError("Cuộc kiểm tra đã phúc tra; không thêm biện pháp khắc phục.")
    if finding.inspection_id != inspection.pk:
        raise DomainError("Nội dung phát hiện không thuộc cuộc kiểm tra này.")
    _check_unit(inspection.commune_id, owner_unit, "Đơn vị thực hiện")
    check_day(due_on, "Hạn khắc phục")
    assert inspection.concluded_on is not None
    if due_on < inspection.concluded_on:
        raise DomainError("Hạn khắc phục không được trước ngày kết luận.")
    remedy = _save(
        Remedy(
            commune_id=inspection.commune_id,
            inspection=inspection,
            finding=finding,
            owner_unit=owner_unit,
            owner_person=owner_person,
            measure=measure,
            due_on=due_on,
            evidence=evidence,
            created_by=by,
        )
    )
    content = measure
    if evidence:
        content += f"\n\nSản phẩm, minh chứng phải nộp: {evidence}"
    content += f"\n\nNội dung phát hiện: {finding.text}"
    remedy.promise = promises.promise_create(
        commune=inspection.commune,
        source=Promise.Source.INSPECTION,
        source_label=_source_label(inspection),
        source_url=inspection.get_absolute_url(),
        public_url=_public_url(inspection) if inspection.public else "",
        title=f"Khắc phục sau kiểm tra: {measure}"[:300],
        content=content,
        owner_unit=owner_unit,
        # The person stays on the remedy (officers' pages, the conclusion): the promise is
        # shown on the portal, which names nobody an inspection found at fault.
        owner_person="",
        made_on=inspection.concluded_on,
        due_on=due_on,
        village=owner_unit if owner_unit.kind == Unit.Kind.VILLAGE else None,
        public=inspection.public,
        internal_reason=inspection.internal_reason,
        by=by,
    )
    remedy.save(update_fields=["promise"])
    log_action(
        inspection,
        "inspections.remedy_added",
        by=by,
        changes={
            "finding": finding.number,
            "owner_unit": str(owner_unit),
            "due_on": due_on,
            "promise": remedy.promise.pk,
        },
    )
    return remedy


@transaction.atomic
def inspection_set_public(
    *, inspection: Inspection, by: User, public: bool, reason: str = ""
) -> Inspection:
    """Publish the results (and every remedy's promise) or keep them internal, with a reason."""
    inspection = _locked(inspection)
    reason = reason.strip()
    if public == inspection.public:
        raise DomainError(
            "Kết quả kiểm tra đang được công khai."
            if public
            else "Kết quả kiểm tra đang không công khai."
        )
    if not public and not reason:
        raise DomainError("Ghi lý do không công khai kết quả kiểm tra.")
    inspection.public, inspection.internal_reason = public, "" if public else reason
    inspection.save(update_fields=["public", "internal_reason"])
    for remedy in inspection.remedies.select_related("promise").filter(promise__isnull=False):
        assert remedy.promise is not None
        if remedy.promise.public != public:
            promises.promise_set_public(promise=remedy.promise, by=by, public=public, reason=reason)
    log_action(
        inspection,
        "inspections.published" if public else "inspections.made_internal",
        by=by,
        changes={"public": [not public, public], "internal_reason": inspection.internal_reason},
    )
    return inspection


@transaction.atomic
def inspection_recheck(
    *,
    inspection: Inspection,
    by: User,
    rechecked_on: date,
    note: str,
    results: Mapping[int, str],
    notes: Mapping[int, str] | None = None,
) -> Inspection:
    """The re-check (phúc tra): its day, a note, and for each remedy done or not done."""
    inspection = _locked(inspection)
    if not inspection.is_concluded:
        raise DomainError("Chỉ phúc tra cuộc kiểm tra đã có kết luận.")
    assert inspection.concluded_on is not None
    check_day(rechecked_on, "Ngày phúc tra", past=True)
    if rechecked_on < inspection.concluded_on:
        raise DomainError("Ngày phúc tra không được trước ngày kết luận.")
    remedies = list(inspection.remedies.all())
    if not remedies:
        raise DomainError("Cuộc kiểm tra chưa có biện pháp khắc phục nào để phúc tra.")
    notes = notes or {}
    for remedy in remedies:
        result = results.get(remedy.pk, "")
        if result not in Remedy.Recheck.values:
            raise DomainError(f"Ghi kết quả phúc tra cho biện pháp: {remedy.measure[:80]}.")
        remedy.recheck_result, remedy.recheck_note = result, notes.get(remedy.pk, "")[:500]
        remedy.save(update_fields=["recheck_result", "recheck_note"])
    inspection.rechecked_on, inspection.recheck_note = rechecked_on, note
    inspection.status = Status.RECHECKED
    _save(inspection)
    done = sum(r.recheck_result == Remedy.Recheck.DONE for r in remedies)
    log_action(
        inspection,
        "inspections.rechecked",
        by=by,
        changes={"rechecked_on": rechecked_on, "done": f"{done}/{len(remedies)}"},
    )
    return inspection


# --- commendations and sanctions --------------------------------------------------------------


@transaction.atomic
def measure_record(
    *,
    commune: Unit,
    by: User,
    kind: MeasureKind,
    subject: str,
    decision_number: str,
    decision_on: date,
    reason: str,
    unit: Unit | None = None,
    inspection: Inspection | None = None,
) -> Measure:
    """A commendation or a sanction, as decided (the decision's number and day): recorded, never
    published."""
    check_day(decision_on, "Ngày quyết định", past=True)
    if unit is not None:
        _check_unit(commune.pk, unit, "Đơn vị")
    if inspection is not None and inspection.commune_id != commune.pk:
        raise DomainError("Cuộc kiểm tra không thuộc xã này.")
    measure = _save(
        Measure(
            commune=commune,
            inspection=inspection,
            kind=kind,
            subject=subject,
            unit=unit,
            decision_number=decision_number,
            decision_on=decision_on,
            reason=reason,
            created_by=by,
        )
    )
    # The audit names the kind and the decision, not the person (the log is read more widely).
    log_action(
        measure,
        "inspections.measure_recorded",
        by=by,
        changes={"kind": str(kind), "decision_number": decision_number},
    )
    if not kind.is_sanction:
        _enter_register(measure)
    return measure


# A subject that begins with how one addresses a person is an individual; else a collective.
_PERSON = ("ong ", "ba ", "anh ", "chi ", "dong chi ", "d/c ", "d.c ")


def _enter_register(measure: Measure) -> None:
    """A commendation (never a sanction) also enters the commune's register of commendations,
    in the same transaction: the AwardForm of the same code as its MeasureKind ("giay-khen",
    "khen-khac"), else of the same name, else "Khen thưởng khác"."""
    kind = measure.kind
    form = (
        AwardForm.objects.filter(code=kind.code).first()
        or AwardForm.objects.filter(name__iexact=kind.name).first()
        or AwardForm.objects.get(code="khen-khac")
    )
    inspection = measure.inspection
    person = fold(measure.subject).startswith(_PERSON)
    commendations.award_record(
        commune=measure.commune,
        by=measure.created_by,
        source=Source.INSPECTION,
        source_label=str(inspection) if inspection else "Kiểm tra công vụ",
        source_url=inspection.get_absolute_url() if inspection else "",
        recipient=measure.subject,
        recipient_kind=RecipientKind.INDIVIDUAL if person else RecipientKind.COLLECTIVE,
        recipient_unit=measure.unit,
        achievement=measure.reason,
        form=form,
        decision_number=measure.decision_number,
        decided_on=measure.decision_on,
    )
