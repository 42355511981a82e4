"""The study pages as an officer uses them: a bad input refused in Vietnamese with what was
typed kept, the list's filters and folded search, the exports, the per-document view, the
summary, the overview part and "Việc của tôi"."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.study import services
from danvan.study.models import StudySession
from danvan.study.overview import figures
from danvan.study.tests.conftest import St, session
from danvan.study.work import waiting_on
from danvan.testing.pages import another_apps_write, kept_as_fresh


def _xa(name: str, world: World, *args: Any) -> str:
    return f"{reverse(name, args=args)}?xa={world.commune.pk}"


def test_it_refuses_a_session_without_title_and_keeps_the_rest(world: World, st: St) -> None:
    client = world.client(world.officer_a)
    response = client.post(
        _xa("study:create", world),
        {
            "title": "",
            "kind": "law",
            "audience": "officials",
            "organiser": world.office_a.pk,
            "place": "Nhà văn hóa thôn Đoàn Kết",
            "planned_on": "31/02/2026",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ngày không hợp lệ" in html and "Nhà văn hóa thôn Đoàn Kết" in html
    assert "Chưa lưu được" in html


def test_an_officer_plans_only_for_his_own_unit(world: World, st: St) -> None:
    client = world.client(world.officer_a)
    response = client.post(
        _xa("study:create", world),
        {
            "title": "Tập huấn",
            "kind": "training",
            "audience": "officials",
            "organiser": world.office_b.pk,
            "place": "Hội trường",
            "planned_on": "01/07/2026",
        },
    )
    assert response.status_code == 400
    assert "Chọn đơn vị tổ chức trong danh sách." in response.content.decode()


def test_attendance_over_the_called_number_is_refused_with_the_rows_kept(
    world: World, st: St
) -> None:
    client = world.client(world.officer_a)
    url = reverse("study:attendance", args=[st.held.pk])
    page = client.get(url)
    assert page.status_code == 200
    formset = page.context["formset"]
    data: dict[str, Any] = {"dd-TOTAL_FORMS": formset.total_form_count(), "dd-INITIAL_FORMS": 0}
    for i, form in enumerate(formset.forms):
        data[f"dd-{i}-unit"] = form.initial["unit"]
        data[f"dd-{i}-expected"] = 5
        data[f"dd-{i}-present"] = 7 if i == 0 else 4
        data[f"dd-{i}-absent_reasons"] = "Đi tập huấn ở tỉnh"
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Số có mặt không được lớn hơn số được triệu tập." in html
    assert "Đi tập huấn ở tỉnh" in html
    st.held.refresh_from_db()
    assert st.held.present_total == 18


def test_the_office_marks_a_session_held_then_records_attendance(world: World, st: St) -> None:
    client = world.client(world.officer_b)
    response = client.post(reverse("study:held", args=[st.late.pk]), {"tc-held_on": "16/06/2026"})
    assert response.status_code == 400
    assert "Ngày không được sau hôm nay." in response.content.decode()
    response = client.post(reverse("study:held", args=[st.late.pk]), {"tc-held_on": "12/06/2026"})
    assert response.status_code == 302
    page = client.get(reverse("study:attendance", args=[st.late.pk]))
    names = [f.unit_name for f in page.context["formset"].forms]
    assert names == ["Ủy ban MTTQ xã", "Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND xã"]
    response = client.post(
        reverse("study:attendance", args=[st.late.pk]),
        {
            "dd-TOTAL_FORMS": 3,
            "dd-INITIAL_FORMS": 3,
            "dd-0-unit": world.front_unit.pk,
            "dd-1-unit": world.office_a.pk,
            "dd-1-expected": 4,
            "dd-1-present": 3,
            "dd-2-unit": world.office_b.pk,
            "dd-2-expected": 6,
            "dd-2-present": 6,
        },
    )
    assert response.status_code == 302
    s = StudySession.objects.get(pk=st.late.pk)
    assert (s.status, s.present_total, s.expected_total, s.rate) == ("held", 9, 10, 90)
    detail = client.get(s.get_absolute_url()).content.decode()
    assert "Ghi điểm danh" in detail and "90%" in detail and "Ghi đã tổ chức" in detail


def test_cancel_without_a_reason_is_refused(world: World, st: St) -> None:
    client = world.client(world.officer_a)
    response = client.post(reverse("study:cancel", args=[st.planned.pk]), {"huy-reason": ""})
    assert response.status_code == 400
    assert "Vui lòng" in response.content.decode() or "bắt buộc" in response.content.decode()


def test_the_list_filters_searches_without_diacritics_and_pages(world: World, st: St) -> None:
    client = world.client(world.readonly_a)
    url = _xa("study:index", world)
    html = client.get(url + "&nam=2026&q=chi thi 33").content.decode()
    assert "Tuyên truyền Chỉ thị 33/CT-TTg" in html and "Tập huấn tiếp công dân" not in html
    html = client.get(url + "&nam=2026&trang-thai=late").content.decode()
    assert "Tập huấn tiếp công dân" in html and "Chỉ thị 33" not in html
    html = client.get(url + f"&nam=2026&van-ban={st.law.pk}").content.decode()
    assert "Hội nghị quán triệt" in html and "Tập huấn tiếp công dân" not in html
    html = client.get(url + "&nam=2025").content.decode()
    assert "Không có buổi học tập, tuyên truyền nào" in html
    assert "Buổi của xã khác" not in client.get(url + "&nam=2026").content.decode()
    for n in range(30):
        session(world, world.office_a, date(2026, 3, 1), title=f"Buổi số {n}")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url + "&nam=2026&page=2")
    assert page.status_code == 200 and page.context["page"].number == 2
    assert len(queries) < 15


def test_the_exports_hold_the_sessions_and_the_summary(world: World, st: St) -> None:
    client = world.client(world.readonly_a)
    response = client.get(_xa("study:export", world) + "&nam=2026")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở" in values
    assert "Luật số 10/2022/QH15" in values and 90 in values
    response = client.get(_xa("study:summary_xlsx", world) + "&nam=2026")
    book = load_workbook(io.BytesIO(response.content))
    units = [c.value for row in book["Theo đơn vị"].iter_rows() for c in row]
    assert "Phòng Văn hóa - Xã hội" in units and 92 in units  # 11 of 12


def test_a_documents_sessions_and_the_summary(world: World, st: St) -> None:
    client = world.client(world.province_viewer)
    html = client.get(_xa("study:document", world, st.law.pk)).content.decode()
    assert "Hội nghị quán triệt" in html and "Chỉ thị 33" not in html
    summary = client.get(_xa("study:summary", world) + "&nam=2026")
    s = summary.context["s"]
    assert (s["planned"], s["held"], s["present"], s["rate"], s["documents"]) == (3, 1, 18, 90, 1)


def test_the_overview_counts_late_by_the_planned_day(world: World, st: St) -> None:
    part = figures(
        communes=[world.commune.pk],
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        on=date(2026, 6, 15),
    )["study"]
    numbers = part["by_commune"][0]
    assert (numbers["total"], numbers["done"], numbers["late"], numbers["open"]) == (2, 1, 1, 1)
    extra = {e["key"]: e["value"] for e in part["extra"]}
    assert (extra["present"], extra["rate"], extra["documents"]) == (18, 90, 1)
    assert [i["title"] for i in part["late_items"]] == [
        "Tập huấn tiếp công dân: chưa ghi kết quả tổ chức"
    ]


def test_my_work_lists_the_organisers_sessions_past_their_day(world: World, st: St) -> None:
    assert [w.title for w in waiting_on(world.officer_b, today=date(2026, 6, 15))] == [
        "Tập huấn tiếp công dân"
    ]
    assert waiting_on(world.officer_a, today=date(2026, 6, 15)) == []
    assert waiting_on(world.readonly_a, today=date(2026, 6, 15)) == []


def test_materials_refuse_a_file_of_another_kind_and_photos_are_served_resized(
    world: World, st: St
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = world.client(world.officer_a)
    bad = SimpleUploadedFile("ghi-chu.txt", b"khong phai tep hop le", content_type="text/plain")
    response = client.post(reverse("study:materials", args=[st.held.pk]), {"tl-uploads": bad})
    assert response.status_code == 400
    assert "không đúng định dạng cho phép" in response.content.decode()
    photo = client.get(reverse("study:photo", args=[st.held.pk, st.photo.pk]) + "?w=320")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/webp"
    detail = client.get(st.held.get_absolute_url()).content.decode()
    assert 'loading="lazy"' in detail and "Thêm tài liệu, hình ảnh" in detail


def test_an_empty_attendance_is_refused_above_the_table(world: World, st: St) -> None:
    client = world.client(world.chairman)
    response = client.post(
        reverse("study:attendance", args=[st.held.pk]),
        {"dd-TOTAL_FORMS": 1, "dd-INITIAL_FORMS": 1, "dd-0-unit": world.office_a.pk},
    )
    assert response.status_code == 400
    assert "Nhập số có mặt của ít nhất một đơn vị." in response.content.decode()
    assert StudySession.objects.get(pk=st.held.pk).present_total == 18


def test_the_kept_session_page_is_the_page_written_afresh(
    world: World, st: St, settings: Any
) -> None:
    pages = {}
    for user, s in (
        (world.officer_a, st.planned),
        (world.officer_a, st.held),
        (world.readonly_a, st.planned),
    ):
        url = reverse("study:detail", args=[s.pk])
        pages[user, s.pk] = kept_as_fresh(world.client(user), url, settings)
    assert 'name="huy-reason"' in pages[world.officer_a, st.planned.pk]
    assert 'name="huy-reason"' not in pages[world.officer_a, st.held.pk]
    assert 'name="huy-reason"' not in pages[world.readonly_a, st.planned.pk]


def test_the_kept_session_page_drops_its_forms_once_cancelled(world: World, st: St) -> None:
    c = world.client(world.officer_a)
    url = reverse("study:detail", args=[st.planned.pk])
    before = c.get(url).content.decode()
    assert 'name="huy-reason"' in before and 'name="tl-uploads"' in before
    services.session_cancel(session=st.planned, by=world.officer_a, reason="Trùng lịch họp xã.")
    body = c.get(url).content.decode()
    assert 'name="huy-reason"' not in body and 'name="tl-uploads"' not in body


def test_the_kept_summary_counts_a_session_held_since(world: World, st: St) -> None:
    from danvan.study import services

    client = world.client(world.province_viewer)
    url = _xa("study:summary", world) + "&nam=2026"
    assert client.get(url).context["s"]["held"] == 1
    assert client.get(url).context["s"]["held"] == 1  # as kept
    services.session_mark_held(session=st.late, by=world.officer_b, held_on=date(2026, 6, 12))
    assert client.get(url).context["s"]["held"] == 2


def test_the_kept_list_is_the_list_written_afresh_and_shows_a_session_since(
    world: World, st: St, settings: Any
) -> None:
    """Kept by the study sessions' (and the documents') marks: another app's write leaves it
    kept (no query of the sessions), a session planned since shows at once."""
    client = world.client(world.readonly_a)
    url = _xa("study:index", world) + "&nam=2026"
    assert "Buổi mới lập" not in kept_as_fresh(client, url, settings)
    another_apps_write(world.commune, world.chairman)
    with CaptureQueriesContext(connection) as seen:
        client.get(url)
    assert not any('FROM "study_studysession"' in q["sql"] for q in seen.captured_queries)
    session(world, world.office_a, date(2026, 3, 1), title="Buổi mới lập")
    assert "Buổi mới lập" in client.get(url).content.decode()


def test_the_kept_forms_are_written_afresh_per_organisers_and_follow_an_edit(
    world: World, st: St, settings: Any
) -> None:
    """The blank plan form and a session's edit form are kept as written, per the organisers
    a user may choose: an officer after the chairman is offered his own office only; a title
    corrected since shows at once in the edit form."""
    chairman, officer = world.client(world.chairman), world.client(world.officer_a)
    create = _xa("study:create", world)
    offered = f">{world.office_b.name}</option>"
    assert offered in kept_as_fresh(chairman, create, settings)
    assert offered not in kept_as_fresh(officer, create, settings)
    edit = reverse("study:edit", args=[st.planned.pk])
    assert offered in kept_as_fresh(chairman, edit, settings)
    assert offered not in kept_as_fresh(officer, edit, settings)
    services.session_update(session=st.planned, by=world.officer_a, title="Tên buổi đã sửa")
    assert 'value="Tên buổi đã sửa"' in officer.get(edit).content.decode()
