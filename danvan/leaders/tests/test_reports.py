"""Issue 12, item 7: the periodic report to the province (leaders/reports.py).

Today is Saturday 20/06/2026, after the 6-month cut-off of 14/06/2026.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.figures import CORE_KEYS
from danvan.core.models import Membership, Role, User
from danvan.leaders import reports
from danvan.leaders.law import law_in_force
from danvan.leaders.models import PeriodicReport, ReportingPeriod, ReportVersion
from danvan.leaders.overview import compose
from danvan.petitions.models import Petition
from danvan.plans import services as plan_services
from danvan.plans.models import Plan, Recurrence, Task

TODAY = date(2026, 6, 20)
NOW = "2026-06-20 09:00 +0700"
TEXT = {
    "results": "Tổ chức 3 cuộc đối thoại với Nhân dân.",
    "shortcomings": "Một số nhiệm vụ còn chậm.",
    "next": "Tiếp tục đối thoại định kỳ.",
    "proposals": "Đề nghị tỉnh hỗ trợ tập huấn.",
}


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def chairman(world: World) -> User:
    """The commune's chairman today: not the seed's account (it left), a newly elected one."""
    world.chairman.position = "Chủ tịch UBND xã"
    world.chairman.full_name = "Hoàng Văn Cũ"
    world.chairman.is_active = False
    world.chairman.save()
    new = User.objects.create_user("chutich2", full_name="Lý Thị Mới", position="Chủ tịch UBND xã")
    Membership.objects.create(user=new, unit=world.commune, role=Role.LEADER)
    deputy = User.objects.create_user("pct", full_name="Phó Văn Hai", position="Phó Chủ tịch")
    Membership.objects.create(user=deputy, unit=world.commune, role=Role.LEADER)
    return new


def task(plan: Plan, world: World, title: str, due: date) -> Task:
    return plan_services.task_create(
        plan=plan,
        by=world.chairman,
        title=title,
        lead_unit=world.office_a,
        recurrence=Recurrence.ONCE,
        start_date=date(2026, 1, 5),
        due_date=due,
    )


@pytest.fixture
def data(world: World, plan: Plan) -> None:
    """Two duties (one late), one late open petition."""
    task(plan, world, "Đối thoại với Nhân dân", date(2026, 3, 1))
    task(plan, world, "Tuyên truyền Luật THDCCS", date(2026, 11, 30))
    Petition.objects.create(
        commune=world.commune,
        year=2026,
        number=1,
        tracking_code="T000000001",
        channel=Petition.Channel.POST,
        kind="complaint",
        subject="Khiếu nại đường thôn",
        content="…",
        received_on=date(2026, 2, 1),
        status=Petition.Status.ACCEPTED,
        due_on=date(2026, 3, 15),
    )


def half_year(world: World, by: User) -> PeriodicReport:
    return reports.report_create(commune=world.commune, kind="half_year", year=2026, by=by)


def core(part: dict[str, Any]) -> dict[str, Any]:
    return {k: part[k] for k in (*CORE_KEYS, "on_time_rate", "small", "extra")}


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


# --- the period ---------------------------------------------------------------------------


def test_the_period_rule_gives_the_cut_off_dates_of_the_decree(world: World) -> None:
    """NĐ 09/2019/NĐ-CP, Điều 12 (unverified, docs/legal-rules.md): 15/12 of the year before
    to 14/06 (6 months) or 14/12 (year)."""
    six, whole = (ReportingPeriod.objects.get(kind=k) for k in ("half_year", "year"))
    assert six.dates(2026) == (date(2025, 12, 15), date(2026, 6, 14))
    assert whole.dates(2026) == (date(2025, 12, 15), date(2026, 12, 14))
    assert "09/2019/NĐ-CP, Điều 12" in six.source
    report = half_year(world, world.chairman)
    assert (report.start, report.end, report.period_id) == (
        date(2025, 12, 15),
        date(2026, 6, 14),
        six.pk,
    )
    rows = law_in_force(TODAY)["reporting_periods"]
    assert {(r["kind"], r["start"], r["end"]) for r in rows} == {
        ("half_year", "15/12 năm trước", "14/06"),
        ("year", "15/12 năm trước", "14/12"),
    }


def test_a_changed_rule_applies_to_reports_created_after_it(world: World) -> None:
    ReportingPeriod.objects.filter(kind="year").update(effective_to=date(2026, 12, 31))
    ReportingPeriod.objects.create(
        kind="year", start_month=1, start_day=1, starts_previous_year=False, end_month=12,
        end_day=31, effective_from=date(2027, 1, 1), source="Quy định mới (thử)",
    )  # fmt: skip
    assert reports.period_rule("year", 2026).dates(2026)[0] == date(2025, 12, 15)
    assert reports.period_rule("year", 2027).dates(2027) == (date(2027, 1, 1), date(2027, 12, 31))


def test_one_report_per_commune_and_period(world: World) -> None:
    half_year(world, world.chairman)
    with pytest.raises(DomainError, match="đã có báo cáo"):
        half_year(world, world.officer_b)


# --- figures ------------------------------------------------------------------------------


def test_it_gives_the_overviews_numbers_for_the_same_period(
    world: World, chairman: User, data: None
) -> None:
    report = half_year(world, chairman)
    live = reports.figures_of(report)
    same = compose(
        communes=[world.commune.pk], start=report.start, end=report.end, on=TODAY
    )  # the overview page's call (detail=True)
    assert list(live) == list(same)
    assert {k: core(p) for k, p in live.items()} == {k: core(p) for k, p in same.items()}
    assert (live["plan"]["total"], live["plan"]["late"]) == (2, 1)
    assert (live["petitions"]["total"], live["petitions"]["late"]) == (1, 1)
    # The overview page shows the same numbers for those days.
    page = world.client(chairman).get(
        reverse("leaders:overview"), {"tu": "15/12/2025", "den": "14/06/2026"}
    )
    assert page.status_code == 200
    assert page.context["parts"]["plan"]["total"] == live["plan"]["total"]
    assert page.context["parts"]["petitions"]["late"] == live["petitions"]["late"]


def test_submitted_figures_do_not_change_when_the_data_does(
    world: World, chairman: User, data: None, plan: Plan
) -> None:
    report = half_year(world, chairman)
    reports.report_save(report=report, by=world.officer_b, narrative=TEXT)
    reports.report_submit(report=report, by=chairman)
    frozen = PeriodicReport.objects.get(pk=report.pk).figures
    assert frozen is not None and frozen["plan"]["total"] == 2

    task(plan, world, "Hội nghị đối thoại bổ sung", date(2026, 4, 1))
    Petition.objects.update(status=Petition.Status.RESOLVED, closed_on=date(2026, 3, 1))

    again = PeriodicReport.objects.get(pk=report.pk)
    assert again.figures == frozen
    assert reports.figures_of(again) == frozen
    assert reports.live_figures(again)["plan"]["total"] == 3  # what a draft would show
    text = docx_text(reports.report_docx(again, by=chairman))
    assert "Tổng số trong kỳ" in text
    page = world.client(chairman).get(reverse("leaders:report", args=[report.pk]))
    plan_part = page.context["parts"][0]
    assert ("Tổng số trong kỳ", "2") in plan_part["rows"]


# --- the document -------------------------------------------------------------------------


def test_the_docx_is_signed_by_the_current_chairman_and_goes_to_the_province(
    world: World, chairman: User, data: None
) -> None:
    report = half_year(world, world.officer_b)
    reports.report_save(report=report, by=world.officer_b, narrative=TEXT, number="7")
    reports.report_submit(report=report, by=chairman)
    response = world.client(chairman).get(reverse("leaders:report_docx", args=[report.pk]))
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "Lý Thị Mới" in text and "Hoàng Văn Cũ" not in text
    assert "UBND tỉnh Lạng Sơn" in text
    # No district level since 01/07/2025: the word, not "huyện" inside "câu chuyện".
    assert not re.search(r"\bhuyện\b", text.lower())
    assert "Số: 07/BC-UBND" in text and "BÁO CÁO" in text.upper()
    assert "6 tháng đầu năm 2026" in text
    for heading in ("KẾT QUẢ ĐẠT ĐƯỢC", "TỒN TẠI, HẠN CHẾ", "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"):
        assert heading in text
    assert TEXT["proposals"] in text
    # Every part of the figures is a table of the document.
    for part in reports.figures_of(report).values():
        assert part["label"] in text


def test_without_a_chairman_the_report_is_not_submitted(world: World) -> None:
    report = half_year(world, world.chairman)
    reports.report_save(report=report, by=world.chairman, narrative=TEXT)
    with pytest.raises(DomainError, match="Chủ tịch"):
        reports.report_submit(report=report, by=world.chairman)


def test_the_annex_has_a_sheet_per_part(world: World, chairman: User, data: None) -> None:
    report = half_year(world, chairman)
    response = world.client(chairman).get(reverse("leaders:report_xlsx", args=[report.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    figures = reports.figures_of(report)
    assert len(book.sheetnames) == len(figures) >= 7
    first = book[book.sheetnames[0]]
    values = [[c.value for c in row] for row in first.iter_rows()]
    assert ["1", "Tổng số trong kỳ", 2] in [[str(r[0]), r[1], r[2]] for r in values if r[1]]


# --- versions -----------------------------------------------------------------------------


def test_every_save_submission_and_reopening_is_kept(
    world: World, chairman: User, data: None, plan: Plan
) -> None:
    c = world.client(world.officer_b)
    report = half_year(world, world.officer_b)
    edit = reverse("leaders:report_edit", args=[report.pk])
    assert c.post(edit, {**TEXT, "results": "Bản đầu."}).status_code == 302
    assert c.post(edit, TEXT).status_code == 302
    lead = world.client(chairman)
    assert lead.post(reverse("leaders:report_submit", args=[report.pk])).status_code == 302
    # Submitted: the office's edit is refused in Vietnamese, what it typed is kept.
    refused = c.post(edit, {**TEXT, "results": "Sửa sau khi gửi."})
    assert refused.status_code == 400
    assert "mở lại báo cáo" in refused.content.decode()
    assert "Sửa sau khi gửi." in refused.content.decode()
    task(plan, world, "Việc phát sinh sau khi gửi", date(2026, 5, 1))
    assert lead.post(reverse("leaders:report_reopen", args=[report.pk])).status_code == 302
    assert c.post(edit, {**TEXT, "results": "Bản sửa lần hai."}).status_code == 302
    assert lead.post(reverse("leaders:report_submit", args=[report.pk])).status_code == 302

    versions = list(ReportVersion.objects.filter(report=report).order_by("number"))
    assert [(v.number, v.event, v.by) for v in versions] == [
        (1, "saved", world.officer_b),
        (2, "saved", world.officer_b),
        (3, "submitted", chairman),
        (4, "reopened", chairman),
        (5, "saved", world.officer_b),
        (6, "submitted", chairman),
    ]
    assert versions[0].narrative["results"] == "Bản đầu."
    assert versions[2].figures["plan"]["total"] == 2
    assert versions[5].figures["plan"]["total"] == 3
    report.refresh_from_db()
    assert (report.status, report.version, report.narrative["results"]) == (
        "submitted",
        6,
        "Bản sửa lần hai.",
    )
    old = lead.get(reverse("leaders:report_docx", args=[report.pk]), {"phien-ban": 1})
    assert old.status_code == 200 and "Bản đầu." in docx_text(old.content)
    assert "Lý Thị Mới" in docx_text(old.content)  # a draft's signer: the chairman of the day
    bad = lead.get(reverse("leaders:report_docx", args=[report.pk]), {"phien-ban": "x"})
    assert bad.status_code == 400 and "Không có phiên bản" in bad.content.decode()


# --- pages and bad input ------------------------------------------------------------------


def test_creating_a_report_from_the_list(world: World, chairman: User) -> None:
    c = world.client(world.officer_b)
    page = c.get(reverse("leaders:reports"))
    assert page.status_code == 200 and "Lập dự thảo" in page.content.decode()
    data = {"xa": world.commune.pk, "ky": "year", "nam": "2026"}
    response = c.post(reverse("leaders:report_create"), data)
    report = PeriodicReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert (report.kind, report.start, report.end) == (
        "year",
        date(2025, 12, 15),
        date(2026, 12, 14),
    )
    again = c.post(reverse("leaders:report_create"), data)
    assert again.status_code == 400 and "đã có báo cáo" in again.content.decode()
    for bad in ({**data, "nam": "hai nghìn"}, {**data, "nam": "1990"}, {**data, "ky": "quy"},
                {**data, "xa": world.other_commune.pk}):  # fmt: skip
        refused = c.post(reverse("leaders:report_create"), bad)
        assert refused.status_code == 400, bad
    assert PeriodicReport.objects.count() == 1


def test_a_long_narrative_is_refused_and_kept(world: World) -> None:
    report = half_year(world, world.chairman)
    c = world.client(world.officer_b)
    too_long = {**TEXT, "next": "x" * 20001}
    response = c.post(reverse("leaders:report_edit", args=[report.pk]), too_long)
    assert response.status_code == 400
    assert TEXT["results"] in response.content.decode() and "Tối đa" in response.content.decode()
    assert ReportVersion.objects.count() == 0
