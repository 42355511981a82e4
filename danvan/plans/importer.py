"""Turn a parsed plan document (danvan.lib.planparse) into a draft plan an officer reviews.

The draft counts nowhere (`TaskQuerySet.live`) until it is issued (`services.plan_issue`), so
an import can be reviewed, its duties merged, split and reassigned, or thrown away.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q

from danvan.core.audit import log_action
from danvan.core.models import Unit, User
from danvan.lib import planparse
from danvan.lib.planparse.docx_input import docx_to_text, is_docx
from danvan.lib.planparse.textutil import strip_refs
from danvan.lib.text import fold
from danvan.plans.models import LegalDocument, Plan, PlanReference, Recurrence, Section
from danvan.plans.services import tasks_create_many

SECTION_TITLE_LIMIT = 500
# The Front as plans name it: "Ủy ban Mặt trận Tổ quốc", "Mặt trận Tổ quốc Việt Nam", "MTTQ".
_FRONT_RE = re.compile(r"\b(?:mat tran to quoc|mttq)\b")


@dataclass
class ImportResult:
    plan: Plan
    warnings: list[str] = field(default_factory=list)


def match_unit(name: str | None, units: list[Unit]) -> Unit | None:
    """The commune's unit a plan names, ignoring case, diacritics and a trailing "xã"."""
    if not name:
        return None
    wanted = _folded(name)
    for unit in units:
        if wanted in (_folded(unit.name), _folded(unit.short_name)):
            return unit
    return None


@functools.lru_cache(maxsize=1024)
def _folded(name: str) -> str:
    return fold(name).removesuffix(" xa") if name else "\x00"


def units_named_in(text: str, units: list[Unit]) -> list[Unit]:
    """The commune's units a duty's text names: by their full name, or the Front by the words
    plans use for it ("phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội")."""
    folded = fold(strip_refs(text))
    found = []
    for unit in units:
        name = _folded(unit.name)
        by_name = len(name) >= 8 and name in folded
        if by_name or (unit.kind == Unit.Kind.FRONT and _FRONT_RE.search(folded)):
            found.append(unit)
    return found


def named_lead_unit(parsed: planparse.ParsedPlan, commune: Unit) -> Unit | None:
    """The commune's unit the document charges with following the whole plan, if it names one."""
    return match_unit(planparse.plan_lead(parsed.assignments), _units(commune))


def document_text(raw: bytes) -> str:
    """The document as text, kept beside the draft (a .docx flattened the way the parser reads
    it)."""
    if is_docx(raw):
        return docx_to_text(raw)
    return raw.decode("utf-8-sig", errors="replace")


def _units(commune: Unit) -> list[Unit]:
    return list(Unit.objects.filter(commune=commune, is_active=True).exclude(pk=commune.pk))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def section_title(node: planparse.Section) -> str:
    """A section's title; a heading that is a whole sentence ("1. Các cơ quan, đơn vị căn cứ
    Kế hoạch này, ...") is its own title, whole, or cut at a word with an ellipsis."""
    title = " ".join(strip_refs(node.title or node.text).split())
    if len(title) <= SECTION_TITLE_LIMIT:
        return title
    return title[: SECTION_TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _create_sections(
    plan: Plan, nodes: list[planparse.Section], parent: Section | None, made: dict[str, Section]
) -> dict[str, Section]:
    """Numbered nodes become sections, in document order; dash bullets stay inside their
    parent's text."""
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
            title=section_title(node),
            text=text,
            position=len(made),
            path=node.path,
        )
        made[node.path] = section
        _create_sections(plan, node.children, section, made)
    return made


def _cite(plan: Plan, references: list[planparse.Reference]) -> None:
    """The plan's legal references: documents found in the shared register (by type and number,
    by type and title when unnumbered) or added to it, in a few queries whatever their number."""

    def key(doc_type: str, number: str, title: str) -> tuple[str, str, str]:
        return (doc_type, number, "" if number else title)

    wanted = {key(r.type, r.number or "", (r.title or "")[:500]): r for r in references}
    match = Q(pk__in=[])
    for doc_type, number, title in wanted:
        match |= Q(doc_type=doc_type, number=number, **({} if number else {"title": title}))
    known = {key(d.doc_type, d.number, d.title): d for d in LegalDocument.objects.filter(match)}
    missing = [
        LegalDocument(
            doc_type=r.type,
            number=r.number or "",
            issued_on=_date(r.date),
            issuer=r.issuer or "",
            title=(r.title or "")[:500],
        )
        for k, r in wanted.items()
        if k not in known
    ]
    if missing:
        # Another import may add the same document meanwhile: keep its row, read them again.
        LegalDocument.objects.bulk_create(missing, ignore_conflicts=True)
        known = {key(d.doc_type, d.number, d.title): d for d in LegalDocument.objects.filter(match)}
    cited: dict[int, PlanReference] = {}
    for k, r in wanted.items():
        cited.setdefault(
            known[k].pk, PlanReference(plan=plan, document=known[k], sections=r.sections)
        )
    PlanReference.objects.bulk_create(cited.values())


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
    by: User | None,
    source_text: str = "",
    default_recurrence: str = Recurrence.ONGOING,
    lead_unit: Unit | None = None,
) -> ImportResult:
    """A draft plan with the document's sections, references and one task per duty.

    Each task gets the lead and coordinating units the document names for it (section III and
    the duty's own words); where it names none, the plan's lead unit (`lead_unit`, else the
    unit the document charges with following the plan, else Phòng Văn hóa - Xã hội) leads,
    and a warning says so. `by` is None for the command line.
    """
    header = parsed.header
    units = _units(commune)
    if lead_unit is not None and lead_unit.commune_id != commune.pk:
        lead_unit = None
    lead_unit = lead_unit or named_lead_unit(parsed, commune)
    year = header.year or (int(header.date[:4]) if header.date else date.today().year)
    plan = Plan.objects.create(
        commune=commune,
        issuing_unit=commune,
        lead_unit=lead_unit,
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
    sections = _create_sections(plan, parsed.sections, None, {})
    _cite(plan, parsed.references)
    fallback = lead_unit or match_unit("Phòng Văn hóa - Xã hội", units)
    start = plan.issued_on or date(year, header.month or 1, 1)
    unmatched: dict[str, list[str]] = {}
    duties: list[dict[str, Any]] = []
    for suggestion in parsed.tasks:
        lead = match_unit(suggestion.lead, units)
        if lead is None:
            lead = fallback or (units[0] if units else None)
            if lead is None:
                warnings.append("Xã chưa có đơn vị nào để giao nhiệm vụ.")
                break
            unmatched.setdefault(suggestion.lead or "", []).append(suggestion.section)
        coordinators = [u for u in (match_unit(n, units) for n in suggestion.coordinators) if u]
        coordinators += units_named_in(suggestion.text, units)
        duties.append(
            {
                "title": suggestion.title[:500],
                "description": suggestion.text,
                "lead_unit": lead,
                "coordinating_units": list(dict.fromkeys(coordinators)),
                "section": sections.get(suggestion.section),
                "recurrence": default_recurrence,
                "start_date": start,
                "due_date": date(year, 12, 31),
            }
        )
    created = len(tasks_create_many(plan=plan, by=by, tasks=duties))
    for name, paths in unmatched.items():
        where = ", ".join(dict.fromkeys(paths))
        given = (fallback or units[0]).label
        if name:
            said = f"giao “{name}” chủ trì nhưng xã không có đơn vị này"
        else:
            said = "kế hoạch không nêu đơn vị chủ trì"
        warnings.append(
            f"{len(paths)} nhiệm vụ (mục {where}): {said} – tạm giao {given}; hãy kiểm tra "
            "khi soát xét."
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
            "tasks": created,
            "lead_unit": str(lead_unit) if lead_unit else None,
        },
    )
    return ImportResult(plan=plan, warnings=warnings)
