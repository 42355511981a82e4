"""A respondent's report on the pledges it made at a session, before the next session (rule
chat-van/bao-cao-loi-hua, UNVERIFIED): .docx in the layout of Nghị định 30/2020 and .xlsx.

Each pledge with its promise's status and what its owner reported. Texts are typed by officers;
lib.spreadsheet guards every cell against formula injection. Names: the delegate (a council
member asking in public) and the respondent's title, nobody else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit, User
from danvan.lib import officialdoc as od
from danvan.lib.spreadsheet import XLSX_MIME, Sheet
from danvan.promises.models import STATUS_LABELS
from danvan.questioning import services
from danvan.questioning.models import CouncilSession, Pledge


@dataclass
class PledgeLine:
    number: int
    delegate: str
    question: str
    respondent: str
    pledge: str
    owner: str
    due_on: date
    status: str
    outcome: str


@dataclass
class Report:
    session: CouncilSession
    unit: Unit
    today: date
    lines: list[PledgeLine]
    due: tuple[date, str, CouncilSession] | None


def report_for(session: CouncilSession, unit: Unit) -> Report:
    today = timezone.localdate()
    pledges = (
        Pledge.objects.filter(question__session=session, question__respondent_unit=unit)
        .select_related("question", "owner_unit", "promise")
        .order_by("question__number", "id")
    )
    lines = []
    for p in pledges:
        promise = p.promise
        status = STATUS_LABELS[promise.status(today)] if promise else "Chưa theo dõi"
        outcome = ""
        if promise and promise.outcome_on:
            outcome = f"{promise.outcome_on:%d/%m/%Y}: {promise.outcome_note}"
        lines.append(
            PledgeLine(
                number=p.question.number,
                delegate=p.question.delegate,
                question=p.question.content,
                respondent=p.question.respondent_title,
                pledge=f"{p.title}\n{p.content}".strip(),
                owner=p.owner_unit.name,
                due_on=promise.due_on if promise else p.due_on,
                status=status,
                outcome=outcome,
            )
        )
    return Report(session, unit, today, lines, services.report_due(session))


COLUMNS = [
    ("STT", 6),
    ("Chất vấn số", 10),
    ("Đại biểu", 18),
    ("Nội dung chất vấn", 40),
    ("Người trả lời", 20),
    ("Lời hứa", 40),
    ("Đơn vị thực hiện", 22),
    ("Hạn", 12),
    ("Tình trạng", 22),
    ("Kết quả, giải trình", 40),
]


def report_xlsx_bytes(report: Report) -> bytes:
    sheet = Sheet(
        "Lời hứa",
        title=f"KẾT QUẢ THỰC HIỆN LỜI HỨA TẠI {str(report.session).upper()}",
        subtitle=f"{report.unit.name} · {report.session.commune.name} · lập ngày {report.today:%d/%m/%Y}",
    )
    sheet.header(COLUMNS)
    rows = [
        [
            n,
            ln.number,
            ln.delegate,
            ln.question,
            ln.respondent,
            ln.pledge,
            ln.owner,
            ln.due_on,
            ln.status,
            ln.outcome,
        ]
        for n, ln in enumerate(report.lines, 1)
    ]
    sheet.rows(rows)
    if not rows:
        sheet.row(["Không có lời hứa nào."])
    return sheet.to_bytes()


def report_document(report: Report, by: User) -> od.OfficialDocument:
    issuer, place, _ = od.commune_issuer(report.session.commune.name)
    session = report.session
    done = sum(1 for ln in report.lines if ln.status.startswith("Đã thực hiện"))
    intro = (
        f"Tại {session.label}, {report.unit.name} đã trả lời chất vấn của đại biểu HĐND xã và "
        f"hứa thực hiện {len(report.lines)} nội dung. Đến ngày {report.today:%d/%m/%Y}, đã thực "
        f"hiện {done} nội dung; kết quả cụ thể như sau:"
    )
    if report.due:
        intro += (
            f"\n(Báo cáo gửi Thường trực HĐND xã chậm nhất ngày {report.due[0]:%d/%m/%Y}, trước kỳ "
            f"họp khai mạc ngày {report.due[2].opens_on:%d/%m/%Y}; căn cứ: {report.due[1]}.)"
        )
    blocks: list[od.Block] = [
        od.Paragraph(intro),
        od.Heading("I. KẾT QUẢ THỰC HIỆN CÁC LỜI HỨA"),
        od.Table(
            [
                od.Column("STT", 1.0, "center"),
                od.Column("Chất vấn", 3.6),
                od.Column("Lời hứa", 4.0),
                od.Column("Hạn", 1.9, "center"),
                od.Column("Tình trạng", 2.4),
                od.Column("Kết quả, giải trình", 3.6),
            ],
            [
                [
                    str(n),
                    f"Số {ln.number}, đại biểu {ln.delegate}: {ln.question}",
                    f"{ln.pledge} ({ln.owner})",
                    f"{ln.due_on:%d/%m/%Y}",
                    ln.status,
                    ln.outcome,
                ]
                for n, ln in enumerate(report.lines, 1)
            ],
        ),
        od.Heading("II. KIẾN NGHỊ, ĐỀ XUẤT"),
        od.Paragraph("……………………………………………………………………"),
    ]
    return od.OfficialDocument(
        issuer=issuer,
        symbol="BC-UBND",
        place=place,
        date=report.today,
        doc_type="Báo cáo",
        subject=f"Kết quả thực hiện lời hứa khi trả lời chất vấn tại {session}",
        blocks=blocks,
        recipients=["Thường trực HĐND xã", "Các đại biểu HĐND xã", "Lưu: VT"],
        signer_authority=od.COMMUNE_SIGNER,
        author=by.get_full_name(),
    )


def _name(report: Report, ext: str) -> str:
    return f"bao-cao-loi-hua-ky-hop-{report.session.number}-don-vi-{report.unit.pk}.{ext}"


def xlsx_response(report: Report) -> HttpResponse:
    return download(report_xlsx_bytes(report), XLSX_MIME, _name(report, "xlsx"))


def docx_response(report: Report, *, by: User) -> HttpResponse:
    return download(
        od.render_docx(report_document(report, by)), od.DOCX_MIME, _name(report, "docx")
    )
