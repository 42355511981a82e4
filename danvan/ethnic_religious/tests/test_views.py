"""The pages: internal rows hidden from those who may not see them (404, never listed nor
counted), filters and search, bad input refused in Vietnamese with what was typed kept."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.conftest import World
from danvan.ethnic_religious.models import Contact, ContactKind, Event, KeyPerson
from danvan.ethnic_religious.tests.conftest import Er
from danvan.testing.pages import kept_as_fresh


def _index(world: World, user: object, query: str = "") -> str:
    r = world.client(user).get(f"{reverse('ethnic_religious:index')}?xa={world.commune.pk}{query}")  # type: ignore[arg-type]
    assert r.status_code == 200
    return r.content.decode()


def test_it_lists_internal_persons_only_to_the_office_and_their_follower(
    world: World, er: Er
) -> None:
    office = _index(world, world.officer_b)
    assert "Lương Văn Kín" in office and "Vi Thị Theo" in office and "4 người" in office
    follower = _index(world, world.officer_a)
    assert "Vi Thị Theo" in follower and "Lương Văn Kín" not in follower
    assert "3 người" in follower
    for reader in (world.readonly_a, world.front, world.province_viewer):
        page = _index(world, reader)
        assert "Lương Văn Kín" not in page and "Vi Thị Theo" not in page, reader
        assert "2 người" in page and "Hoàng Văn Pá" in page and "Nông Thị Hòa" in page


def test_it_shows_a_village_head_his_village_only(world: World, er: Er) -> None:
    page = _index(world, world.village_head)
    assert "Hoàng Văn Pá" in page and "1 người" in page
    assert "Nông Thị Hòa" not in page and "Lương Văn Kín" not in page


def test_it_answers_404_for_an_internal_row_to_those_who_may_not_see_it(
    world: World, er: Er
) -> None:
    url = reverse("ethnic_religious:person", args=[er.internal.pk])
    place = reverse("ethnic_religious:establishment", args=[er.internal_place.pk])
    for reader in (world.readonly_a, world.officer_a, world.front, world.province_viewer):
        assert world.client(reader).get(url).status_code == 404
        assert world.client(reader).get(place).status_code == 404
    assert world.client(world.chairman).get(url).status_code == 200
    assert world.client(world.officer_b).get(place).status_code == 200


def test_it_finds_a_person_without_diacritics_and_filters_by_group(world: World, er: Er) -> None:
    page = _index(world, world.officer_b, "&q=hoang+van")
    assert "Hoàng Văn Pá" in page and "Nông Thị Hòa" not in page
    nung = er.other_village_person.ethnic_group_id
    page = _index(world, world.officer_b, f"&nhom={nung}")
    assert "Nông Thị Hòa" in page and "Lương Văn Kín" in page and "Hoàng Văn Pá" not in page
    assert "Không có người có uy tín nào khớp bộ lọc" in _index(world, world.officer_b, "&q=zzz")


def test_it_hides_the_phone_from_readers(world: World, er: Er) -> None:
    url = reverse("ethnic_religious:person", args=[er.person.pk])
    assert "0912345678" in world.client(world.officer_a).get(url).content.decode()
    assert "0912345678" not in world.client(world.readonly_a).get(url).content.decode()


def test_it_lets_the_follower_record_a_contact(world: World, er: Er) -> None:
    url = reverse("ethnic_religious:contact_create", args=[er.person.pk])
    kind = ContactKind.objects.get(code="lay-y-kien")
    r = world.client(world.officer_a).post(
        url,
        {
            "tx-on": "2026-06-12",
            "tx-kind": kind.pk,
            "tx-made_by": world.officer_a.pk,
            "tx-content": "Lấy ý kiến về phương án làm đường.",
        },
    )
    assert r.status_code == 302
    assert Contact.objects.filter(person=er.person, kind=kind).exists()
    page = world.client(world.officer_a).get(r["Location"]).content.decode()
    assert "Ghi lần tiếp xúc" in page and "Lấy ý kiến về phương án làm đường." in page


def test_it_refuses_a_contact_in_the_future_keeping_what_was_typed(world: World, er: Er) -> None:
    url = reverse("ethnic_religious:contact_create", args=[er.person.pk])
    r = world.client(world.officer_b).post(
        url,
        {
            "tx-on": "2026-07-01",
            "tx-kind": ContactKind.objects.get(code="gap-mat").pk,
            "tx-made_by": world.officer_b.pk,
            "tx-content": "Gặp mặt đầu năm học.",
        },
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "Chưa lưu được" in page and "Gặp mặt đầu năm học." in page
    assert Contact.objects.filter(person=er.person).count() == 1


def test_it_refuses_a_person_without_name_or_year(world: World, er: Er) -> None:
    url = f"{reverse('ethnic_religious:person_create')}?xa={world.commune.pk}"
    r = world.client(world.chairman).post(url, {"full_name": "", "phone": "0988000111"})
    assert r.status_code == 400
    page = r.content.decode()
    assert "0988000111" in page and "Nhập năm được công nhận." in page
    assert KeyPerson.objects.count() == 5


def test_it_records_the_outcome_of_an_event_after_it(world: World, er: Er) -> None:
    url = reverse("ethnic_religious:event_edit", args=[er.festival.pk])
    data = {
        "name": er.festival.name,
        "on": "2026-03-03",
        "lunar": "15/1 âm lịch",
        "expected": "500",
        "notified_on": "2026-02-10",
        "outcome": "Khoảng 600 người dự, an toàn.",
    }
    assert world.client(world.officer_a).post(url, data).status_code == 302
    assert Event.objects.get(pk=er.festival.pk).outcome == "Khoảng 600 người dự, an toàn."


def test_it_lists_the_calendar_upcoming_first(world: World, er: Er) -> None:
    from danvan.ethnic_religious import services

    services.event_create(
        establishment=er.pagoda, by=world.officer_b, name="Lễ Vu Lan", on=date(2026, 8, 27)
    )
    r = world.client(world.readonly_a).get(
        f"{reverse('ethnic_religious:calendar')}?xa={world.commune.pk}"
    )
    page = r.content.decode()
    assert page.index("Lễ Vu Lan") < page.index("Lễ hội chùa đầu xuân")


def test_it_exports_what_the_reader_sees(world: World, er: Er) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    r = world.client(world.readonly_a).get(
        f"{reverse('ethnic_religious:persons_xlsx')}?xa={world.commune.pk}"
    )
    text = " ".join(
        str(c)
        for row in load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True)
        for c in row
    )
    assert "Hoàng Văn Pá" in text and "Lương Văn Kín" not in text and "0912345678" not in text


def test_it_lists_a_page_in_the_same_queries_however_many_rows(
    world: World, er: Er, django_assert_max_num_queries: Any
) -> None:
    from danvan.ethnic_religious.tests.conftest import person

    url = f"{reverse('ethnic_religious:index')}?xa={world.commune.pk}"
    client = world.client(world.readonly_a)
    client.get(url)
    person(world, world.village, "Người thứ nhất")  # the page is counted again
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(30):
        person(world, world.village, f"Người thứ {n}")
    with django_assert_max_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert "Trang 1/2" in page


def test_it_keeps_an_internal_establishments_events_off_the_readers_calendar(
    world: World, er: Er
) -> None:
    from danvan.ethnic_religious import services

    services.event_create(
        establishment=er.internal_place, by=world.officer_b, name="Nhóm họp", on=date(2026, 7, 5)
    )
    url = f"{reverse('ethnic_religious:calendar')}?xa={world.commune.pk}"
    assert "Nhóm họp" in world.client(world.chairman).get(url).content.decode()
    for reader in (world.readonly_a, world.officer_a, world.province_viewer):
        assert "Nhóm họp" not in world.client(reader).get(url).content.decode()
    listing = f"{reverse('ethnic_religious:establishments')}?xa={world.commune.pk}"
    page = world.client(world.front).get(listing).content.decode()
    assert "1 cơ sở" in page and "Điểm nhóm Tin lành" not in page


def test_the_kept_persons_page_is_the_page_written_afresh(
    world: World, er: Er, settings: Any
) -> None:
    pages = {}
    for user in (world.officer_a, world.chairman, world.readonly_a):
        pages[user] = kept_as_fresh(
            world.client(user), reverse("ethnic_religious:person", args=[er.person.pk]), settings
        )
    # Each officer is offered himself as who made the contact.
    for user in (world.officer_a, world.chairman):
        selected = f'<option value="{user.pk}" selected>'
        assert 'name="tx-content"' in pages[user] and selected in pages[user]
    assert 'name="tx-content"' not in pages[world.readonly_a]


def test_it_keeps_a_readers_page_until_a_record_of_the_app_changes(
    world: World, er: Er, plan: Any
) -> None:
    """Kept per reader: the village head's page never shows the office's rows; a person added
    shows at once; another app's write leaves the page kept (no query of the persons)."""
    from danvan.core.audit import log_action
    from danvan.ethnic_religious.tests.conftest import person

    url = f"{reverse('ethnic_religious:index')}?xa={world.commune.pk}"
    office, head = world.client(world.officer_b), world.client(world.village_head)
    assert "Lương Văn Kín" in office.get(url).content.decode()
    assert "Lương Văn Kín" not in head.get(url).content.decode()
    log_action(plan, "plans.plan_updated", by=world.chairman)  # another app's record
    with CaptureQueriesContext(connection) as seen:
        assert "4 người" in office.get(url).content.decode()
    assert not any("ethnic_religious_keyperson" in q["sql"] for q in seen.captured_queries)
    person(world, world.village, "Triệu Văn Mới")
    page = office.get(url).content.decode()
    assert "Triệu Văn Mới" in page and "5 người" in page
    assert "Triệu Văn Mới" in head.get(url).content.decode()


def test_the_kept_create_form_is_the_form_written_afresh(
    world: World, er: Er, settings: Any
) -> None:
    from danvan.testing.pages import kept_as_fresh

    url = f"{reverse('ethnic_religious:person_create')}?xa={world.commune.pk}"
    fresh = kept_as_fresh(world.client(world.officer_b), url, settings)
    assert f">{world.village.name}</option>" in fresh and 'name="full_name"' in fresh
