"""Records of council questioning shared by this app's tests: a session of Hồng Phong's council
with questions at each step and a pledge, the next session scheduled, and a session of the other
commune."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine

from danvan.conftest import World
from danvan.questioning import services
from danvan.questioning.models import CouncilSession, Pledge, Question

TODAY = date(2026, 6, 15)  # a Monday


@dataclass
class Council:
    session: CouncilSession  # 08–09/06/2026
    following: CouncilSession  # opens Wednesday 22/07/2026
    answered: Question  # answered at the session by office A, with a pledge
    writing: Question  # to office A, in writing, due 29/06/2026
    waiting: Question  # to the chairman (the UBND), at the session, not answered yet
    pledge: Pledge  # office A, due 30/09/2026
    other_session: CouncilSession
    other_question: Question


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def ask(
    session: CouncilSession, by: Any, unit: Any, mode: str, asked_on: date, **extra: Any
) -> Question:
    return services.question_create(
        session=session,
        by=by,
        delegate=extra.pop("delegate", "Hoàng Văn Đại"),
        respondent_unit=unit,
        respondent_title=extra.pop("respondent_title", "Trưởng phòng Văn hóa - Xã hội"),
        content=extra.pop("content", "Vì sao việc chi trả trợ cấp xã hội quý I chậm 10 ngày?"),
        asked_on=asked_on,
        mode=mode,
        **extra,
    )


@pytest.fixture
def council(world: World, frozen: Any, settings: Any, tmp_path: Path) -> Council:
    settings.MEDIA_ROOT = tmp_path
    session = services.session_create(
        commune=world.commune,
        by=world.officer_b,
        term="khóa I, nhiệm kỳ 2026–2031",
        number=3,
        kind=CouncilSession.Kind.REGULAR,
        title="Kỳ họp giữa năm 2026",
        opens_on=date(2026, 6, 8),
        closes_on=date(2026, 6, 9),
    )
    following = services.session_create(
        commune=world.commune,
        by=world.chairman,
        term="khóa I, nhiệm kỳ 2026–2031",
        number=4,
        kind=CouncilSession.Kind.SPECIAL,
        opens_on=date(2026, 7, 22),
        closes_on=date(2026, 7, 22),
    )
    answered = ask(
        session, world.officer_b, world.office_a, Question.Mode.AT_SESSION, date(2026, 6, 8)
    )
    answered = services.question_answer(
        question=answered,
        by=world.officer_b,
        answer="Do thiếu chữ ký trên 3 hồ sơ; phòng sẽ rà soát lại quy trình.",
        answered_on=date(2026, 6, 8),
    )
    pledge = services.pledge_create(
        question=answered,
        by=world.officer_b,
        title="Rà soát quy trình chi trả trợ cấp, không để chậm",
        content="Rà soát, sửa quy trình ký duyệt hồ sơ trợ cấp xã hội.",
        owner_unit=world.office_a,
        due_on=date(2026, 9, 30),
    )
    writing = ask(
        session,
        world.officer_b,
        world.office_a,
        Question.Mode.IN_WRITING,
        date(2026, 6, 9),
        delegate="Lăng Thị Hoa",
        content="Kế hoạch sửa nhà văn hóa thôn Đoàn Kết?",
        village=world.village,
    )
    waiting = ask(
        session,
        world.chairman,
        world.commune,
        Question.Mode.AT_SESSION,
        date(2026, 6, 9),
        respondent_title="Chủ tịch UBND xã",
        content="Tiến độ làm đường liên thôn?",
    )
    other_session = services.session_create(
        commune=world.other_commune,
        by=world.outsider,
        term="khóa I",
        number=1,
        kind=CouncilSession.Kind.REGULAR,
        opens_on=date(2026, 6, 10),
        closes_on=date(2026, 6, 10),
    )
    other_question = ask(
        other_session,
        world.outsider,
        world.other_office,
        Question.Mode.IN_WRITING,
        date(2026, 6, 10),
    )
    return Council(
        session=session,
        following=following,
        answered=answered,
        writing=writing,
        waiting=waiting,
        pledge=pledge,
        other_session=other_session,
        other_question=other_question,
    )
