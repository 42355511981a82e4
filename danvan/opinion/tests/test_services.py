"""What the opinion services guarantee: who notes what, the due day of an urgent note (rule
du-luan/khan-cap, UNVERIFIED), petitions linked by code within the commune, hotspots, handling,
the folded search, the month's summary, the overview's part and "Việc của tôi"."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from danvan.conftest import World
from danvan.core.deadlines import forget_rules
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, DeadlineRule
from danvan.lib.text import fold
from danvan.opinion import overview, selectors, services, work
from danvan.opinion.models import OpinionNote
from danvan.opinion.tests.conftest import TODAY, Op, source, topic
from danvan.petitions.models import Petition

Urgency = OpinionNote.Urgency
Trend = OpinionNote.Trend


def _note(world: World, **kw: Any) -> OpinionNote:
    data: dict[str, Any] = {
        "commune": world.commune,
        "by": world.front,
        "noted_on": date(2026, 11, 19),
        "topic": topic("khac"),
        "source_kind": source("mat-tran-doan-the"),
        "reporting_unit": world.front_unit,
        "content": "Bà con bàn tán.",
        "trend": Trend.NEW,
    }
    data.update(kw)
    return services.note_create(**data)


def test_it_places_a_village_note_in_its_village_and_gives_an_urgent_one_three_days(
    op: Op, world: World
) -> None:
    note = op.village_note
    assert note.village == world.village
    # 18/11 + 3 calendar days (rule du-luan/khan-cap, shipped UNVERIFIED) is Saturday 21/11:
    # the last day moves to Monday 23/11 (BLDS 2015 Art. 148(5)).
    assert note.due_on == date(2026, 11, 23)
    assert note.due_source.startswith("CHƯA KIỂM CHỨNG")
    assert op.front_note.due_on is None  # only urgent notes have a time


def test_it_refuses_a_unit_or_village_of_another_commune_and_a_future_day(
    op: Op, world: World
) -> None:
    with pytest.raises(DomainError, match="Đơn vị báo cáo"):
        _note(world, reporting_unit=world.other_office)
    other_village = world.other_office  # not a village at all
    with pytest.raises(DomainError, match="Thôn, tổ dân phố"):
        _note(world, village=other_village)
    with pytest.raises(DomainError, match="không được sau hôm nay"):
        _note(world, noted_on=TODAY + timedelta(days=1))
    with pytest.raises(DomainError, match="Đơn vị báo cáo"):
        _note(world, reporting_unit=world.commune)


def test_it_audits_a_note_without_what_people_said(op: Op) -> None:
    entry = AuditEntry.objects.get(action="opinion.noted", object_id=str(op.village_note.pk))
    assert entry.changes["urgency"] == "Khẩn cấp"
    assert "trại lợn" not in str(entry.changes)


def test_it_moves_the_due_day_with_the_urgency(op: Op, world: World) -> None:
    note = services.note_update(note=op.front_note, by=world.front, urgency=Urgency.URGENT)
    assert note.due_on == date(2026, 11, 16)  # 15/11 is a Sunday
    entry = AuditEntry.objects.filter(action="opinion.edited").latest("pk")
    assert entry.changes["urgency"] == ["Cần chú ý", "Khẩn cấp"]
    note = services.note_update(note=note, by=world.front, urgency=Urgency.NORMAL)
    assert note.due_on is None


def test_it_keeps_a_handled_note_as_it_was(op: Op, world: World) -> None:
    with pytest.raises(DomainError, match="đã được xử lý"):
        services.note_update(note=op.office_note, by=world.chairman, content="Khác")
    with pytest.raises(DomainError, match="đã được ghi xử lý"):
        services.note_handle(
            note=op.office_note, by=world.chairman, handled_on=TODAY, handling="Lần nữa"
        )


def test_it_refuses_a_handling_before_the_note_or_without_words(op: Op, world: World) -> None:
    with pytest.raises(DomainError, match="trước ngày nắm bắt"):
        services.note_handle(
            note=op.village_note, by=world.chairman, handled_on=date(2026, 11, 1), handling="x"
        )
    with pytest.raises(DomainError, match="Ghi kết quả xử lý"):
        services.note_handle(
            note=op.village_note, by=world.chairman, handled_on=TODAY, handling="   "
        )


def test_it_links_a_petition_of_the_commune_by_its_code_only(op: Op, world: World) -> None:
    services.note_link_petition(note=op.village_note, by=world.chairman, code=" 15 / 2026 ")
    assert list(op.village_note.petitions.all()) == [op.petition]
    entry = AuditEntry.objects.get(action="opinion.petition_linked")
    assert entry.changes == {"petition": "15/2026"}
    assert "Tố" not in str(entry.changes)  # never the petitioner named in the subject
    with pytest.raises(DomainError, match="đã được liên kết"):
        services.note_link_petition(note=op.village_note, by=world.chairman, code="15/2026")
    with pytest.raises(DomainError, match="không có đơn số 16/2026"):
        services.note_link_petition(note=op.village_note, by=world.chairman, code="16/2026")
    with pytest.raises(DomainError, match="số/năm"):
        services.note_link_petition(note=op.village_note, by=world.chairman, code="mười lăm")
    services.note_unlink_petition(note=op.village_note, by=world.chairman, petition=op.petition)
    assert not op.village_note.petitions.exists()


def test_the_other_communes_petition_of_the_same_code_is_never_linked(op: Op, world: World) -> None:
    services.note_link_petition(note=op.village_note, by=world.chairman, code="15/2026")
    assert op.other_petition not in op.village_note.petitions.all()


def test_a_hotspot_needs_the_notes_village(op: Op, world: World) -> None:
    note = services.note_link_hotspot(
        note=op.village_note, by=world.chairman, hotspot_topic=Petition.Topic.ENVIRONMENT
    )
    assert note.hotspot_topic == "environment"
    whole = _note(world)
    with pytest.raises(DomainError, match="phải ghi thôn"):
        services.note_link_hotspot(note=whole, by=world.chairman, hotspot_topic="land")
    with pytest.raises(DomainError, match="trong danh sách"):
        services.note_link_hotspot(note=op.village_note, by=world.chairman, hotspot_topic="x")


def test_the_search_ignores_case_and_diacritics(op: Op, world: World) -> None:
    found = selectors.filtered(
        OpinionNote.objects.filter(commune=world.commune),
        selectors.Filters(q="MUI HOI trai lon"),
    )
    assert list(found) == [op.village_note]
    assert fold("Môi trường") in op.village_note.search_text


def test_the_filters_ignore_what_they_do_not_understand(op: Op) -> None:
    from django.http import QueryDict

    f = selectors.Filters.read(QueryDict("thang=2026-13&muc-do=x&linh-vuc=abc&q=%00a"))
    assert (f.month, f.urgency, f.topic, f.q) == ("", "", None, "a")
    f = selectors.Filters.read(QueryDict("thang=2026-11&muc-do=urgent"))
    assert f.span == (date(2026, 11, 1), date(2026, 11, 30))


def test_the_month_counts_topics_by_trend_and_lists_urgent_and_rising(op: Op, world: World) -> None:
    services.note_link_petition(note=op.village_note, by=world.chairman, code="15/2026")
    services.note_link_hotspot(
        note=op.village_note, by=world.chairman, hotspot_topic=Petition.Topic.ENVIRONMENT
    )
    s = selectors.month_summary(world.commune.pk, date(2026, 11, 1), date(2026, 11, 30), TODAY)
    assert (s["total"], s["handled"], s["open"], s["linked"]) == (4, 1, 3, 1)
    rising = Trend.values.index(Trend.RISING)
    cells = {r["topic"]: r["cells"] for r in s["by_topic"]}
    assert cells["Môi trường"][rising] == 1
    assert s["trend_totals"][rising] == 2
    assert {r["key"]: r["value"] for r in s["by_urgency"]} == {
        "normal": 2,
        "attention": 1,
        "urgent": 1,
    }
    assert [r["id"] for r in s["flagged"]] == [op.village_note.pk, op.other_village_note.pk]
    assert s["hotspots"] == [
        {
            "village_id": world.village.pk,
            "village": "Thôn Đoàn Kết",
            "topic": "environment",
            "topic_label": "Môi trường",
            "current": 1,
            "previous": 0,
            "is_hotspot": False,
            "growing": True,
        }
    ]
    october = selectors.month_summary(
        world.commune.pk, date(2026, 10, 1), date(2026, 10, 31), TODAY
    )
    assert october["total"] == 0


def test_the_overview_counts_an_urgent_note_late_past_its_day(
    op: Op, world: World, frozen: Any
) -> None:
    def part(on: date) -> dict[str, Any]:
        return overview.figures(
            communes=[world.commune.pk], start=date(2026, 11, 1), end=date(2026, 11, 30), on=on
        )["opinion"]

    now = part(TODAY)
    assert (now["total"], now["done"], now["late"]) == (4, 1, 0)
    extra = {e["key"]: e["value"] for e in now["extra"]}
    assert (extra["urgent"], extra["trend_rising"], extra["petition"]) == (1, 2, 0)
    later = part(date(2026, 11, 25))
    assert later["late"] == 1
    assert later["late_items"][0]["title"] == str(op.village_note)
    village_slice = overview.figures(
        communes=[world.commune.pk],
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        on=TODAY,
        villages=[world.village.pk],
    )["opinion"]
    assert village_slice["total"] == 1


def test_urgent_open_notes_wait_on_the_leaders(op: Op, world: World) -> None:
    items = work.waiting_on(world.chairman, today=TODAY)
    assert [(i.title, i.due) for i in items] == [(str(op.village_note), date(2026, 11, 23))]
    assert work.waiting_on(world.village_head, today=TODAY) == []
    assert work.waiting_on(world.outsider, today=TODAY) == []


def test_a_rule_change_moves_the_open_urgent_notes(op: Op, world: World) -> None:
    DeadlineRule.objects.filter(procedure="du-luan", step="khan-cap").update(days=1)
    forget_rules()
    assert services.notes_recompute_open() == 1
    op.village_note.refresh_from_db()
    assert op.village_note.due_on == date(2026, 11, 19)
    DeadlineRule.objects.filter(procedure="du-luan", step="khan-cap").delete()
    forget_rules()
    assert services.notes_recompute_open() == 1
    op.village_note.refresh_from_db()
    assert op.village_note.due_on is None


def test_an_urgent_note_is_told_to_the_leaders_and_the_office_at_once(
    world: World, frozen: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from danvan.core.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        note = _note(world, urgency=Urgency.URGENT)
        _note(world, urgency=Urgency.ATTENTION)
    told = Notification.objects.order_by("user__username")
    assert [n.user for n in told] == [world.chairman, world.officer_b]
    assert told[0].title == f"Tin khẩn cấp: {note}" and "Bà con" not in told[0].title
    assert told[0].url == note.get_absolute_url()
