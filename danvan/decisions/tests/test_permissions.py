"""Every URL of decisions and its public pages, requested as every persona (docs/permissions.md).

Hồng Phong's `wide` decision (item 1, both villages) has a meeting in Thôn Đoàn Kết (headed by
village_head) and one in Thôn Hòa Bình, no tally yet; `fresh` has no meeting; `voted` has its
tally and waits to be sent; `sent` (item 4, the People's Committee recognises) and `board` (item
5, the Front recognises) wait for recognition (or its refusal); `wide_sent` (item 1, both
villages) waits for the People's Committee to set the day it takes effect; `public` is
recognised; `effect` (item 1, one village) is in effect from its vote, no recognition (Luật
THDCCS 2022, Điều 21 khoản 2); `other` belongs to another commune.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.core.models import AuditEntry, Unit
from danvan.decisions import services
from danvan.decisions.models import CommunityDecision, Meeting, Tally, VillageHouseholds
from danvan.decisions.tests.conftest import Villages, minutes
from danvan.testing.matrix import (
    Matrix,
    PostAction,
    check_tables,
    client_of,
    expect_get,
    expect_post,
    office_file,
    rows,
    table,
    url_name,
)

# fmt: off
GET_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "decisions:index":                         (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "decisions:index[?xa=other commune]":      (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "decisions:export":                        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "decisions:create":                        (302, 200, 200, 403, 200, 403, 403, 403, 404, 200),
    "decisions:create[?xa=other commune]":     (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "decisions:households":                    (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "decisions:detail":                        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "decisions:detail[other commune]":         (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "decisions:meeting_create":                (302, 200, 200, 403, 200, 403, 200, 403, 404, 200),
    "decisions:tally":                         (302, 200, 403, 403, 403, 403, 200, 403, 404, 200),
    "decisions:tally[other village]":          (302, 200, 403, 403, 403, 403, 403, 403, 404, 200),
    "decisions:send":                          (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "decisions:recognise":                     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "decisions:recognise[front item]":         (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "decisions:recognise[commune-wide date]":  (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "decisions:refuse":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "decisions:refuse[front item]":            (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # The record (.docx) is made by POST: its making is logged, and nothing that writes
    # answers a GET (issue #11).
    "decisions:record":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "portal:decisions":                        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:decision":                         (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:decision[not recognised]":         (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:decision[in effect on the vote]":  (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
})

POST_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "decisions:create":                        (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "decisions:households":                    (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "decisions:meeting_create":                (302, 302, 302, 403, 302, 403, 302, 403, 404, 302),
    "decisions:tally":                         (302, 302, 403, 403, 403, 403, 302, 403, 404, 302),
    "decisions:tally[other village]":          (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "decisions:send":                          (302, 302, 302, 403, 302, 403, 403, 403, 404, 302),
    "decisions:recognise":                     (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "decisions:recognise[front item]":         (302, 403, 403, 403, 403, 302, 403, 403, 404, 403),
    "decisions:recognise[commune-wide date]":  (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "decisions:refuse":                        (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "decisions:refuse[front item]":            (302, 403, 403, 403, 403, 302, 403, 403, 404, 403),
    # 200: the .docx, its making logged.
    "decisions:record":                        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    v: Villages
    wide: CommunityDecision
    fresh: CommunityDecision
    voted: CommunityDecision
    sent: CommunityDecision
    board: CommunityDecision
    wide_sent: CommunityDecision
    public: CommunityDecision
    effect: CommunityDecision
    other: CommunityDecision
    mine: Meeting  # of `wide`, in the village head's village
    theirs: Meeting  # of `wide`, in Thôn Hòa Bình


@pytest.fixture
def scene(world: World, villages: Villages, settings: Any, tmp_path: Path) -> Scene:
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    held = today - timedelta(days=7)
    by = world.officer_a

    def meet(d: CommunityDecision, village: Unit) -> Meeting:
        return services.meeting_create(
            decision=d,
            village=village,
            held_on=held,
            place="Nhà văn hóa",
            notice_on=held - timedelta(days=3),
            convened_by="Trưởng thôn",
            by=by,
        )

    def voted(number: int) -> CommunityDecision:
        d = villages.decision(number, title=f"Việc khoản {number}")
        villages.tally(meet(d, villages.doan_ket), agree=40)
        return d

    wide = villages.decision(1, scope="commune", title="Bê tông hóa đường trục xã")
    mine, theirs = meet(wide, villages.doan_ket), meet(wide, villages.hoa_binh)
    sent = services.record_send(decision=voted(4), sent_on=today, by=by)
    effect = services.record_send(decision=voted(1), sent_on=today, by=by)
    wide_sent = villages.decision(1, scope="commune", title="Nhà văn hóa xã")
    villages.tally(meet(wide_sent, villages.doan_ket), agree=40)
    villages.tally(meet(wide_sent, villages.hoa_binh), agree=25, present=30)
    wide_sent = services.record_send(decision=wide_sent, sent_on=today, by=by)
    board = services.record_send(decision=voted(5), sent_on=today, by=by)
    public = services.record_send(decision=voted(3), sent_on=today, by=by)
    services.decision_recognise(decision=public, recognised_on=today, note="", by=world.chairman)
    other_village = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Khác", parent=world.other_commune
    )
    other = services.decision_create(
        commune=world.other_commune,
        item=villages.item(6),
        title="Việc của xã khác",
        content="…",
        scope="village",
        villages=[other_village],
        form="meeting",
        by=world.outsider,
    )
    return Scene(
        world=world,
        v=villages,
        wide=wide,
        fresh=villages.decision(2, title="Quỹ khuyến học"),
        voted=voted(6),
        sent=sent,
        board=board,
        wide_sent=wide_sent,
        public=public,
        effect=effect,
        other=other,
        mine=mine,
        theirs=theirs,
    )


def _xa(name: str, commune: Callable[[Scene], Unit]) -> Callable[[Scene], str]:
    return lambda s: f"{reverse(name)}?xa={commune(s).pk}"


URLS: dict[str, Callable[[Scene], str]] = {
    "decisions:index": lambda s: reverse("decisions:index"),
    "decisions:index[?xa=other commune]": _xa("decisions:index", lambda s: s.world.other_commune),
    "decisions:export": _xa("decisions:export", lambda s: s.world.commune),
    "decisions:create": _xa("decisions:create", lambda s: s.world.commune),
    "decisions:create[?xa=other commune]": _xa("decisions:create", lambda s: s.world.other_commune),
    "decisions:households": _xa("decisions:households", lambda s: s.world.commune),
    "decisions:detail": lambda s: reverse("decisions:detail", args=[s.wide.pk]),
    "decisions:detail[other commune]": lambda s: reverse("decisions:detail", args=[s.other.pk]),
    "decisions:meeting_create": lambda s: reverse("decisions:meeting_create", args=[s.fresh.pk]),
    "decisions:tally": lambda s: reverse("decisions:tally", args=[s.mine.pk]),
    "decisions:tally[other village]": lambda s: reverse("decisions:tally", args=[s.theirs.pk]),
    "decisions:send": lambda s: reverse("decisions:send", args=[s.voted.pk]),
    "decisions:recognise": lambda s: reverse("decisions:recognise", args=[s.sent.pk]),
    "decisions:recognise[front item]": lambda s: reverse("decisions:recognise", args=[s.board.pk]),
    "decisions:recognise[commune-wide date]": lambda s: reverse(
        "decisions:recognise", args=[s.wide_sent.pk]
    ),
    "decisions:refuse": lambda s: reverse("decisions:refuse", args=[s.sent.pk]),
    "decisions:refuse[front item]": lambda s: reverse("decisions:refuse", args=[s.board.pk]),
    "decisions:record": lambda s: reverse("decisions:record", args=[s.wide.pk]),
    "portal:decisions": lambda s: reverse("portal:decisions"),
    "portal:decision": lambda s: reverse("portal:decision", args=[s.public.pk]),
    "portal:decision[not recognised]": lambda s: reverse("portal:decision", args=[s.sent.pk]),
    "portal:decision[in effect on the vote]": lambda s: reverse(
        "portal:decision", args=[s.effect.pk]
    ),
}


def _status(d: CommunityDecision) -> Callable[[Scene, Any], object]:
    return lambda s, c: CommunityDecision.objects.get(pk=d.pk).status


def _tally_data(s: Scene, persona: str) -> dict[str, Any]:
    return {"present": "30", "agree": "25", "disagree": "5", "invalid": "0", "minutes": minutes()}


POST_ACTIONS: dict[str, PostAction] = {
    "decisions:record": PostAction(
        data=lambda s, p: {},
        state=lambda s, c: AuditEntry.objects.filter(action="decisions.record_generated").count(),
    ),
    "decisions:create": PostAction(
        data=lambda s, p: {
            "item": s.v.item(1).pk,
            "title": "Sửa nhà văn hóa",
            "content": "Mỗi hộ góp 200.000 đồng.",
            "scope": "village",
            "villages": [s.v.doan_ket.pk],
            "form": "meeting",
        },
        state=lambda s, c: CommunityDecision.objects.count(),
    ),
    "decisions:households": PostAction(
        data=lambda s, p: {
            "village": s.v.hoa_binh.pk,
            "households": "31",
            "representatives": "31",
            "as_of": timezone.localdate().isoformat(),
            "source": "Rà soát",
        },
        state=lambda s, c: VillageHouseholds.objects.count(),
    ),
    "decisions:meeting_create": PostAction(
        data=lambda s, p: {
            "village": s.v.doan_ket.pk,
            "notice_on": timezone.localdate().isoformat(),
            "held_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "place": "Nhà văn hóa",
            "convened_by": "Trưởng thôn",
        },
        state=lambda s, c: Meeting.objects.count(),
    ),
    "decisions:tally": PostAction(data=_tally_data, state=lambda s, c: Tally.objects.count()),
    "decisions:tally[other village]": PostAction(
        data=_tally_data, state=lambda s, c: Tally.objects.count()
    ),
    "decisions:send": PostAction(
        data=lambda s, p: {"sent_on": timezone.localdate().isoformat()},
        state=lambda s, c: CommunityDecision.objects.get(pk=s.voted.pk).status,
    ),
    "decisions:recognise": PostAction(
        data=lambda s, p: {"recognised_on": timezone.localdate().isoformat(), "note": ""},
        state=lambda s, c: CommunityDecision.objects.get(pk=s.sent.pk).status,
    ),
    "decisions:recognise[front item]": PostAction(
        data=lambda s, p: {"recognised_on": timezone.localdate().isoformat(), "note": ""},
        state=lambda s, c: CommunityDecision.objects.get(pk=s.board.pk).status,
    ),
    "decisions:recognise[commune-wide date]": PostAction(
        data=lambda s, p: {
            "recognised_on": timezone.localdate().isoformat(),
            "note": "Quyết định số 12/QĐ-UBND",
            "effective_on": timezone.localdate().isoformat(),
        },
        state=lambda s, c: CommunityDecision.objects.get(pk=s.wide_sent.pk).status,
    ),
    "decisions:refuse": PostAction(
        data=lambda s, p: {
            "refused_on": timezone.localdate().isoformat(),
            "reasons": "Người được bầu không đủ tiêu chuẩn.",
        },
        state=lambda s, c: CommunityDecision.objects.get(pk=s.sent.pk).status,
    ),
    "decisions:refuse[front item]": PostAction(
        data=lambda s, p: {
            "refused_on": timezone.localdate().isoformat(),
            "reasons": "Người được bầu không cư trú tại thôn.",
        },
        state=lambda s, c: CommunityDecision.objects.get(pk=s.board.pk).status,
    ),
}


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)


OFFICE_FILES = {"decisions:export", "decisions:record"}


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    check = office_file if url_name(case) in OFFICE_FILES else None
    expect_get(
        GET_MATRIX, case, personas, URLS[case](scene), lambda p: client_of(scene.world, p), check
    )


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    url = URLS[case](scene)
    expect_post(
        POST_MATRIX,
        case,
        personas,
        url,
        scene,
        lambda p: client_of(scene.world, p),
        POST_ACTIONS[case],
    )


def test_it_shows_no_names_on_the_public_page(scene: Scene) -> None:
    body = client_of(scene.world, "anon").get(URLS["portal:decision"](scene)).content.decode()
    assert "40/50 hộ đồng ý = 80%" in body
    assert "Trưởng thôn" not in body and scene.world.chairman.get_full_name() not in body
