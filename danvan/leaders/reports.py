"""The periodic report (6 months, year) that the commune sends up to the province.

- Its period comes from the cut-off rule in force (ReportingPeriod, Nghị định 09/2019/NĐ-CP,
  Điều 12): the report of 2026 runs from 15/12/2025 to 14/06/2026 (6 months) or 14/12/2026.
- Its figures are leaders.overview.compose for the commune and that period, the numbers of the
  overview page and `danvan overview`: live while a draft, frozen on the report when submitted.
- Its narrative (four sections) is edited by the commune's leaders and the office (Văn phòng
  HĐND và UBND: the unit that receives petitions); a leader submits it; a submitted report is
  reopened, never edited in place. Every save, submission and reopening is a ReportVersion.
- The .docx is in the layout of NĐ 30/2020/NĐ-CP (lib/officialdoc), signed by the commune's
  current chairman (the active leader of the commune whose position says "Chủ tịch"), sent to
  the province's People's Committee; the .xlsx annex has one sheet per part.

Who: docs/permissions.md, "Báo cáo định kỳ".
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils import timezone

from danvan.core.access import Access
from danvan.core.audit import log_action
from danvan.core.errors import DomainError
from danvan.core.models import Role, Unit, User
from danvan.core.signers import current_chairman, province_recipient
from danvan.leaders.models import PeriodicReport, ReportingPeriod, ReportVersion
from danvan.leaders.overview import SECTIONS, compose
from danvan.lib import officialdoc as od
from danvan.lib.spreadsheet import BOLD, Book

SYMBOL = "BC-UBND"
# The narrative's sections, in the document's order: (key, heading).
NARRATIVE = (
    ("results", "Kết quả đạt được"),
    ("shortcomings", "Tồn tại, hạn chế"),
    ("next", "Phương hướng, nhiệm vụ kỳ tới"),
    ("proposals", "Đề xuất, kiến nghị"),
)
ROMAN = ("I", "II", "III", "IV", "V")
# The core numbers of every part (core.figures), as the report names them.
FIGURES = (
    ("total", "Tổng số trong kỳ"),
    ("new", "Phát sinh trong kỳ"),
    ("carried", "Kỳ trước chuyển sang"),
    ("done", "Đã hoàn thành"),
    ("done_on_time", "Hoàn thành đúng hạn"),
    ("done_late", "Hoàn thành quá hạn"),
    ("open", "Đang thực hiện"),
    ("late", "Quá hạn chưa hoàn thành"),
)
# Fixed recipients after the province's People's Committee (no district level since
# 01/07/2025: a commune reports to the province).
LOCAL_RECIPIENTS = ("TT Đảng ủy xã", "TT HĐND xã", "Chủ tịch, các PCT UBND xã")


# --- who -------------------------------------------------------------------------------------


def can_edit(access: Access, commune_id: int) -> bool:
    """Leaders and administrators of the commune, and the office's officers (the unit that
    receives petitions: Văn phòng HĐND và UBND)."""
    return commune_id in access.reception_communes


def can_submit(access: Access, commune_id: int) -> bool:
    return access.holds(Role.LEADER, commune_id=commune_id)


def province_communes(access: Access) -> set[int]:
    return access.readable_communes - access.own_communes


def can_read(access: Access, report: PeriodicReport) -> bool:
    """Whoever edits the commune's reports; a province viewer once a report is submitted."""
    if can_edit(access, report.commune_id):
        return True
    return (
        report.status == PeriodicReport.Status.SUBMITTED
        and report.commune_id in province_communes(access)
    )


# --- the period, the signer, the recipients --------------------------------------------------


def period_rule(kind: str, year: int) -> ReportingPeriod:
    """The cut-off rule of `kind` in force for the report of `year` (the newest one in force
    on the period's last day)."""
    rules = ReportingPeriod.objects.filter(kind=kind).order_by("-effective_from")
    for rule in rules:
        try:
            _start, end = rule.dates(year)
        except ValueError:
            continue
        if rule.effective_from <= end and (rule.effective_to is None or rule.effective_to >= end):
            return rule
    raise DomainError("Chưa có quy định về thời gian chốt số liệu cho kỳ báo cáo này.")


def recipients(commune: Unit) -> list[str]:
    return [province_recipient(commune), *LOCAL_RECIPIENTS, "Lưu: VT"]


# --- the figures -----------------------------------------------------------------------------


def live_figures(report: PeriodicReport, on: date | None = None) -> dict[str, dict[str, Any]]:
    """compose() for the report's commune and period, as things stand on `on` (today)."""
    return compose(
        communes=[report.commune_id],
        start=report.start,
        end=report.end,
        on=on or timezone.localdate(),
        detail=False,
    )


def figures_of(report: PeriodicReport) -> dict[str, dict[str, Any]]:
    """Frozen once submitted, live before; the parts in the overview's order either way."""
    if report.status == PeriodicReport.Status.SUBMITTED and report.figures is not None:
        return in_order(report.figures)
    return live_figures(report)


def in_order(figures: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The parts in the order of SECTIONS (a part no longer there, last): PostgreSQL's jsonb
    gives a frozen report's keys back in its own order, the shortest first."""
    place = {key: n for n, key in enumerate(SECTIONS)}
    return dict(sorted(figures.items(), key=lambda item: place.get(item[0], len(place))))


def rate(part: dict[str, Any]) -> str:
    if part.get("on_time_rate") is None:
        return "Không tính"
    small = " (ít hơn 5 việc)" if part.get("small") else ""
    return f"{part['on_time_rate']}%{small}"


def figure_rows(part: dict[str, Any]) -> list[tuple[str, str]]:
    """(what, value) of one part: the core numbers, the on-time rate, the app's own."""
    out = [(label, str(part.get(key, 0))) for key, label in FIGURES]
    out.append(("Tỷ lệ đúng hạn", rate(part)))
    out += [(str(e["label"]), str(e["value"])) for e in part.get("extra", [])]
    return out


# --- the steps -------------------------------------------------------------------------------


def _version(report: PeriodicReport, event: str, by: User, figures: dict[str, Any]) -> None:
    """Keep the report's state as a new version: a draft's with the chairman of the day as
    its signer, a submission's (and the reopened submission's) with the signer it was sent
    with."""
    report.version += 1
    report.save()
    signer = report.signer_name
    if event == ReportVersion.Event.SAVED:
        chairman = current_chairman(report.commune)
        signer = chairman.get_full_name() if chairman else ""
    ReportVersion.objects.create(
        report=report,
        number=report.version,
        event=event,
        by=by,
        narrative=dict(report.narrative),
        figures=figures,
        signer_name=signer,
        status=report.status,
    )


def report_create(*, commune: Unit, kind: str, year: int, by: User) -> PeriodicReport:
    rule = period_rule(kind, year)
    if PeriodicReport.objects.filter(commune=commune, kind=kind, year=year).exists():
        raise DomainError("Xã đã có báo cáo của kỳ này; mở báo cáo đó để sửa.")
    start, end = rule.dates(year)
    report = PeriodicReport.objects.create(
        commune=commune,
        kind=kind,
        year=year,
        period=rule,
        start=start,
        end=end,
        narrative={key: "" for key, _heading in NARRATIVE},
        created_by=by,
    )
    log_action(report, "leaders.report_created", by=by, changes={"start": start, "end": end})
    return report


def _draft(report: PeriodicReport) -> None:
    if report.status != PeriodicReport.Status.DRAFT:
        raise DomainError("Báo cáo đã gửi; mở lại báo cáo để sửa thành phiên bản mới.")


def report_save(
    *, report: PeriodicReport, by: User, narrative: dict[str, str], number: str = ""
) -> PeriodicReport:
    _draft(report)
    report.narrative = {key: narrative.get(key, "").strip() for key, _heading in NARRATIVE}
    report.number = number.strip()
    _version(report, ReportVersion.Event.SAVED, by, live_figures(report))
    log_action(report, "leaders.report_saved", by=by, changes={"version": report.version})
    return report


def report_submit(*, report: PeriodicReport, by: User) -> PeriodicReport:
    """Freeze the figures as they stand today and sign with the current chairman's name."""
    _draft(report)
    if not report.narrative.get("results", "").strip():
        raise DomainError("Chưa viết phần “Kết quả đạt được”: lưu nội dung trước khi gửi.")
    chairman = current_chairman(report.commune)
    if chairman is None:
        raise DomainError(
            "Chưa xác định được Chủ tịch UBND xã (tài khoản lãnh đạo có chức vụ “Chủ tịch”) "
            "để ký báo cáo."
        )
    report.figures = live_figures(report)
    report.signer_name = chairman.get_full_name()
    report.status = PeriodicReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = by
    _version(report, ReportVersion.Event.SUBMITTED, by, report.figures)
    log_action(report, "leaders.report_submitted", by=by, changes={"version": report.version})
    return report


def report_reopen(*, report: PeriodicReport, by: User) -> PeriodicReport:
    """A submitted report becomes a draft again, as a new version (the submitted one is kept)."""
    if report.status != PeriodicReport.Status.SUBMITTED:
        raise DomainError("Chỉ mở lại báo cáo đã gửi.")
    frozen = report.figures or {}
    report.status = PeriodicReport.Status.DRAFT
    report.figures = None
    report.submitted_at = None
    report.submitted_by = None
    _version(report, ReportVersion.Event.REOPENED, by, frozen)
    log_action(report, "leaders.report_reopened", by=by, changes={"version": report.version})
    return report


# --- the documents ---------------------------------------------------------------------------


def period_label(report: PeriodicReport) -> str:
    if report.kind == ReportingPeriod.Kind.HALF_YEAR:
        return f"6 tháng đầu năm {report.year}"
    return f"năm {report.year}"


def _state(report: PeriodicReport, version: ReportVersion | None) -> dict[str, Any]:
    """What a document shows: the version's state, or the report's as it stands."""
    if version is not None:
        return {
            "narrative": version.narrative,
            "figures": in_order(version.figures),
            "signer": version.signer_name,
            "day": timezone.localdate(version.at),
        }
    chairman = current_chairman(report.commune)
    submitted = report.status == PeriodicReport.Status.SUBMITTED
    return {
        "narrative": report.narrative,
        "figures": figures_of(report),
        "signer": report.signer_name
        if submitted
        else (chairman.get_full_name() if chairman else ""),
        "day": timezone.localdate(report.submitted_at)
        if submitted and report.submitted_at
        else timezone.localdate(),
    }


def report_document(
    report: PeriodicReport, *, by: User, version: ReportVersion | None = None
) -> od.OfficialDocument:
    state = _state(report, version)
    commune = report.commune
    issuer, place, in_text = od.commune_issuer(commune.name)
    label = period_label(report)
    blocks: list[od.Block] = [
        od.Paragraph(
            f"Thực hiện chế độ báo cáo định kỳ, {in_text} báo cáo kết quả công tác dân vận "
            f"chính quyền và thực hiện dân chủ ở cơ sở {label} (số liệu tính từ ngày "
            f"{report.start:%d/%m/%Y} đến ngày {report.end:%d/%m/%Y}) như sau:"
        )
    ]
    narrative = state["narrative"]
    for n, (key, heading) in enumerate(NARRATIVE):
        blocks.append(od.Heading(f"{ROMAN[n]}. {heading.upper()}"))
        if key == "results":
            blocks += _figure_blocks(state["figures"])
            if narrative.get(key, "").strip():
                blocks.append(od.Heading(f"{len(state['figures']) + 1}. Đánh giá chung", 2))
        text = narrative.get(key, "").strip()
        if text:
            blocks.append(od.Paragraph(text))
        elif key != "results":
            blocks.append(od.Paragraph("(Chưa có nội dung.)", italic=True))
    blocks.append(od.Paragraph(f"Trên đây là báo cáo {label} của {in_text}./."))
    return od.OfficialDocument(
        issuer=issuer,
        number=report.number,
        symbol=SYMBOL,
        place=place,
        date=state["day"],
        doc_type="Báo cáo",
        subject=(f"Kết quả công tác dân vận chính quyền và thực hiện dân chủ ở cơ sở {label}"),
        blocks=blocks,
        recipients=recipients(commune),
        signer_authority=list(od.COMMUNE_SIGNER),
        signer_name=state["signer"],
        author=by.get_full_name(),
    )


def _figure_blocks(figures: dict[str, dict[str, Any]]) -> list[od.Block]:
    columns = [
        od.Column("TT", 1.2, "center"),
        od.Column("Chỉ tiêu", 10.3, "left"),
        od.Column("Số liệu", 5.0, "center"),
    ]
    blocks: list[od.Block] = []
    for n, part in enumerate(figures.values(), start=1):
        blocks.append(od.Heading(f"{n}. {part['label']}", 2))
        rows = [[str(i), what, value] for i, (what, value) in enumerate(figure_rows(part), 1)]
        blocks.append(od.Table(columns=columns, rows=rows))
        if part.get("note"):
            blocks.append(od.Paragraph(str(part["note"]), italic=True))
    return blocks


def report_docx(report: PeriodicReport, *, by: User, version: ReportVersion | None = None) -> bytes:
    return od.render_docx(report_document(report, by=by, version=version))


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def report_xlsx(report: PeriodicReport, *, version: ReportVersion | None = None) -> bytes:
    """The annex: one sheet per part of the figures."""
    state = _state(report, version)
    book = Book(f"Phụ lục số liệu báo cáo {period_label(report)}")
    used: set[str] = set()
    for n, (key, part) in enumerate(state["figures"].items(), start=1):
        name = _SHEET_BAD.sub("-", f"{n}. {part['label']}")[:31]
        if name in used:
            name = f"{n}. {key}"[:31]
        used.add(name)
        sheet = book.sheet(
            name,
            title=f"{part['label']} – {report.commune.name}",
            subtitle=f"Từ ngày {report.start:%d/%m/%Y} đến ngày {report.end:%d/%m/%Y}",
        )
        sheet.header([("TT", 6), ("Chỉ tiêu", 48), ("Số liệu", 18)])
        for i, (what, value) in enumerate(figure_rows(part), start=1):
            sheet.row([i, what, int(value) if value.isdigit() else value])
        if part.get("note"):
            sheet.row(["", str(part["note"]), ""], font=BOLD)
    return book.to_bytes()
