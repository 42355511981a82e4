"""The plan's progress as .xlsx and as a report in the layout of NĐ 30/2020, read back."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.document import Document as DocxDocument
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from danvan.core.models import Membership, Role, Unit, User
from danvan.plans import exports, services
from danvan.plans.models import Plan, ProgressReport, Recurrence, Task

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ISSUED = date(2026, 4, 10)
TODAY = date(2026, 6, 1)
HYPERLINK = '=HYPERLINK("http://example.com","Bấm vào đây")'


@contextmanager
def _on(day: date) -> Iterator[None]:
    with time_machine.travel(datetime.combine(day, time(9), tzinfo=TZ), tick=False):
        yield


def _accepted(report: ProgressReport) -> None:
    """Accepted by the vice-chairman: only accepted reports move a task (issue 12)."""
    vice, _ = User.objects.get_or_create(username="pct", defaults={"full_name": "Trần Thị Bình"})
    services.report_accept(report=report, by=vice)


@dataclass
class Progress:
    commune: Unit
    office: Unit
    office_b: Unit
    chairman: User
    plan: Plan
    loose: Task
    promote: Task
    late: Task
    quarterly: Task


@pytest.fixture
def progress(db: None) -> Progress:
    """A plan of Hồng Phong: one task outside any section, three under II.1 and II.2.

    On TODAY (01/06/2026) `late` (due 15/05) is overdue and `promote` has two lead reports.
    """
    province = Unit.objects.create(kind=Unit.Kind.PROVINCE, name="Tỉnh Lạng Sơn")
    commune = Unit.objects.create(kind=Unit.Kind.COMMUNE, name="Xã Hồng Phong", parent=province)
    office = Unit.objects.create(
        kind=Unit.Kind.OFFICE,
        name="Phòng Văn hóa - Xã hội",
        short_name="Phòng VH-XH",
        parent=commune,
    )
    office_b = Unit.objects.create(
        kind=Unit.Kind.OFFICE, name="Văn phòng HĐND và UBND xã", short_name="VP", parent=commune
    )
    chairman = User.objects.create_user(
        "chutich", full_name="Hoàng Thanh Tuấn", position="Chủ tịch UBND xã"
    )
    Membership.objects.create(user=chairman, unit=commune, role=Role.LEADER)
    with _on(ISSUED):
        plan = services.plan_create(
            commune=commune,
            by=chairman,
            issuing_unit=commune,
            title="Thực hiện công tác dân vận chính quyền năm 2026 trên địa bàn xã Hồng Phong",
            number="12",
            symbol="KH-UBND",
            issued_on=ISSUED,
            place="Hồng Phong",
            year=2026,
            signer_name="Hoàng Thanh Tuấn",
            recipients=["TT Đảng ủy;", "TT HĐND xã;", "Lưu: VT, VHXH."],
            status=Plan.Status.ISSUED,
        )
        services.section_create(plan=plan, by=chairman, number="I", title="MỤC ĐÍCH, YÊU CẦU")
        content = services.section_create(plan=plan, by=chairman, number="II", title="NỘI DUNG")
        propaganda = services.section_create(
            plan=plan, by=chairman, parent=content, number="1", title="Công tác tuyên truyền"
        )
        reception = services.section_create(
            plan=plan, by=chairman, parent=content, number="2", title="Tiếp công dân, đối thoại"
        )
        loose = services.task_create(
            plan=plan,
            by=chairman,
            title="- Rà soát quy chế dân chủ ở cơ sở",
            lead_unit=office_b,
            due_date=date(2026, 9, 30),
        )
        promote = services.task_create(
            plan=plan,
            by=chairman,
            section=propaganda,
            title="Tuyên truyền Luật Thực hiện dân chủ ở cơ sở",
            lead_unit=office,
            coordinating_units=[office_b],
            due_date=date(2026, 6, 30),
        )
        late = services.task_create(
            plan=plan,
            by=chairman,
            section=reception,
            title=HYPERLINK,
            lead_unit=office_b,
            due_date=date(2026, 5, 15),
        )
        quarterly = services.task_create(
            plan=plan,
            by=chairman,
            section=reception,
            title="Báo cáo kết quả tiếp công dân",
            lead_unit=office,
            recurrence=Recurrence.QUARTERLY,
            due_date=date(2026, 12, 31),
        )
        _accepted(
            services.progress_report_create(
                task=promote,
                unit=office,
                by=chairman,
                text="Đã tổ chức 3 hội nghị tuyên truyền.",
                percent=50,
            )
        )
    with _on(date(2026, 4, 20)):
        _accepted(
            services.progress_report_create(
                task=promote,
                unit=office,
                by=chairman,
                text="Đã tổ chức 5 hội nghị tuyên truyền tại các thôn.",
                percent=60,
            )
        )
    with _on(date(2026, 4, 25)):
        # A coordinating unit's contribution is not the task's latest report.
        services.progress_report_create(
            task=promote, unit=office_b, by=chairman, text="Văn phòng đã đăng 2 tin bài."
        )
    for task in (loose, promote, late, quarterly):
        task.refresh_from_db()
    return Progress(commune, office, office_b, chairman, plan, loose, promote, late, quarterly)


def _sheet(plan: Plan) -> Worksheet:
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes(plan, TODAY)))
    ws = workbook.active
    assert isinstance(ws, Worksheet)
    return ws


def _data_rows(ws: Worksheet) -> list[tuple]:
    return [
        tuple(c.value for c in row) for row in ws.iter_rows(min_row=exports.XLSX_HEADER_ROW + 1)
    ]


def _docx(plan: Plan, by: User) -> DocxDocument:
    with _on(TODAY):
        response = exports.progress_report_docx_response(plan, by)
    return Document(io.BytesIO(response.content))


def _paragraphs(doc: DocxDocument) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text]


def _cell_lines(doc: DocxDocument, table: int, row: int, col: int) -> list[str]:
    return [p.text for p in doc.tables[table].cell(row, col).paragraphs if p.text]


# --- spreadsheet ----------------------------------------------------------------------------


def test_it_answers_with_an_xlsx_attachment(progress: Progress) -> None:
    response = exports.xlsx_response(progress.plan)
    assert response["Content-Type"] == exports.XLSX_MIME
    assert response["Content-Disposition"] == (
        f'attachment; filename="tien-do-ke-hoach-{progress.plan.pk}.xlsx"'
    )
    assert load_workbook(io.BytesIO(response.content)).active is not None


def test_it_heads_the_sheet_with_the_plan_and_the_date(progress: Progress) -> None:
    ws = _sheet(progress.plan)
    assert ws["A1"].value == progress.plan.title
    assert ws["A2"].value == ("Kế hoạch số 12/KH-UBND ngày 10/04/2026 của Xã Hồng Phong")
    assert ws["A3"].value == "Số liệu đến ngày 01/06/2026; tiến độ chung 15%"
    header = [c.value for c in ws[exports.XLSX_HEADER_ROW]]
    assert header == [title for title, _width in exports.XLSX_COLUMNS]


def test_it_writes_sections_and_tasks_in_the_plans_order(progress: Progress) -> None:
    rows = _data_rows(_sheet(progress.plan))
    # Section I holds no task and is left out; tasks outside any section come first.
    assert [(r[0] or "", r[1]) for r in rows] == [
        ("", "- Rà soát quy chế dân chủ ở cơ sở"),
        ("II", "NỘI DUNG"),
        ("II.1", "Công tác tuyên truyền"),
        ("II.1", "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở"),
        ("II.2", "Tiếp công dân, đối thoại"),
        ("II.2", HYPERLINK),
        ("II.2", "Báo cáo kết quả tiếp công dân"),
    ]
    promote = rows[3]
    assert promote[2:5] == ("Phòng VH-XH", "VP", "Một lần")
    assert promote[6:8] == (60, "Đang thực hiện")
    assert promote[9] == "Đã tổ chức 5 hội nghị tuyên truyền tại các thôn."
    assert rows[5][7] == "Quá hạn"
    assert rows[6][4] == "Hằng quý"


def test_it_bolds_section_rows_with_their_rolled_up_percent(progress: Progress) -> None:
    ws = _sheet(progress.plan)
    first = exports.XLSX_HEADER_ROW + 1
    content, propaganda, reception = first + 1, first + 2, first + 4
    # II holds 60%, 0% and 0%; II.1 only the 60% task.
    assert [ws.cell(r, 7).value for r in (content, propaganda, reception)] == [20, 60, 0]
    assert all(ws.cell(content, c).font.b for c in (1, 2, 7))
    assert not ws.cell(first + 3, 2).font.b


def test_it_writes_dates_as_real_dates(progress: Progress) -> None:
    ws = _sheet(progress.plan)
    row = exports.XLSX_HEADER_ROW + 4  # the task "Tuyên truyền…"
    due, reported = ws.cell(row, 6), ws.cell(row, 9)
    assert due.value == datetime(2026, 6, 30)
    assert reported.value == datetime(2026, 4, 20)
    for cell in (due, reported):
        assert cell.is_date and cell.number_format == "dd/mm/yyyy"


def test_it_keeps_a_formula_as_text(progress: Progress) -> None:
    content = exports.xlsx_bytes(progress.plan, TODAY)
    ws = load_workbook(io.BytesIO(content)).active
    assert isinstance(ws, Worksheet)
    cells = {c.value: c for row in ws.iter_rows(min_row=5) for c in row if c.value}
    for text in (HYPERLINK, "- Rà soát quy chế dân chủ ở cơ sở"):
        assert cells[text].data_type == "s"
        assert cells[text].quotePrefix
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet


def test_it_freezes_the_header_and_filters_the_rows(progress: Progress) -> None:
    ws = _sheet(progress.plan)
    assert ws.freeze_panes == "A5"
    assert ws.auto_filter.ref == "A4:J11"
    assert ws.column_dimensions["B"].width == 60
    assert ws.cell(exports.XLSX_HEADER_ROW + 4, 2).alignment.wrap_text


def test_it_cuts_the_latest_report_to_500_characters(progress: Progress) -> None:
    with _on(date(2026, 5, 2)):
        services.progress_report_create(
            task=progress.promote, unit=progress.office, by=progress.chairman, text="Kết quả " * 100
        )
    text = _data_rows(_sheet(progress.plan))[3][9]
    assert len(text) == 500 and text.endswith("…") and text.startswith("Kết quả Kết quả")


def test_it_reads_the_latest_reports_in_one_query_whatever_the_plan_size(
    progress: Progress,
) -> None:
    with CaptureQueriesContext(connection) as small:
        exports.xlsx_bytes(progress.plan, TODAY)
    with _on(date(2026, 5, 4)):
        for n in range(5):
            task = services.task_create(
                plan=progress.plan,
                by=progress.chairman,
                title=f"Nhiệm vụ thêm {n}",
                lead_unit=progress.office,
                coordinating_units=[progress.office_b],
                due_date=date(2026, 10, 30),
            )
            services.progress_report_create(
                task=task, unit=progress.office, by=progress.chairman, text=f"Báo cáo {n}"
            )
    with CaptureQueriesContext(connection) as large:
        exports.xlsx_bytes(progress.plan, TODAY)
    assert len(large) == len(small)
    assert len(exports.latest_lead_reports(progress.plan)) == 6
    lead_reports = ProgressReport.objects.filter(kind=ProgressReport.Kind.LEAD).count()
    assert lead_reports == 7


# --- report ---------------------------------------------------------------------------------


def test_it_answers_with_a_docx_attachment(progress: Progress) -> None:
    with _on(TODAY):
        response = exports.progress_report_docx_response(progress.plan, progress.chairman)
    assert response["Content-Type"] == exports.DOCX_MIME
    assert response["Content-Disposition"] == (
        f'attachment; filename="bao-cao-tien-do-{progress.plan.pk}.docx"'
    )


def test_it_heads_the_report_in_the_layout_of_nd30(progress: Progress) -> None:
    doc = _docx(progress.plan, progress.chairman)
    assert _cell_lines(doc, 0, 0, 0) == ["ỦY BAN NHÂN DÂN", "XÃ HỒNG PHONG"]
    assert _cell_lines(doc, 0, 0, 1) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert _cell_lines(doc, 0, 1, 0) == ["Số:      /BC-UBND"]
    assert _cell_lines(doc, 0, 1, 1) == ["Hồng Phong, ngày 01 tháng 6 năm 2026"]
    paragraphs = _paragraphs(doc)
    assert paragraphs[:2] == [
        "BÁO CÁO",
        "Kết quả thực hiện công tác dân vận chính quyền năm 2026 trên địa bàn xã Hồng Phong",
    ]
    assert paragraphs[2].startswith(
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/04/2026 của UBND xã Hồng Phong về thực hiện"
    )
    assert (
        "Kế hoạch có 4 nhiệm vụ: đã hoàn thành 0; đang thực hiện 1; sắp đến hạn 0; quá hạn 1; "
        "chưa bắt đầu 2. Tiến độ chung đạt 15%." in paragraphs
    )
    assert doc.core_properties.author == "Hoàng Thanh Tuấn"


def test_it_tables_every_task_under_its_section(progress: Progress) -> None:
    doc = _docx(progress.plan, progress.chairman)
    paragraphs = _paragraphs(doc)
    # Every task sits under "II. NỘI DUNG", so the report goes one level down.
    headings = [p for p in paragraphs if p[:3] in ("1. ", "2. ", "3. ")]
    assert headings == [
        "1. Công tác tuyên truyền (tiến độ 60%)",
        "2. Tiếp công dân, đối thoại (tiến độ 0%)",
        "3. Nhiệm vụ khác (tiến độ 0%)",
    ]
    _header, propaganda, reception, others, _closing = doc.tables
    assert [c.text for c in propaganda.rows[0].cells] == [
        "TT",
        "Nhiệm vụ",
        "Chủ trì",
        "Tiến độ",
        "Trạng thái",
        "Kết quả gần nhất",
    ]
    assert [c.text for c in propaganda.rows[1].cells] == [
        "1",
        "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở",
        "Phòng VH-XH",
        "60%",
        "Đang thực hiện",
        "20/04/2026: Đã tổ chức 5 hội nghị tuyên truyền tại các thôn.",
    ]
    assert [row.cells[1].text for row in reception.rows[1:]] == [
        HYPERLINK,
        "Báo cáo kết quả tiếp công dân",
    ]
    assert reception.rows[1].cells[5].text == "Chưa báo cáo"
    assert [row.cells[1].text for row in others.rows[1:]] == ["- Rà soát quy chế dân chủ ở cơ sở"]


def test_it_lists_overdue_tasks_under_shortcomings(progress: Progress) -> None:
    paragraphs = _paragraphs(_docx(progress.plan, progress.chairman))
    start = paragraphs.index("III. TỒN TẠI, HẠN CHẾ")
    end = paragraphs.index("IV. NHIỆM VỤ THỜI GIAN TỚI")
    assert paragraphs[start + 1 : end] == [
        "Còn 1 nhiệm vụ quá hạn chưa hoàn thành:",
        f"- {HYPERLINK} (chủ trì: VP; hạn 15/05/2026; tiến độ 0%).",
    ]
    assert "khẩn trương hoàn thành 1 nhiệm vụ quá hạn" in paragraphs[end + 1]
    assert paragraphs[-1] == (
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch số 12/KH-UBND ngày 10/04/2026 "
        "của UBND xã Hồng Phong./."
    )


def test_it_says_so_when_nothing_is_overdue(progress: Progress) -> None:
    with _on(date(2026, 5, 4)):
        _accepted(
            services.progress_report_create(
                task=progress.late,
                unit=progress.office_b,
                by=progress.chairman,
                text="Đã hoàn thành.",
                is_final=True,
            )
        )
    paragraphs = _paragraphs(_docx(progress.plan, progress.chairman))
    start = paragraphs.index("III. TỒN TẠI, HẠN CHẾ")
    assert paragraphs[start + 1] == "Không có nhiệm vụ quá hạn."


def test_it_signs_for_the_committee_and_archives_one_copy(progress: Progress) -> None:
    doc = _docx(progress.plan, progress.chairman)
    assert _cell_lines(doc, -1, 0, 0) == [
        "Nơi nhận:",
        "- UBND tỉnh Lạng Sơn;",
        "- TT Đảng ủy;",
        "- TT HĐND xã;",
        "- Lưu: VT.",
    ]
    assert _cell_lines(doc, -1, 0, 1) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Thanh Tuấn"]


def test_it_sends_to_the_usual_recipients_when_the_plan_names_none(progress: Progress) -> None:
    services.plan_update(plan=progress.plan, by=progress.chairman, recipients=[])
    doc = _docx(progress.plan, progress.chairman)
    assert _cell_lines(doc, -1, 0, 0) == [
        "Nơi nhận:",
        "- UBND tỉnh Lạng Sơn;",
        "- TT Đảng ủy;",
        "- TT HĐND xã;",
        "- Chủ tịch, các PCT UBND xã;",
        "- Lưu: VT.",
    ]


def test_it_is_signed_by_todays_chairman_and_names_no_district(progress: Progress) -> None:
    """Issue 12: the report was signed with the seed's chairman's name (the plan's signer),
    its recipients named a district and omitted the province."""
    services.plan_update(
        plan=progress.plan,
        by=progress.chairman,
        recipients=["UBND huyện Cao Lộc;", "TT Đảng ủy;", "Bà Nguyễn Thị Huyền;", "Lưu: VT."],
    )
    progress.chairman.is_active = False
    progress.chairman.save()
    new = User.objects.create_user("chutich2", full_name="Lý Thị Mới", position="Chủ tịch UBND xã")
    Membership.objects.create(user=new, unit=progress.commune, role=Role.LEADER)
    doc = _docx(progress.plan, new)
    assert _cell_lines(doc, -1, 0, 1) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lý Thị Mới"]
    assert _cell_lines(doc, -1, 0, 0) == [
        "Nơi nhận:",
        "- UBND tỉnh Lạng Sơn;",
        "- TT Đảng ủy;",
        "- Bà Nguyễn Thị Huyền;",
        "- Lưu: VT.",
    ]
    assert progress.plan.signer_name == "Hoàng Thanh Tuấn"  # the plan itself keeps its signer


def test_its_counts_are_the_dashboards(progress: Progress) -> None:
    """The plan is the commune's only plan: the report and the dashboard count the same."""
    from danvan.plans.selectors import dashboard

    with _on(TODAY):
        data = dashboard(commune=progress.commune, year=2026, today=TODAY)
    paragraphs = _paragraphs(_docx(progress.plan, progress.chairman))
    line = next(p for p in paragraphs if p.startswith("Kế hoạch có "))
    assert line.startswith(f"Kế hoạch có {data['total']} nhiệm vụ")
    assert f"quá hạn {data['overdue_count']};" in line


def test_it_heads_an_offices_report_under_the_commune_committee(progress: Progress) -> None:
    with _on(ISSUED):
        plan = services.plan_create(
            commune=progress.commune,
            by=progress.chairman,
            issuing_unit=progress.office,
            title="Kế hoạch tuyên truyền dân chủ ở cơ sở năm 2026",
            symbol="KH-VHXH",
            year=2026,
            signer_title="Phó Trưởng phòng",
            signer_name="Nông Thị Hoa",
        )
        services.task_create(
            plan=plan,
            by=progress.chairman,
            title="Biên soạn tài liệu hỏi đáp",
            lead_unit=progress.office,
            due_date=date(2026, 7, 31),
        )
    doc = _docx(plan, progress.chairman)
    assert _cell_lines(doc, 0, 0, 0) == ["UBND XÃ HỒNG PHONG", "PHÒNG VĂN HÓA - XÃ HỘI"]
    assert _cell_lines(doc, 0, 1, 0) == ["Số:      /BC-VHXH"]
    # No place on the plan: the commune's name without "Xã".
    assert _cell_lines(doc, 0, 1, 1) == ["Hồng Phong, ngày 01 tháng 6 năm 2026"]
    assert _paragraphs(doc)[1] == "Kết quả thực hiện kế hoạch tuyên truyền dân chủ ở cơ sở năm 2026"
    # A deputy signs in the head's place (KT.); an office has no collective body to sign for.
    assert _cell_lines(doc, -1, 0, 1) == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Nông Thị Hoa"]


def test_it_reports_no_progress_claim_still_waiting_for_review_or_returned(
    progress: Progress,
) -> None:
    task = progress.plan.tasks.filter(lead_unit=progress.office).first()
    assert task is not None
    with _on(date(2026, 5, 4)):
        claim = services.progress_report_create(
            task=task, unit=progress.office, by=progress.chairman, text="Đã xong 90%", percent=90
        )
    assert claim.review == ProgressReport.Review.PENDING
    assert "Đã xong 90%" not in exports.latest_lead_reports(progress.plan).get(task.pk, ("", ""))[1]
    ProgressReport.objects.filter(pk=claim.pk).update(review=ProgressReport.Review.RETURNED)
    assert "Đã xong 90%" not in exports.latest_lead_reports(progress.plan).get(task.pk, ("", ""))[1]
    ProgressReport.objects.filter(pk=claim.pk).update(review=ProgressReport.Review.ACCEPTED)
    assert exports.latest_lead_reports(progress.plan)[task.pk][1] == "Đã xong 90%"
