"""The pages of public opinion: what each reader is shown, bad input refused in Vietnamese with
what was typed kept, the filters and search, a linked petition shown by its code only, the
month's summary and its files."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.opinion import services
from danvan.opinion.models import OpinionNote
from danvan.opinion.tests.conftest import Op, source, topic
from danvan.petitions import services as petitions
from danvan.testing.pages import kept_as_fresh


def _xa(name: str, world: World, **params: object) -> str:
    extra = "".join(f"&{k}={v}" for k, v in params.items())
    return f"{reverse(name)}?xa={world.commune.pk}{extra}"


def _form(op: Op, world: World, **kw: Any) -> dict[str, Any]:
    data = {
        "noted_on": "2026-11-20",
        "topic": topic("gia-ca-viec-lam").pk,
        "village": world.village.pk,
        "source_kind": source("hop-dan").pk,
        "reporting_unit": world.village.pk,
        "content": "Bà con lo giá phân bón tăng cao trước vụ đông.",
        "urgency": "attention",
        "trend": "rising",
        "proposal": "Đề nghị Hội Nông dân hỗ trợ mua phân trả chậm.",
    }
    data.update(kw)
    return data


def test_a_village_head_notes_what_his_village_says(world: World, op: Op) -> None:
    client = world.client(world.village_head)
    page = client.get(_xa("opinion:create", world)).content.decode()
    assert "Thôn Hòa Bình" not in page  # he notes for his own village only
    response = client.post(_xa("opinion:create", world), _form(op, world))
    note = OpinionNote.objects.get(content__startswith="Bà con lo giá phân bón")
    assert response.status_code == 302 and response["Location"] == note.get_absolute_url()
    assert (note.created_by, note.village, note.due_on) == (world.village_head, world.village, None)
    page = client.get(note.get_absolute_url()).content.decode()
    assert "Giá cả, việc làm" in page and "Ghi tin dư luận" in page


def test_it_refuses_bad_input_in_vietnamese_and_keeps_what_was_typed(world: World, op: Op) -> None:
    client = world.client(world.village_head)
    response = client.post(
        _xa("opinion:create", world),
        _form(op, world, noted_on="2026-12-31", reporting_unit=world.front_unit.pk, trend=""),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ngày không được sau hôm nay." in body
    assert "Chọn đơn vị báo cáo trong danh sách." in body  # not his unit
    assert "Chọn xu hướng." in body
    assert "Bà con lo giá phân bón tăng cao" in body and "trả chậm" in body
    assert not OpinionNote.objects.filter(content__startswith="Bà con lo giá").exists()


def test_the_list_flags_urgent_notes_filters_and_searches(world: World, op: Op) -> None:
    client = world.client(world.chairman)
    body = client.get(_xa("opinion:index", world)).content.decode()
    assert "4 tin." in body and "⚠ Khẩn cấp" in body
    assert 'aria-current="page' in body  # the outreach tabs
    body = client.get(_xa("opinion:index", world, q="DUA XE")).content.decode()
    assert "1 tin." in body and "Thanh niên tụ tập" in body
    body = client.get(_xa("opinion:index", world, thang="2026-10")).content.decode()
    assert "Chưa có tin dư luận nào khớp bộ lọc." in body
    body = client.get(_xa("opinion:index", world, **{"muc-do": "nonsense"})).content.decode()
    assert "4 tin." in body  # an unknown filter is ignored, never an error


def test_each_unit_lists_its_own_notes_only(world: World, op: Op) -> None:
    body = world.client(world.village_head).get(_xa("opinion:index", world)).content.decode()
    assert "1 tin." in body and "trại lợn" in body and "đua xe" not in body


def test_the_list_reads_a_few_queries_whatever_its_rows(world: World, op: Op) -> None:
    client = world.client(world.chairman)
    client.get(_xa("opinion:index", world))
    services.note_handle(  # the list is counted again
        note=op.village_note,
        by=world.chairman,
        handled_on=date(2026, 11, 20),
        handling="Đã làm việc với chủ trại lợn.",
    )
    with CaptureQueriesContext(connection) as few:
        client.get(_xa("opinion:index", world))
    for n in range(30):
        services.note_create(
            commune=world.commune,
            by=world.front,
            noted_on=op.front_note.noted_on,
            topic=topic("khac"),
            source_kind=source("khac"),
            reporting_unit=world.front_unit,
            content=f"Tin số {n}",
            trend="new",
        )
    with CaptureQueriesContext(connection) as many:
        body = client.get(_xa("opinion:index", world)).content.decode()
    assert len(many) <= len(few) + 1 and "Trang 1/2" in body
    with CaptureQueriesContext(connection) as kept:  # until a note changes
        assert "Trang 1/2" in client.get(_xa("opinion:index", world)).content.decode()
    assert not any("opinion_opinionnote" in q["sql"] for q in kept.captured_queries)


def test_a_linked_petition_shows_its_code_never_its_petitioner(world: World, op: Op) -> None:
    services.note_link_petition(note=op.village_note, by=world.chairman, code="15/2026")
    chairman = world.client(world.chairman).get(op.village_note.get_absolute_url())
    body = chairman.content.decode()
    assert "Đơn số 15/2026" in body and reverse("petitions:detail", args=[op.petition.pk]) in body
    assert "Nguyễn Văn Tố" not in body and "mùi hôi từ trại lợn" not in body.split("Đơn số")[1]
    head = world.client(world.village_head).get(op.village_note.get_absolute_url())
    body = head.content.decode()
    assert "Đơn số 15/2026" in body  # the code, without a link he could not open
    assert reverse("petitions:detail", args=[op.petition.pk]) not in body
    assert "Nguyễn Văn Tố" not in body and "Bỏ liên kết" not in body


def test_a_hotspot_is_linked_and_shown_with_the_books_counts(world: World, op: Op) -> None:
    client = world.client(world.officer_b)
    response = client.post(
        reverse("opinion:hotspot", args=[op.village_note.pk]), {"dn-hotspot_topic": "environment"}
    )
    assert response.status_code == 302
    body = client.get(op.village_note.get_absolute_url()).content.decode()
    url = reverse(
        "petitions:hotspot_detail", args=[world.commune.pk, world.village.pk, "environment"]
    )
    assert url in body and "1 đơn trong kỳ hiện tại" in body
    body = world.client(world.village_head).get(op.village_note.get_absolute_url()).content.decode()
    assert "Thôn Đoàn Kết – Môi trường" in body and url not in body


def test_the_kept_notes_page_is_the_page_written_afresh(
    world: World, op: Op, settings: Any
) -> None:
    services.note_link_hotspot(note=op.village_note, by=world.chairman, hotspot_topic="environment")
    url = op.village_note.get_absolute_url()
    pages = {
        u: kept_as_fresh(world.client(u), url, settings)
        for u in (world.chairman, world.village_head)
    }
    forms = ('name="xl-handled_on"', 'name="dn-hotspot_topic"', 'name="don-code"')
    assert all(f in pages[world.chairman] for f in forms)
    assert not any(f in pages[world.village_head] for f in forms)
    assert "1 đơn trong kỳ hiện tại" in pages[world.village_head]


def test_the_kept_notes_page_follows_what_happens_since(world: World, op: Op) -> None:
    services.note_link_hotspot(note=op.village_note, by=world.chairman, hotspot_topic="environment")
    c = world.client(world.chairman)
    url = op.village_note.get_absolute_url()
    body = c.get(url).content.decode()
    assert "1 đơn trong kỳ hiện tại" in body and 'name="xl-handled_on"' in body
    petitions.petition_receive(
        commune=world.commune,
        by=world.chairman,
        channel="in_person",
        kind="recommendation",
        subject="Phản ánh mùi hôi từ trại lợn",
        content="Đề nghị kiểm tra trại lợn.",
        received_on=date(2026, 11, 18),
        village=world.village,
        topic="environment",
    )
    assert "2 đơn trong kỳ hiện tại" in c.get(url).content.decode()
    services.note_handle(
        note=op.village_note,
        by=world.chairman,
        handled_on=date(2026, 11, 20),
        handling="Đã làm việc với chủ trại lợn.",
    )
    body = c.get(url).content.decode()
    assert "Đã xử lý ngày 20/11/2026" in body and 'name="xl-handled_on"' not in body
    assert "Ghi kết quả xử lý" in body.split("Lịch sử thay đổi")[1]  # the history names the step
    services.note_link_petition(note=op.village_note, by=world.chairman, code="15/2026")
    assert reverse("petitions:detail", args=[op.petition.pk]) in c.get(url).content.decode()


def test_a_bad_step_is_refused_on_the_notes_page(world: World, op: Op) -> None:
    client = world.client(world.chairman)
    url = op.village_note.get_absolute_url()
    response = client.post(
        reverse("opinion:link", args=[op.village_note.pk]), {"don-code": "99/2026"}
    )
    assert response.status_code == 400
    assert "Sổ đơn thư của xã không có đơn số 99/2026." in response.content.decode()
    response = client.post(
        reverse("opinion:handle", args=[op.village_note.pk]),
        {"xl-handled_on": "2026-11-01", "xl-handling": "Đã làm việc với chủ trại lợn."},
    )
    body = response.content.decode()
    assert response.status_code == 400 and "không được trước ngày nắm bắt" in body
    assert "Đã làm việc với chủ trại lợn." in body
    response = client.post(
        reverse("opinion:handle", args=[op.village_note.pk]),
        {"xl-handled_on": "2026-11-20", "xl-handling": "Đã làm việc với chủ trại lợn."},
    )
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert "Đã xử lý ngày 20/11/2026" in body and "Ghi xử lý" not in body
    assert "Ghi kết quả xử lý" in body  # the history names the step


def test_the_month_summarises_for_the_leaders(world: World, op: Op) -> None:
    services.note_link_hotspot(note=op.village_note, by=world.chairman, hotspot_topic="environment")
    client = world.client(world.chairman)
    body = client.get(_xa("opinion:month", world, thang="2026-11")).content.decode()
    assert "Tình hình dư luận xã hội tháng 11/2026" in body
    assert "Trong tháng có <strong>4</strong> tin" in body
    assert "Thanh niên tụ tập" in body and "Bà con hỏi về giá bồi thường" not in body
    assert "Thôn Đoàn Kết – Môi trường" in body
    body = client.get(_xa("opinion:month", world, thang="2026-99")).content.decode()
    assert "Tháng không hợp lệ" in body


def test_the_months_report_is_a_document_to_the_chairman(world: World, op: Op) -> None:
    response = world.client(world.officer_b).get(_xa("opinion:month_docx", world, thang="2026-11"))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Tình hình dư luận xã hội tháng 11/2026" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân xã Hồng Phong." in text
    assert "phản ánh 4 tin dư luận" in text and "trại lợn" in text
    assert "huyện" not in text.lower()


def test_the_spreadsheets_hold_the_rows_asked_for(world: World, op: Op) -> None:
    client = world.client(world.chairman)
    response = client.get(_xa("opinion:month_xlsx", world, thang="2026-11"))
    book = load_workbook(io.BytesIO(response.content))
    values = [c for row in book["Tổng hợp"].iter_rows(values_only=True) for c in row]
    assert "Môi trường" in values and "Tổng cộng" in values
    response = client.get(_xa("opinion:export", world, **{"muc-do": "urgent"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] == 1]
    assert len(rows) == 1 and "trại lợn" in rows[0][7]


def test_the_kept_month_follows_the_notes_and_petitions_written_since(
    world: World, op: Op, settings: Any
) -> None:
    """The month's summary is kept for the commune's leaders, and shows at once a petition that
    feeds one of its hotspots and a note handled since."""
    import re

    services.note_link_hotspot(note=op.village_note, by=world.chairman, hotspot_topic="environment")
    c = world.client(world.chairman)
    url = _xa("opinion:month", world, thang="2026-11")

    def hotspot_petitions(body: str) -> int:
        return int(re.findall(r'data-label="Đơn kỳ hiện tại">(\d+)<', body)[0])

    body = kept_as_fresh(c, url, settings)
    before = hotspot_petitions(body)
    handled = re.findall(r"đã xử lý <strong>(\d+)</strong>", body)[0]
    petitions.petition_receive(
        commune=world.commune,
        by=world.chairman,
        channel="in_person",
        kind="recommendation",
        subject="Phản ánh mùi hôi từ trại lợn",
        content="Đề nghị kiểm tra trại lợn.",
        received_on=date(2026, 11, 18),
        village=world.village,
        topic="environment",
    )
    assert hotspot_petitions(c.get(url).content.decode()) == before + 1
    services.note_handle(
        note=op.village_note,
        by=world.chairman,
        handled_on=date(2026, 11, 20),
        handling="Đã làm việc với chủ trại lợn.",
    )
    body = c.get(url).content.decode()
    assert f"đã xử lý <strong>{int(handled) + 1}</strong>" in body


def test_the_kept_blank_note_is_the_form_written_afresh_for_each_writers_scope(
    world: World, op: Op, settings: Any
) -> None:
    """Kept per scope: the village head, after the chairman, notes for his own village only."""
    url = f"{reverse('opinion:create')}?xa={world.commune.pk}"
    chairman = kept_as_fresh(world.client(world.chairman), url, settings)
    head = kept_as_fresh(world.client(world.village_head), url, settings)
    villages = {
        who: page.split('name="village"')[1].split("</select>")[0]
        for who, page in (("chairman", chairman), ("head", head))
    }
    assert "Toàn xã" in villages["chairman"] and "Toàn xã" not in villages["head"]
    assert world.village.name in villages["head"]
