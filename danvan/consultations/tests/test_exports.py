"""The list of comments (.xlsx) and the synthesis report (.docx)."""

from __future__ import annotations

import io

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from danvan.consultations.models import Comment
from danvan.consultations.tests.conftest import Scene


def test_it_exports_every_comment_with_its_answer(scene: Scene) -> None:
    Comment.objects.filter(pk=scene.comment.pk).update(text='=HYPERLINK("http://x")')
    response = scene.world.client(scene.world.officer_a).get(
        reverse("consultations:comments_xlsx", args=[scene.open.pk])
    )
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb["Ý kiến"].iter_rows(min_row=5, values_only=True))
    assert len(rows) == 3  # two standing, one hidden with its reason
    texts = [r[2] for r in rows]
    assert "Ưu tiên đường vào thôn Đoàn Kết." in texts
    assert wb["Ý kiến"]["C5"].data_type == "s"  # a formula typed by a citizen stays text
    hidden = [r for r in rows if r[13]]
    assert hidden and hidden[0][13] == "Quảng cáo"
    per_point = list(wb["Theo điều"].iter_rows(min_row=2, values_only=True))
    assert per_point[-1][:3] == ("Tổng cộng", 2, 26)


def test_it_writes_the_synthesis_in_the_official_layout(scene: Scene) -> None:
    response = scene.world.client(scene.world.readonly_a).get(
        reverse("consultations:synthesis_docx", args=[scene.closed.pk])
    )
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "BÁO CÁO" in text.upper()
    assert "Luật Thực hiện dân chủ ở cơ sở năm 2022" in text
    assert "Đồng ý chuyển sang trồng cây ăn quả." in cells
    assert "Tiếp thu" in cells
    # Điều 25 khoản 1 and the forms of Điều 26 khoản 1, as the law numbers them.
    assert "khoản 1 Điều 25 của Luật: dự thảo kế hoạch phát triển kinh tế - xã hội" in text
    assert "cổng thông tin điện tử của xã (điểm e khoản 1 Điều 26)" in text
    assert "cuộc họp của cộng đồng dân cư (điểm b khoản 1 Điều 26)" in text
