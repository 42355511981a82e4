"""The pages as an officer, a leader and a province viewer use them: one form for every score,
bad input shown again in Vietnamese with what was typed, submit and reopen, the exports, the
province's comparison."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import docx
import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.conftest import World
from danvan.core.audit import log_action
from danvan.core.models import Attachment
from danvan.scorecard import services, sheet
from danvan.scorecard.models import Assessment, Score
from danvan.scorecard.tests.conftest import Sc
from danvan.testing.pages import kept_as_fresh

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _crit(a: Assessment, code: str) -> int:
    return next(line.criterion for line in sheet.result_of(a).lines if line.code == code)


def test_the_index_lists_the_years_and_offers_to_start_one(world: World, sc: Sc) -> None:
    page = world.client(world.officer_b).get(reverse("scorecard:index")).content.decode()
    assert "Năm 2026" in page and "Năm 2025" in page and "Bắt đầu tự đánh giá" in page
    assert '<option value="2027">2027</option>' in page and 'value="2026"' not in page
    # The reader sees the list, not the button.
    page = world.client(world.readonly_a).get(reverse("scorecard:index")).content.decode()
    assert "Năm 2026" in page and "Bắt đầu tự đánh giá" not in page
    # The province viewer sees the submitted year only.
    page = world.client(world.province_viewer).get(reverse("scorecard:index")).content.decode()
    assert "Năm 2025" in page and "Năm 2026" not in page


def test_an_empty_commune_says_so_and_starts_a_year(world: World, frozen: Any) -> None:
    client = world.client(world.officer_b)
    page = client.get(reverse("scorecard:index")).content.decode()
    assert "Chưa có bản tự đánh giá nào." in page
    card = services.scorecards_for(world.commune, 2026)[0]
    response = client.post(
        f"{reverse('scorecard:start')}?xa={world.commune.pk}", {"year": 2026, "scorecard": card.pk}
    )
    a = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == a.get_absolute_url()
    assert (a.year, a.status, a.created_by) == (2026, "draft", world.officer_b)
    page = client.get(reverse("scorecard:index")).content.decode()  # kept before: written again
    assert "Năm 2026" in page and 'value="2026"' not in page


def test_the_kept_index_is_the_page_written_afresh(world: World, sc: Sc, settings: Any) -> None:
    for user in (world.officer_b, world.readonly_a, world.province_viewer):
        kept_as_fresh(world.client(user), reverse("scorecard:index"), settings)


def test_bad_scores_are_refused_in_vietnamese_and_what_was_typed_stays(
    world: World, sc: Sc
) -> None:
    a = sc.draft
    one, two = _crit(a, "1.1"), _crit(a, "2.1")
    response = world.client(world.officer_b).post(
        reverse("scorecard:save", args=[a.pk]),
        {
            f"p_{one}": "7",
            f"n_{one}": "Kế hoạch ban hành ngày 10/01.",
            f"p_{two}": "abc",
            f"l_{two}": "/khong-co/\n/can-bo/tu-danh-gia/",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Điểm từ 0 đến 5." in page and "Nhập điểm là một số, ví dụ 4,5." in page
    assert "“/khong-co/” không phải đường dẫn tới một trang của hệ thống" in page
    assert 'value="7"' in page and "Kế hoạch ban hành ngày 10/01." in page and 'value="abc"' in page
    assert Score.objects.get(assessment=a, criterion_id=one).points == Decimal(4)


def test_scores_links_and_files_are_saved_and_shown(world: World, sc: Sc) -> None:
    a = sc.draft
    one = _crit(a, "1.1")
    client = world.client(world.officer_b)
    response = client.post(
        reverse("scorecard:save", args=[a.pk]),
        {
            f"p_{one}": "4,5",
            f"n_{one}": "Ban hành đúng hạn.",
            f"l_{one}": "http://testserver/can-bo/tu-danh-gia/?nam=2026",
            f"f_{one}": SimpleUploadedFile("ke-hoach.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    score = Score.objects.get(assessment=a, criterion_id=one)
    assert (score.points, score.note, score.links) == (
        Decimal("4.5"),
        "Ban hành đúng hạn.",
        ["/can-bo/tu-danh-gia/?nam=2026"],
    )
    attachment = Attachment.objects.get()
    page = client.get(a.get_absolute_url()).content.decode()
    assert 'href="/can-bo/tu-danh-gia/?nam=2026"' in page and "ke-hoach.pdf" in page
    assert reverse("core:attachment", args=[attachment.pk]) in page
    # The file is read through core's download, by whoever reads the assessment.
    assert client.get(reverse("core:attachment", args=[attachment.pk])).status_code == 200
    assert (
        world.client(world.province_viewer)
        .get(reverse("core:attachment", args=[attachment.pk]))
        .status_code
        == 403
    )


def test_the_page_flags_a_score_without_evidence(world: World, sc: Sc) -> None:
    a = sc.draft
    one = _crit(a, "1.1")
    services.scores_save(
        assessment=a, by=world.officer_b, entries={one: services.Entry(points=Decimal(3))}
    )
    page = world.client(world.chairman).get(a.get_absolute_url()).content.decode()
    assert "1 tiêu chí có điểm nhưng chưa có minh chứng: 1.1" in page
    assert "Chưa có minh chứng</span>" in page


def test_submit_freezes_and_a_leader_reopens_with_a_reason(world: World, sc: Sc) -> None:
    a = sc.draft
    client = world.client(world.officer_b)
    response = client.post(reverse("scorecard:submit", args=[a.pk]), follow=True)
    page = response.content.decode()
    assert "Đã gửi bản tự đánh giá năm 2026: 88 điểm, Hoàn thành tốt nhiệm vụ." in page
    assert "Lưu điểm tự chấm" not in page and "Mở lại" not in page  # the office may not reopen
    leader = world.client(world.chairman)
    refused = leader.post(reverse("scorecard:reopen", args=[a.pk]), {"mo-reason": ""})
    assert refused.status_code == 400 and "Mở lại để chấm điểm lại" in refused.content.decode()
    leader.post(reverse("scorecard:reopen", args=[a.pk]), {"mo-reason": "Bổ sung minh chứng."})
    assert Assessment.objects.get(pk=a.pk).status == "draft"
    page = leader.get(a.get_absolute_url()).content.decode()
    assert "Mở lại bản tự đánh giá" in page and "Bổ sung minh chứng." in page


def test_submitting_an_incomplete_assessment_says_what_is_missing(world: World, sc: Sc) -> None:
    Score.objects.filter(assessment=sc.draft, criterion__code="3.2").update(points=None)
    response = world.client(world.officer_b).post(
        reverse("scorecard:submit", args=[sc.draft.pk]), follow=True
    )
    assert "Còn 1 tiêu chí chưa chấm điểm (3.2)" in response.content.decode()
    assert Assessment.objects.get(pk=sc.draft.pk).status == "draft"


def test_the_spreadsheet_and_the_report_say_what_the_page_says(world: World, sc: Sc) -> None:
    client = world.client(world.province_viewer)
    data = client.get(reverse("scorecard:xlsx", args=[sc.submitted.pk])).content
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "BẢNG TỰ CHẤM ĐIỂM CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025" in cells
    assert "http://testserver/can-bo/tu-danh-gia/" in cells
    assert "Hoàn thành xuất sắc nhiệm vụ" in cells
    assert any("cần đối chiếu văn bản của tỉnh" in c for c in cells)
    data = client.get(reverse("scorecard:docx", args=[sc.submitted.pk])).content
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Tổng điểm: 105." in text and "Tự xếp loại: Hoàn thành xuất sắc nhiệm vụ." in text


def test_the_province_compares_its_communes_submitted_results(world: World, sc: Sc) -> None:
    client = world.client(world.province_viewer)
    page = client.get(f"{reverse('scorecard:compare')}?nam=2025").content.decode()
    assert "1 trên 1 xã đã gửi bản tự đánh giá năm 2025." in page
    assert sc.submitted.get_absolute_url() in page and "105" in page
    page = client.get(f"{reverse('scorecard:compare')}?nam=2026").content.decode()
    assert "0 trên 1 xã đã gửi" in page and "Chưa gửi" in page
    assert sc.draft.get_absolute_url() not in page
    data = client.get(f"{reverse('scorecard:compare_xlsx')}?nam=2025").content
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c for c in list(ws.iter_rows(values_only=True))[-1] if c is not None][:4] == [
        1,
        "Xã Hồng Phong",
        105,
        "Hoàn thành xuất sắc nhiệm vụ",
    ]


def test_a_submitted_assessment_refuses_new_scores_on_the_page(world: World, sc: Sc) -> None:
    one = _crit(sc.submitted, "1.1")
    response = world.client(world.officer_b).post(
        reverse("scorecard:save", args=[sc.submitted.pk]), {f"p_{one}": "1"}
    )
    assert response.status_code == 400
    assert "Bản tự đánh giá đã gửi, không sửa được; lãnh đạo có thể mở lại." in (
        response.content.decode()
    )
    assert Score.objects.get(assessment=sc.submitted, criterion_id=one).points == Decimal(5)


def test_the_kept_criteria_are_the_page_written_afresh(world: World, sc: Sc, settings: Any) -> None:
    url = sc.draft.get_absolute_url()
    scorer = kept_as_fresh(world.client(world.officer_b), url, settings)  # scores on the page
    kept_as_fresh(world.client(world.chairman), url, settings)  # reads it
    assert f'name="p_{_crit(sc.draft, "1.1")}"' in scorer


def test_the_kept_criteria_show_a_score_saved_since(world: World, sc: Sc) -> None:
    a, client = sc.draft, world.client(world.chairman)
    one = _crit(a, "1.1")
    assert (
        "Ban hành kế hoạch đúng hạn, đủ nội dung."
        not in client.get(a.get_absolute_url()).content.decode()
    )
    services.scores_save(
        assessment=a,
        by=world.officer_b,
        entries={
            one: services.Entry(points=Decimal(3), note="Ban hành kế hoạch đúng hạn, đủ nội dung.")
        },
    )
    page = client.get(a.get_absolute_url()).content.decode()
    assert "Ban hành kế hoạch đúng hạn, đủ nội dung." in page


def test_the_kept_sheet_follows_the_scores_and_no_other_apps_records(
    world: World, sc: Sc, plan: Any
) -> None:
    """The sheet (scores, files, total, grade) is kept for every reader: another app's write
    leaves it kept (no query of the scores or the grade bands); a score saved shows at once."""
    a, client = sc.draft, world.client(world.chairman)
    url = a.get_absolute_url()
    total = client.get(url).content.decode().split('id="tong-diem">')[1].split("<")[0]
    log_action(plan, "plans.plan_updated", by=world.chairman)  # another app's record
    with CaptureQueriesContext(connection) as seen:
        client.get(url)
    read = " ".join(q["sql"] for q in seen.captured_queries)
    assert 'FROM "scorecard_score"' not in read and 'FROM "scorecard_gradeband"' not in read
    services.scores_save(
        assessment=a,
        by=world.officer_b,
        entries={_crit(a, "1.1"): services.Entry(points=Decimal(3), note="Đúng hạn.")},
    )
    after = client.get(url).content.decode().split('id="tong-diem">')[1].split("<")[0]
    assert after != total
    assert Decimal(after.replace(",", ".")) == sheet.result_of(a).total
