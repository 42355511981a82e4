"""Downloads of a plan's progress: a spreadsheet and a report in the layout of NĐ 30/2020.

Both walk `selectors.plan_tree`, so rows come in the plan's own order, and read each task's
latest lead report in one more query, whatever the plan's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Left
from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit, User
from danvan.core.signers import current_chairman, province_recipient, without_district
from danvan.lib import officialdoc as od
from danvan.lib.officialdoc import DOCX_MIME
from danvan.lib.spreadsheet import BOLD, RED, SECTION_FILL, XLSX_MIME, Book, Sheet
from danvan.lib.text import commune_official_name, commune_place_name, fold
from danvan.plans.models import Plan, ProgressReport, Task, TaskStatus
from danvan.plans.selectors import Node, plan_tree

REPORT_TEXT_LIMIT = 500
DOCX_REPORT_TEXT_LIMIT = 300
DEFAULT_RECIPIENTS = ["TT Đảng ủy", "TT HĐND xã", "Chủ tịch, các PCT UBND xã"]


# --- shared reads -------------------------------------------------------------------------


def latest_lead_reports(plan: Plan, limit: int = REPORT_TEXT_LIMIT) -> dict[int, tuple[date, str]]:
    """Each task's latest report by its lead unit, accepted or a note: task id → (date, text
    cut to `limit`). A progress claim waiting for review or returned is not yet the committee's
    result (issue 12: progress that is checked), so a report to the leaders does not carry it.

    One query: the database picks the latest report of each task and cuts its text, so long
    reports and many reports per task cost nothing here.
    """
    latest = ProgressReport.objects.filter(
        task=OuterRef("pk"),
        kind=ProgressReport.Kind.LEAD,
        review__in=[ProgressReport.Review.ACCEPTED, ProgressReport.Review.NOTE],
    ).order_by("-reported_on", "-created_at", "-id")
    rows = (
        Task.objects.filter(plan=plan)
        .order_by()
        .annotate(
            latest_on=Subquery(latest.values("reported_on")[:1]),
            latest_text=Subquery(
                latest.annotate(snippet=Left("text", limit + 1)).values("snippet")[:1]
            ),
        )
        .filter(latest_on__isnull=False)
        .values_list("pk", "latest_on", "latest_text")
    )
    return {pk: (on, _truncate(text or "", limit)) for pk, on, text in rows}


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _walk(node: Node) -> Iterator[tuple[Node, Task | None]]:
    """(section node, None) for each section with tasks below it, then (node, task) per task."""
    if node.section is not None and node.all_tasks():
        yield node, None
    for task in node.tasks:
        yield node, task
    for child in node.children:
        yield from _walk(child)


# --- spreadsheet ----------------------------------------------------------------------------

XLSX_COLUMNS = [
    ("Mục", 8),
    ("Nhiệm vụ", 60),
    ("Đơn vị chủ trì", 24),
    ("Đơn vị phối hợp", 30),
    ("Tần suất", 13),
    ("Hạn gần nhất", 13),
    ("Tiến độ (%)", 10),
    ("Trạng thái", 15),
    ("Báo cáo gần nhất", 13),
    ("Nội dung báo cáo gần nhất", 60),
]
XLSX_HEADER_ROW = 4  # under the three title lines


def xlsx_bytes(plan: Plan, today: date | None = None) -> bytes:
    """The plan's progress as an .xlsx: one row per section (bold, rolled up) and per task."""
    today = today or timezone.localdate()
    tree = plan_tree(plan, today, coordinators=True)
    reports = latest_lead_reports(plan)
    sheet = Sheet("Tiến độ", book=Book(f"Tiến độ {plan.reference}"), title=plan.title)
    overall = f"; tiến độ chung {tree.percent}%" if tree.percent is not None else ""
    issued = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    sheet.line(f"Kế hoạch số {plan.reference}{issued} của {plan.issuing_unit.name}")
    sheet.line(f"Số liệu đến ngày {today:%d/%m/%Y}{overall}")
    sheet.ws.row_dimensions[1].height = 36
    sheet.header(XLSX_COLUMNS, gap=False)

    blank = [None] * len(XLSX_COLUMNS)
    for node, task in _walk(tree):
        path = node.section.path if node.section else ""
        if task is None:
            assert node.section is not None
            summary = [path, node.section.title, *blank[2:6], node.percent, *blank[7:]]
            sheet.row(summary, font=BOLD, fill=SECTION_FILL)
            continue
        reported_on, text = reports.get(task.pk, (None, ""))
        row = sheet.row(
            [
                path,
                task.title,
                task.lead_unit.label,
                ", ".join(u.label for u in task.coordinating_units.all()),
                task.get_recurrence_display(),
                task.next_due,
                task.effective_percent,
                task.status_label,
                reported_on,
                text,
            ]
        )
        if task.status == TaskStatus.OVERDUE:
            sheet.ws.cell(row=row, column=8).font = RED
    return sheet.to_bytes()


def xlsx_response(plan: Plan) -> HttpResponse:
    return download(xlsx_bytes(plan), XLSX_MIME, f"tien-do-ke-hoach-{plan.pk}.xlsx")


# --- report ---------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """Lower-case the first letter ("Kế hoạch…" → "kế hoạch…") unless it starts an acronym."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _issuer(plan: Plan) -> tuple[str, str, str]:
    """(superior body, issuing body, its name in running text) for the report's header.

    A commune issues as its People's Committee ("ỦY BAN NHÂN DÂN / XÃ HỒNG PHONG"); an office
    of the commune under "UBND XÃ HỒNG PHONG"; any other unit under its own name only.
    """
    unit = plan.issuing_unit
    commune = commune_official_name(plan.commune.name)
    if unit.kind == Unit.Kind.COMMUNE:
        name = commune_official_name(unit.name)
        return "", f"Ủy ban nhân dân\n{name}", f"UBND {_lower_first(name)}"
    if unit.kind == Unit.Kind.OFFICE:
        return f"UBND {commune}", unit.name, unit.name
    return "", unit.name, unit.name


def _signer_authority(plan: Plan) -> list[str]:
    """The lines above the signature. A plan of the commune's People's Committee is reported on
    by the committee, signed for it by its chairman: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH",
    whoever signed the plan. An office's plan by its head as the plan names him ("TRƯỞNG
    PHÒNG", or for a deputy "KT. TRƯỞNG PHÒNG" / "PHÓ TRƯỞNG PHÒNG").

    NĐ 30/2020/NĐ-CP, Điều 13 and Phụ lục I, Mục II.7.
    """
    if plan.issuing_unit.kind == Unit.Kind.COMMUNE:
        return list(od.COMMUNE_SIGNER)
    title = " ".join(plan.signer_title.split()).upper() or "THỦ TRƯỞNG ĐƠN VỊ"
    if title.startswith(("TM.", "KT.")):
        return [title]
    if title.startswith("PHÓ "):
        return [f"KT. {title.removeprefix('PHÓ ')}", title]
    return [title]


def _signer_name(plan: Plan) -> str:
    """The commune's chairman as the accounts hold him today (not the name the plan was signed
    with, which may be a former chairman's); blank, to be written by hand, when no account
    says "Chủ tịch". An office's plan: the name the plan gives."""
    if plan.issuing_unit.kind == Unit.Kind.COMMUNE:
        chairman = current_chairman(plan.commune)
        return chairman.get_full_name() if chairman else ""
    return plan.signer_name


def _recipients(plan: Plan) -> list[str]:
    """The plan's recipients (or the usual ones) without its archive line and without any
    district (there is none since 01/07/2025); a committee's report goes up to the province's
    People's Committee first."""
    given = [str(r).strip() for r in plan.recipients if str(r).strip()] or DEFAULT_RECIPIENTS
    # The plan's own archive line ("Lưu: VT, VHXH") belongs to the plan, not to this report.
    kept = without_district([r for r in given if not r.lstrip("- ").lower().startswith("lưu")])
    if plan.issuing_unit.kind == Unit.Kind.COMMUNE:
        province = province_recipient(plan.commune)
        if not any(fold(r).strip(" -;.") == fold(province) for r in kept):
            kept.insert(0, province)
    return [*kept, "Lưu: VT"]


def _subject(plan: Plan) -> str:
    """The trích yếu: "Kết quả thực hiện kế hoạch…", without doubling a leading "Thực hiện"."""
    title = " ".join(plan.title.split())
    if title.lower().startswith("thực hiện "):
        return f"Kết quả {_lower_first(title)}"
    return f"Kết quả thực hiện {_lower_first(title)}"


def _groups(tree: Node) -> list[tuple[str, Node | None, list[Task]]]:
    """The report's subsections: the top-level sections that hold tasks.

    When a single section holds the tasks, and all of them in subsections (a plan whose duties
    sit under "II. NỘI DUNG"), its subsections are used instead, so the report is not one long
    table. Tasks outside any section come last, as "Nhiệm vụ khác".
    """
    nodes = [c for c in tree.children if c.all_tasks()]
    while len(nodes) == 1 and not nodes[0].tasks:
        nodes = [c for c in nodes[0].children if c.all_tasks()]
    groups: list[tuple[str, Node | None, list[Task]]] = []
    for node in nodes:
        assert node.section is not None
        groups.append((node.section.title, node, node.all_tasks()))
    if tree.tasks:
        groups.append(("Nhiệm vụ khác", None, tree.tasks))
    return groups


def _task_table(tasks: list[Task], reports: dict[int, tuple[date, str]]) -> od.Table:
    columns = [
        od.Column("TT", 1.0, "center"),
        od.Column("Nhiệm vụ", 4.8, "left"),
        od.Column("Chủ trì", 2.4, "left"),
        od.Column("Tiến độ", 1.8, "center"),
        od.Column("Trạng thái", 2.4, "center"),
        od.Column("Kết quả gần nhất", 4.1, "left"),
    ]
    rows = []
    for n, task in enumerate(tasks, start=1):
        reported = reports.get(task.pk)
        result = (
            f"{reported[0]:%d/%m/%Y}: {_truncate(reported[1], DOCX_REPORT_TEXT_LIMIT)}"
            if reported
            else "Chưa báo cáo"
        )
        rows.append(
            [
                str(n),
                task.title,
                task.lead_unit.label,
                f"{task.effective_percent}%",
                str(task.status_label),
                result,
            ]
        )
    return od.Table(columns=columns, rows=rows)


def progress_report_document(
    plan: Plan, by: User, today: date | None = None
) -> od.OfficialDocument:
    """The progress report of a plan as of `today`, ready for `officialdoc.render_docx`."""
    today = today or timezone.localdate()
    tree = plan_tree(plan, today, coordinators=True)
    reports = latest_lead_reports(plan)
    superior, issuer, issuer_in_text = _issuer(plan)
    tasks = tree.all_tasks()
    counts = tree.counts
    overdue = sorted(
        (t for t in tasks if t.status == TaskStatus.OVERDUE),
        key=lambda t: (t.next_due or today, t.pk),
    )
    due_soon = counts.get(TaskStatus.DUE_SOON, 0)

    plan_name = f"Kế hoạch số {plan.reference}" if plan.number else "Kế hoạch"
    if plan.issued_on:
        plan_name += f" ngày {plan.issued_on:%d/%m/%Y}"
    blocks: list[od.Block] = [
        od.Paragraph(
            f"Thực hiện {plan_name} của {issuer_in_text} về {_lower_first(plan.title)}, "
            f"{issuer_in_text} báo cáo kết quả thực hiện đến ngày {today:%d/%m/%Y} như sau:"
        ),
        od.Heading("I. TÌNH HÌNH CHUNG"),
    ]
    if tasks:
        blocks.append(
            od.Paragraph(
                f"Kế hoạch có {len(tasks)} nhiệm vụ: đã hoàn thành "
                f"{counts.get(TaskStatus.DONE, 0)}; đang thực hiện "
                f"{counts.get(TaskStatus.ON_TRACK, 0)}; sắp đến hạn {due_soon}; quá hạn "
                f"{len(overdue)}; chưa bắt đầu {counts.get(TaskStatus.NOT_STARTED, 0)}. "
                f"Tiến độ chung đạt {tree.percent}%."
            )
        )
    else:
        blocks.append(od.Paragraph("Kế hoạch chưa có nhiệm vụ nào được giao."))

    blocks.append(od.Heading("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"))
    for n, (title, node, group_tasks) in enumerate(_groups(tree), start=1):
        percent = (
            node.percent
            if node
            else round(sum(t.effective_percent for t in group_tasks) / len(group_tasks))
        )
        blocks.append(od.Heading(f"{n}. {title} (tiến độ {percent}%)", level=2))
        blocks.append(_task_table(group_tasks, reports))

    blocks.append(od.Heading("III. TỒN TẠI, HẠN CHẾ"))
    if overdue:
        blocks.append(od.Paragraph(f"Còn {len(overdue)} nhiệm vụ quá hạn chưa hoàn thành:"))
        for task in overdue:
            due = f"hạn {task.next_due:%d/%m/%Y}; " if task.next_due else ""
            blocks.append(
                od.Paragraph(
                    f"- {task.title} (chủ trì: {task.lead_unit.label}; {due}"
                    f"tiến độ {task.effective_percent}%)."
                )
            )
    else:
        blocks.append(od.Paragraph("Không có nhiệm vụ quá hạn."))

    blocks.append(od.Heading("IV. NHIỆM VỤ THỜI GIAN TỚI"))
    focus = []
    if overdue:
        focus.append(f"khẩn trương hoàn thành {len(overdue)} nhiệm vụ quá hạn")
    if due_soon:
        focus.append(f"bảo đảm đúng thời hạn {due_soon} nhiệm vụ sắp đến hạn")
    blocks.append(
        od.Paragraph(
            "Tiếp tục chỉ đạo các cơ quan, đơn vị triển khai các nhiệm vụ còn lại của Kế hoạch"
            + (f"; {'; '.join(focus)}" if focus else "")
            + "; các đơn vị chủ trì báo cáo kết quả đúng kỳ."
        )
    )
    blocks.append(
        od.Paragraph(f"Trên đây là báo cáo kết quả thực hiện {plan_name} của {issuer_in_text}./.")
    )

    return od.OfficialDocument(
        superior=superior,
        issuer=issuer,
        number="",
        symbol=_report_symbol(plan),
        place=plan.place or commune_place_name(plan.commune.name),
        date=today,
        doc_type="Báo cáo",
        subject=_subject(plan),
        blocks=blocks,
        recipients=_recipients(plan),
        signer_authority=_signer_authority(plan),
        signer_name=_signer_name(plan),
        author=by.get_full_name(),
    )


def _report_symbol(plan: Plan) -> str:
    """The report's symbol: "BC-UBND" for a plan "KH-UBND", keeping the issuer's abbreviation."""
    _kind, _dash, issuer = plan.symbol.partition("-")
    return f"BC-{issuer or 'UBND'}"


def progress_report_docx_response(plan: Plan, by: User) -> HttpResponse:
    content = od.render_docx(progress_report_document(plan, by))
    return download(content, DOCX_MIME, f"bao-cao-tien-do-{plan.pk}.docx")
