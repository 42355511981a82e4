"""Questioning's part of the leaders' overview and the periodic report: the written answers
counted by their time limit, the answers at the session, the pledges and the reports on them,
with known numbers, for the commune, a unit and a village."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from danvan.conftest import World
from danvan.leaders.overview import SECTIONS, compose
from danvan.questioning import services
from danvan.questioning.models import CouncilSession, Question
from danvan.questioning.overview import figures
from danvan.questioning.tests.conftest import ask

YEAR = (date(2026, 1, 1), date(2026, 12, 31))
TODAY = date(2026, 6, 15)
WRITING, AT_SESSION = Question.Mode.IN_WRITING, Question.Mode.AT_SESSION


@dataclass
class Story:
    on_time: Question  # in writing to office A, asked 10/03, answered 25/03 (due 30/03)
    late: Question  # in writing to office A, asked 10/03, answered 20/04
    switched: Question  # to the chairman at the session, switched to writing, never answered
    waiting: Question  # in writing to office A, asked 09/06, due 29/06: open, not late


def answer(q: Question, by: Any, on: date) -> Question:
    return services.question_answer(question=q, by=by, answer="Đã trả lời.", answered_on=on)


@pytest.fixture
def story(world: World, frozen: Any) -> Story:
    by = world.officer_b
    march = services.session_create(
        commune=world.commune, by=by, term="khóa I", number=1, kind=CouncilSession.Kind.REGULAR,
        opens_on=date(2026, 3, 10), closes_on=date(2026, 3, 11),
    )  # fmt: skip
    june = services.session_create(  # the next session: the March reports are due 29/05
        commune=world.commune, by=by, term="khóa I", number=2, kind=CouncilSession.Kind.REGULAR,
        opens_on=date(2026, 6, 8), closes_on=date(2026, 6, 9),
    )  # fmt: skip
    on_time = ask(march, by, world.office_a, WRITING, date(2026, 3, 10))
    assert on_time.due_on == date(2026, 3, 30)
    on_time = answer(on_time, world.officer_a, date(2026, 3, 25))
    late = answer(ask(march, by, world.office_a, WRITING, date(2026, 3, 10)), by, date(2026, 4, 20))
    switched = ask(
        march, by, world.commune, AT_SESSION, date(2026, 3, 11),
        content="Tiến độ đường liên thôn?", respondent_title="Chủ tịch UBND xã",
    )  # fmt: skip
    switched = services.question_to_writing(question=switched, by=by)
    assert switched.due_on == date(2026, 3, 31)
    # Answered at the session, each with a pledge: office A's about the village; the chairman's
    # carried out by office B (the pledge is still the chairman's to report on).
    for unit, owner, village in (
        (world.office_a, world.office_a, world.village),
        (world.commune, world.office_b, None),
    ):
        q = ask(march, by, unit, AT_SESSION, date(2026, 3, 11), village=village)
        q = answer(q, by, date(2026, 3, 11))
        services.pledge_create(
            question=q, by=by, title="Sửa đường", content="", owner_unit=owner,
            due_on=date(2026, 9, 30),
        )  # fmt: skip
    # Office A reports after its due day (29/05); the chairman never reports: late.
    services.report_file(
        session=march, unit=world.office_a, by=world.officer_a, on=date(2026, 6, 1)
    )
    waiting = ask(june, by, world.office_a, WRITING, date(2026, 6, 9), village=world.village)
    ask(june, by, world.commune, AT_SESSION, date(2026, 6, 9))  # not answered yet
    other = services.session_create(
        commune=world.other_commune, by=world.outsider, term="khóa I", number=1,
        kind=CouncilSession.Kind.REGULAR, opens_on=date(2026, 3, 10), closes_on=date(2026, 3, 10),
    )  # fmt: skip
    ask(other, world.outsider, world.other_office, WRITING, date(2026, 3, 10))  # late, elsewhere
    return Story(on_time=on_time, late=late, switched=switched, waiting=waiting)


def part(world: World, start: date = YEAR[0], **scope: Any) -> dict[str, Any]:
    return figures(communes=[world.commune.pk], start=start, end=YEAR[1], on=TODAY, **scope)[
        "questioning"
    ]


def extras(p: dict[str, Any]) -> dict[str, int]:
    return {e["key"]: e["value"] for e in p["extra"]}


def core(p: dict[str, Any]) -> tuple[int, ...]:
    keys = ("total", "new", "carried", "done", "done_on_time", "done_late", "open", "late")
    return tuple(p[k] for k in keys)


def test_it_counts_written_answers_by_their_time_limit(world: World, story: Story) -> None:
    p = part(world)
    # Written: on time, late, switched (open and late), waiting (open, not late).
    assert core(p) == (4, 4, 0, 2, 1, 1, 2, 1)
    assert p["on_time_rate"] == 33  # 1 on time ÷ (2 done + 1 late)
    assert p["small"] is True
    assert "chưa kiểm chứng" in p["note"] and "20 ngày" in p["note"]
    titles = [i["title"] for i in p["late_items"]]
    assert titles == ["Chất vấn số 3, kỳ họp thứ 1: Tiến độ đường liên thôn?"]
    late = p["late_items"][0]
    assert (late["due"], late["days_late"]) == ("2026-03-31", 76)
    assert late["url"] == story.switched.get_absolute_url()
    assert late["owner"] == "Chủ tịch UBND xã (Xã Hồng Phong)"
    months = {m["month"]: m for m in p["by_month"]}
    assert (months["2026-03"]["new"], months["2026-03"]["done"], months["2026-03"]["late"]) == (
        3, 1, 2,
    )  # fmt: skip
    assert (months["2026-04"]["done"], months["2026-06"]["new"]) == (1, 1)
    assert extras(p) == {
        "sessions": 2,
        "asked": 7,
        "at_session": 2,
        "at_session_waiting": 1,
        "pledges": 2,
        "reports_filed": 1,
        "reports_filed_late": 1,
        "reports_late": 1,
    }


def test_a_later_period_carries_what_was_open_when_it_began(world: World, story: Story) -> None:
    p = part(world, start=date(2026, 6, 2))
    # The answer on time (25/03) and the late one (20/04) were done before; the switched
    # question is carried, still late; the June one is new.
    assert core(p) == (2, 1, 1, 0, 0, 0, 2, 1)
    x = extras(p)
    assert (x["sessions"], x["asked"], x["at_session"], x["pledges"]) == (1, 2, 0, 0)
    # Office A's report was filed 01/06, before the period; the chairman's is still late.
    assert (x["reports_filed"], x["reports_late"]) == (0, 1)


def test_a_units_slice_is_the_questions_it_was_asked(world: World, story: Story) -> None:
    office = part(world, units=[world.office_a.pk])
    assert core(office) == (3, 3, 0, 2, 1, 1, 1, 0)
    assert office["late_items"] == []
    assert extras(office) == {
        "asked": 4,
        "at_session": 1,
        "at_session_waiting": 0,
        "pledges": 1,
        "reports_filed": 1,
        "reports_filed_late": 1,
        "reports_late": 0,
    }
    chairman = part(world, units=[world.commune.pk])
    assert core(chairman) == (1, 1, 0, 0, 0, 0, 1, 1)
    assert extras(chairman)["reports_late"] == 1
    # Office B carries out the chairman's pledge, but was asked nothing and owes no report.
    office_b = extras(part(world, units=[world.office_b.pk]))
    assert (office_b["asked"], office_b["pledges"], office_b["reports_late"]) == (0, 0, 0)


def test_a_villages_slice_is_the_questions_about_it(world: World, story: Story) -> None:
    p = part(world, villages=[world.village.pk])
    assert core(p) == (1, 1, 0, 0, 0, 0, 1, 0)
    assert extras(p) == {"asked": 2, "at_session": 1, "at_session_waiting": 0, "pledges": 1}


def test_the_overview_shows_the_part(world: World, story: Story) -> None:
    scope = {"communes": [world.commune.pk], "start": YEAR[0], "end": YEAR[1], "on": TODAY}
    assert "questioning" in SECTIONS
    p = compose(**scope, viewer=world.province_viewer)["questioning"]
    assert (p["total"], p["late"], len(p["late_items"])) == (4, 1, 1)
    brief = compose(**scope, detail=False)["questioning"]
    assert (brief["late"], brief["late_items"], brief["by_month"]) == (1, [], [])
    both = compose(**{**scope, "communes": [world.commune.pk, world.other_commune.pk]})
    rows = {r["commune"]: r["late"] for r in both["questioning"]["by_commune"]}
    assert rows == {world.commune.pk: 1, world.other_commune.pk: 1}


def test_its_queries_do_not_grow_with_the_sessions(
    world: World, story: Story, django_assert_max_num_queries: Any
) -> None:
    part(world)  # the rules and the calendar are cached once a minute
    # Three for the written answers (core.figures), one for the questions at the session, one
    # for the pledges, three for the reports on pledges (not one per session), one for sessions.
    with django_assert_max_num_queries(9):
        part(world)
