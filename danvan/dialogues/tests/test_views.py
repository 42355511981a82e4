"""The dialogue pages as an officer, the Front and a citizen use them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from danvan.conftest import World
from danvan.dialogues import services
from danvan.dialogues.models import Dialogue
from danvan.dialogues.tests.conftest import TODAY, Dia, make
from danvan.promises.models import Promise
from danvan.testing.pages import kept_as_fresh

pytestmark = pytest.mark.django_db


def test_the_list_says_whether_this_years_conference_was_held(world: World, dia: Dia) -> None:
    c = world.client(world.officer_b)
    page = c.get(reverse("dialogues:index")).content.decode()
    assert "đã tổ chức" in page and "05/06/2026" in page
    page = c.get(reverse("dialogues:index") + "?nam=2025").content.decode()
    assert "chưa tổ chức" in page


def test_a_dialogue_is_created_and_bad_input_is_kept(world: World, frozen: Any) -> None:
    c = world.client(world.officer_b)
    url = reverse("dialogues:create")
    bad = {
        "kind": "yearly",
        "title": "Hội nghị đối thoại năm 2026",
        "topic": "Hoạt động của UBND xã",
        "held_on": "2026-07-10",
        "place": "Hội trường",
        "chairs": "Chủ tịch UBND xã",
    }
    r = c.post(url, bad)
    assert r.status_code == 400
    page = r.content.decode()
    assert "Ủy ban MTTQ xã" in page and "Hội nghị đối thoại năm 2026" in page
    assert not Dialogue.objects.exists()
    r = c.post(url, {**bad, "co_organiser": world.front_unit.pk, "starts_at": "25:99"})
    assert r.status_code == 400 and "Giờ không hợp lệ" in r.content.decode()
    r = c.post(url, {**bad, "co_organiser": world.front_unit.pk, "starts_at": "08:00"})
    d = Dialogue.objects.get()
    assert r.status_code == 302 and r["Location"] == d.get_absolute_url()
    page = c.get(d.get_absolute_url()).content.decode()
    assert "Gửi thông báo hội nghị chậm nhất ngày 03/07/2026" in page


def test_a_late_notice_is_recorded_with_a_warning(world: World, frozen: Any) -> None:
    d = make(world, held_on=date(2026, 6, 18))
    c = world.client(world.officer_b)
    r = c.post(
        reverse("dialogues:announce", args=[d.pk]),
        {"tb-notice_on": "2026-06-15", "tb-invited": "Các thôn"},
        follow=True,
    )
    page = r.content.decode()
    assert "Thông báo chậm" in page and "22/06/2026" in page
    d.refresh_from_db()
    assert d.status == Dialogue.Status.ANNOUNCED


def test_the_kept_dialogue_page_is_the_page_written_afresh(
    world: World, dia: Dia, settings: Any
) -> None:
    pages = {}
    for user, d in (
        (world.chairman, dia.draft),
        (world.chairman, dia.announced),
        (world.chairman, dia.held),
        (world.front, dia.held),
        (world.village_head, dia.held),
    ):
        pages[user, d.pk] = kept_as_fresh(
            world.client(user), reverse("dialogues:detail", args=[d.pk]), settings
        )
    assert 'name="ck-title"' in pages[world.chairman, dia.held.pk]
    assert 'name="tb-notice_on"' in pages[world.chairman, dia.draft.pk]
    assert 'name="ck-title"' not in pages[world.village_head, dia.held.pk]


def test_the_kept_commitment_form_offers_a_question_recorded_since(world: World, dia: Dia) -> None:
    c = world.client(world.chairman)
    url = reverse("dialogues:detail", args=[dia.held.pk])
    assert "Ý kiến 2:" not in c.get(url).content.decode()
    services.question_add(
        dialogue=dia.held, by=world.officer_b, text="Xin lắp thêm đèn đường.", village=world.village
    )
    assert "Ý kiến 2: Xin lắp thêm đèn đường." in c.get(url).content.decode()


def test_the_front_records_questions_of_the_dialogues_it_co_organises(
    world: World, dia: Dia
) -> None:
    c = world.client(world.front)
    r = c.post(
        reverse("dialogues:question", args=[dia.held.pk]),
        {"yk-text": "Đề nghị làm rõ giá đền bù.", "yk-answer": "Sẽ trả lời sau."},
    )
    assert r.status_code == 400
    assert "Ghi người trả lời" in r.content.decode()
    assert "Đề nghị làm rõ giá đền bù." in r.content.decode()  # nothing typed is lost
    r = c.post(
        reverse("dialogues:question", args=[dia.held.pk]),
        {"yk-text": "Đề nghị làm rõ giá đền bù.", "yk-village": world.village.pk},
    )
    assert r.status_code == 302
    assert dia.held.questions.count() == 2
    # not a dialogue of another Front unit: a topic dialogue without co-organiser
    other = make(world, kind="topic", co_organiser=None, held_on=date(2026, 6, 12))
    r = c.post(reverse("dialogues:question", args=[other.pk]), {"yk-text": "?"})
    assert r.status_code == 403


def test_a_commitment_links_to_its_promise_and_shows_in_the_promises_list(
    world: World, dia: Dia
) -> None:
    c = world.client(world.officer_b)
    r = c.post(
        reverse("dialogues:commitment", args=[dia.held.pk]),
        {
            "ck-question": dia.question.pk,
            "ck-title": "Lắp đèn đường thôn Đoàn Kết",
            "ck-owner_unit": world.office_b.pk,
            "ck-due_on": "2026-08-31",
            "ck-public": "on",
        },
    )
    assert r.status_code == 302
    promise = Promise.objects.get(title="Lắp đèn đường thôn Đoàn Kết")
    page = c.get(dia.held.get_absolute_url()).content.decode()
    assert reverse("promises:detail", args=[promise.pk]) in page
    listing = c.get(reverse("promises:list")).content.decode()
    assert "Lắp đèn đường thôn Đoàn Kết" in listing


def test_a_bad_commitment_is_refused_in_vietnamese(world: World, dia: Dia) -> None:
    c = world.client(world.chairman)
    r = c.post(
        reverse("dialogues:commitment", args=[dia.held.pk]),
        {
            "ck-title": "Cam kết không công khai",
            "ck-owner_unit": world.office_b.pk,
            "ck-due_on": "2026-08-31",
        },
    )
    assert r.status_code == 400
    assert "lý do" in r.content.decode()
    assert not Promise.objects.filter(title="Cam kết không công khai").exists()


def test_the_portal_shows_villages_never_who_asked(world: World, dia: Dia) -> None:
    page = world.client(None).get(reverse("portal:dialogue", args=[dia.published.pk]))
    text = page.content.decode()
    assert "Xin hỗ trợ giống cây trồng." in text and world.village.name in text
    assert "Trần Thị Bí Mật" not in text
    # the officers of the commune see the name
    inside = world.client(world.officer_b).get(dia.published.get_absolute_url()).content.decode()
    assert "Trần Thị Bí Mật" in inside
    listing = world.client(None).get(reverse("portal:dialogues")).content.decode()
    assert dia.published.title in listing
    assert reverse("portal:dialogue", args=[dia.held.pk]) not in listing


def test_the_portal_shows_commitments_with_their_status_not_the_internal_ones(
    world: World, dia: Dia
) -> None:
    from danvan.dialogues import services

    d = make(world, held_on=date(2026, 6, 1))
    d = services.dialogue_announce(dialogue=d, by=world.officer_b, notice_on=date(2026, 5, 20))
    d = services.attendance_record(
        dialogue=d, by=world.officer_b, attendance_total=50, officials_present=""
    )
    services.commitment_add(
        dialogue=d,
        by=world.chairman,
        title="Nâng cấp trạm y tế",
        owner_unit=world.office_a,
        due_on=date(2026, 6, 10),
    )
    services.commitment_add(
        dialogue=d,
        by=world.chairman,
        title="Xử lý cán bộ vi phạm",
        owner_unit=world.office_a,
        due_on=date(2026, 9, 10),
        public=False,
        internal_reason="Đang xác minh, chưa công khai.",
    )
    services.dialogue_publish(
        dialogue=d, by=world.chairman, summary="Kết quả.", published_on=date(2026, 6, 15)
    )
    text = world.client(None).get(reverse("portal:dialogue", args=[d.pk])).content.decode()
    assert "Nâng cấp trạm y tế" in text and "Quá hạn, chưa thực hiện" in text
    assert "Xử lý cán bộ vi phạm" not in text


def test_the_minutes_are_a_docx_logged(world: World, dia: Dia) -> None:
    r = world.client(world.officer_b).post(reverse("dialogues:minutes", args=[dia.held.pk]))
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert "bien-ban-doi-thoai" in r["Content-Disposition"]


def test_a_village_head_reads_without_forms_or_names(world: World, dia: Dia) -> None:
    page = world.client(world.village_head).get(dia.held.get_absolute_url()).content.decode()
    assert "Đường thôn Đoàn Kết xuống cấp" in page
    assert "Nguyễn Văn Hỏi" not in page
    assert "<summary>Ghi ý kiến</summary>" not in page and "Tải biên bản" not in page


def test_a_draft_is_edited_and_a_complaint_dialogue_shows_only_its_case_code(
    world: World, dia: Dia
) -> None:
    from django.apps import apps

    petition = apps.get_model("petitions", "Petition").objects.create(
        commune=world.commune,
        year=2026,
        number=7,
        tracking_code="TESTEDIT7",
        channel="in_person",
        kind="complaint",
        subject="Khiếu nại về bồi thường",
        content="…",
        received_on=date(2026, 5, 2),
        petitioner_name="Người Khiếu Nại",
    )
    c = world.client(world.officer_b)
    url = reverse("dialogues:edit", args=[dia.draft.pk])
    assert "Hội nghị trao đổi" in c.get(url).content.decode()
    r = c.post(
        url,
        {
            "kind": "complaint",
            "title": "Đối thoại giải quyết khiếu nại số 7/2026",
            "topic": "Bồi thường khi thu hồi đất.",
            "held_on": "2026-07-06",
            "place": "Phòng họp UBND xã",
            "chairs": "Chủ tịch UBND xã",
            "petition_code": "7/2026",
        },
    )
    assert r.status_code == 302
    page = c.get(dia.draft.get_absolute_url()).content.decode()
    assert reverse("petitions:detail", args=[petition.pk]) in page and "Số 7/2026" in page
    assert "Người Khiếu Nại" not in page and "Khiếu nại về bồi thường" not in page
    # the complaint rule (5 days, from 01/07/2026): notice by 01/07 for 06/07
    assert "chậm nhất ngày 01/07/2026" in page


def test_the_overview_part_counts_held_dialogues_questions_and_commitments(
    world: World, dia: Dia
) -> None:
    from danvan.dialogues.overview import figures

    part = figures(
        communes=[world.commune.pk],
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        on=date(2026, 6, 15),
    )["dialogues"]
    extra = {e["key"]: e["value"] for e in part["extra"]}
    assert extra == {"held": 2, "questions": 2, "commitments": 1}
    assert part["total"] == 2 and part["done"] == 1 and part["open"] == 1


def test_the_kept_dialogue_page_shows_a_commitments_promise_reported_since(
    world: World, dia: Dia
) -> None:
    """The commitments' statuses are their promises': a report in the promises' pages shows on
    the dialogue's page at once."""
    from danvan.promises import services as promises
    from danvan.promises.models import Outcome

    c = world.client(world.chairman)
    url = reverse("dialogues:detail", args=[dia.held.pk])
    assert "Đã thực hiện đúng hạn" not in c.get(url).content.decode()
    promise = dia.commitment.promise
    assert promise is not None
    promises.promise_report(
        promise=promise, by=world.chairman, outcome=Outcome.KEPT, note="Đã sửa.", on=TODAY
    )
    assert "Đã thực hiện đúng hạn" in c.get(url).content.decode()


def test_the_kept_create_form_is_the_form_written_afresh(world: World, settings: Any) -> None:
    url = f"{reverse('dialogues:create')}?xa={world.commune.pk}"
    fresh = kept_as_fresh(world.client(world.chairman), url, settings)
    assert f'name="villages" value="{world.village.pk}"' in fresh


def test_the_kept_index_lists_a_dialogue_prepared_since(world: World, dia: Dia) -> None:
    url = f"{reverse('dialogues:index')}?xa={world.commune.pk}&nam=2026"
    c = world.client(world.readonly_a)
    assert "Đối thoại về đất đai thôn Hòa Bình" not in c.get(url).content.decode()
    make(world, kind=Dialogue.Kind.TOPIC, title="Đối thoại về đất đai thôn Hòa Bình")
    assert "Đối thoại về đất đai thôn Hòa Bình" in c.get(url).content.decode()
