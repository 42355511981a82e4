"""Turn a parsed plan document (danvan.lib.planparse) into a draft plan an officer reviews."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from danvan.core.audit import log_action
from danvan.core.models import Unit, User
from danvan.lib import planparse
from danvan.lib.text import fold
from danvan.plans.models import LegalDocument, Plan, PlanReference, Recurrence, Section
from danvan.plans.services import task_create


@dataclass
class ImportResult:
    plan: Plan
    warnings: list[str] = field(default_factory=list)


def match_unit(name: str | None, units: list[Unit]) -> Unit | None:
    """The commune's unit a plan names, ignoring case, diacritics and a trailing "xã"."""
    if not name:
        return None
    wanted = fold(name).removesuffix(" xa")
    for unit in units:
        for candidate in (unit.name, unit.short_name):
            if candidate and fold(candidate).removesuffix(" xa") == wanted:
                return unit
    return None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _create_sections(
    plan: Plan, nodes: list[planparse.Section], parent: Section | None
) -> dict[str, Section]:
    """Numbered nodes become sections; dash bullets stay inside their parent's text."""
    made: dict[str, Section] = {}
    for node in nodes:
        if node.kind == "dash":
            continue
        bullets = [
            f"- {c.full_text() if not c.title else c.title + ' ' + c.full_text()}".strip()
            for c in node.children
            if c.kind == "dash"
        ]
        text = "\n".join([node.text, *bullets]).strip()
        section = Section.objects.create(
            plan=plan,
            parent=parent,
            number=node.number,
            title=(node.title or node.text[:120])[:500],
            text=text,
            position=plan.sections.count(),
            path=node.path,
        )
        made[node.path] = section
        made.update(_create_sections(plan, node.children, section))
    return made


def _reference_document(ref: planparse.Reference) -> LegalDocument:
    if ref.number:
        doc, _ = LegalDocument.objects.get_or_create(
            doc_type=ref.type,
            number=ref.number,
            defaults={
                "issued_on": _date(ref.date),
                "issuer": ref.issuer or "",
                "title": (ref.title or "")[:500],
            },
        )
    else:
        doc, _ = LegalDocument.objects.get_or_create(
            doc_type=ref.type,
            number="",
            title=(ref.title or "")[:500],
            defaults={"issued_on": _date(ref.date), "issuer": ref.issuer or ""},
        )
    return doc


def _full_title(doc_type: str | None, title: str | None) -> str:
    """ "Kế hoạch thực hiện …": the document type leads the title, as the plan is cited."""
    doc_type, title = (doc_type or "Kế hoạch").strip(), (title or "").strip()
    if not title:
        return doc_type
    if fold(title).startswith(fold(doc_type)):
        return title
    return f"{doc_type} {title[0].lower()}{title[1:]}"


@transaction.atomic
def plan_import(
    *,
    parsed: planparse.ParsedPlan,
    commune: Unit,
    by: User,
    source_text: str = "",
    default_recurrence: str = Recurrence.ONGOING,
) -> ImportResult:
    """A draft plan with the document's sections, references and suggested tasks.

    Suggested tasks get the lead and coordinating units the document names; where it names none
    the commune's office for culture and society (Phòng Văn hóa - Xã hội), which III.2 of a
    typical plan charges with following the whole plan, leads, and a warning says so.
    """
    header = parsed.header
    units = list(Unit.objects.filter(commune=commune, is_active=True).exclude(pk=commune.pk))
    year = header.year or (int(header.date[:4]) if header.date else date.today().year)
    plan = Plan.objects.create(
        commune=commune,
        issuing_unit=commune,
        number=header.number or "",
        symbol=header.symbol or "KH-UBND",
        issued_on=_date(header.date),
        place=header.place or "",
        title=_full_title(header.type, header.title)[:500],
        year=year,
        status=Plan.Status.DRAFT,
        footnotes=[f.to_dict() for f in parsed.footnotes],
        recipients=list(parsed.recipients),
        signer_title=parsed.signer.title or "",
        signer_name=parsed.signer.name or "",
        source_text=source_text,
    )
    warnings = list(parsed.warnings)
    sections = _create_sections(plan, parsed.sections, None)
    for ref in parsed.references:
        doc = _reference_document(ref)
        PlanReference.objects.get_or_create(
            plan=plan, document=doc, defaults={"sections": ref.sections}
        )
    fallback = match_unit("Phòng Văn hóa - Xã hội", units)
    start = plan.issued_on or date(year, header.month or 1, 1)
    for suggestion in parsed.tasks:
        lead = match_unit(suggestion.lead, units)
        if lead is None:
            lead = fallback or (units[0] if units else None)
            if lead is None:
                warnings.append("Xã chưa có đơn vị nào để giao nhiệm vụ.")
                break
            warnings.append(
                f"Mục {suggestion.section}: kế hoạch không nêu đơn vị chủ trì "
                f"{'(“' + suggestion.lead + '” không khớp đơn vị nào) ' if suggestion.lead else ''}"
                f"– tạm giao {lead.label}."
            )
        coordinators = [u for u in (match_unit(n, units) for n in suggestion.coordinators) if u]
        task_create(
            plan=plan,
            by=by,
            title=suggestion.title[:500],
            description=suggestion.text,
            lead_unit=lead,
            coordinating_units=coordinators,
            section=sections.get(suggestion.section),
            recurrence=default_recurrence,
            start_date=start,
            due_date=date(year, 12, 31),
        )
    plan.import_warnings = warnings
    plan.save(update_fields=["import_warnings"])
    log_action(
        plan,
        "plans.plan_imported",
        by=by,
        changes={
            "sections": len(sections),
            "references": len(parsed.references),
            "tasks": len(parsed.tasks),
        },
    )
    return ImportResult(plan=plan, warnings=warnings)
