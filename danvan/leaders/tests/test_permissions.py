"""The leaders' loop's pages, requested as every persona (danvan/testing/matrix.py explains the
tables; docs/permissions.md, "Tổng quan điều hành", says who sees what).

The overview answers every member of a commune (each sees the slice of his seat: the commune,
his units, his village) and the province viewer (the comparison of the province's communes);
another commune's overview is hidden (404); a period that is no date is refused (400).
"Việc của tôi" answers every member; directives (docs/permissions.md, "Chỉ đạo, đôn đốc") are
read by their parties, the commune's leaders and whoever opens their item's page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.leaders import reports, services
from danvan.leaders.models import Directive, PeriodicReport
from danvan.petitions import services as petitions
from danvan.plans.models import Task
from danvan.testing.matrix import (
    Matrix,
    PostAction,
    check_tables,
    client_of,
    expect_get,
    expect_post,
    rows,
    table,
)

# fmt: off
GET_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "leaders:overview":                        (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "leaders:overview[?xa=hong phong]":        (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "leaders:overview[?xa=other commune]":     (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "leaders:overview[a month]":               (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "leaders:overview[bad dates]":             (302, 400, 400, 400, 400, 400, 400, 400, 400, 400),
    "leaders:my_work":                         (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "leaders:directives":                      (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "leaders:directives[bad filter]":          (302, 400, 400, 400, 400, 400, 400, 400, 400, 400),
    "leaders:directive":                       (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "leaders:directive[on a petition]":        (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "leaders:directive[other commune]":        (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "leaders:directive_send":                  (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "leaders:directive_answer":                (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "leaders:directive_decide":                (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
})

# Directives: `d` is the chairman's chase of office A about the task, `answered` his directive
# to officer B about it, answered by her; a leader or administrator sends, the recipients
# answer, the sender decides; another commune's are hidden.
POST_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "leaders:directive_send":                  (302, 302, 403, 403, 403, 403, 403, 403, 404, 302),
    "leaders:directive_answer":                (302, 403, 302, 403, 403, 403, 403, 403, 404, 403),
    "leaders:directive_decide":                (302, 302, 403, 403, 403, 403, 403, 403, 404, 403),
})
# fmt: on
KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    task: Task
    d: Directive
    answered: Directive
    on_petition: Directive
    other: Directive

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


@pytest.fixture
def scene(world: World, task: Task, other_task: Task) -> Scene:
    w, due = world, timezone.localdate() + timedelta(days=10)

    def send(target: Any, **to: Any) -> Directive:
        return services.directive_send(
            target=target, by=w.chairman, kind="chase", text="Báo cáo ngay.", due_on=due, **to
        )

    answered = send(task, to_user=w.officer_b)
    services.directive_answer(directive=answered, by=w.officer_b, answer="Đã phối hợp.")
    petition = petitions.petition_receive(
        commune=w.commune,
        by=w.officer_b,
        channel="post",
        kind="complaint",
        subject="Khiếu nại về đường thôn",
        content="Nội dung.",
        received_on=timezone.localdate(),
        identity={"name": "Người Khiếu Nại"},
    )
    other = Directive.objects.create(
        commune=w.other_commune,
        target_type=ContentType.objects.get_for_model(other_task),
        target_id=other_task.pk,
        kind="chase",
        text="Đôn đốc ở xã khác.",
        due_on=due,
        sent_by=w.outsider,
        to_unit=w.other_office,
    )
    return Scene(
        w,
        task,
        send(task, to_unit=w.office_a),
        answered,
        send(petition, to_user=w.officer_b),
        other,
    )


def _directive(pick: Callable[[Scene], Directive], name: str = "leaders:directive") -> Any:
    return lambda s: reverse(name, args=[pick(s).pk])


def _overview(query: Callable[[Scene], str]) -> Callable[[Scene], str]:
    return lambda s: f"{reverse('leaders:overview')}?{query(s)}"


URLS: dict[str, Callable[[Scene], str]] = {
    "leaders:overview": lambda s: reverse("leaders:overview"),
    "leaders:overview[?xa=hong phong]": _overview(lambda s: f"xa={s.world.commune.pk}"),
    "leaders:overview[?xa=other commune]": _overview(lambda s: f"xa={s.world.other_commune.pk}"),
    "leaders:overview[a month]": _overview(lambda s: "nam=2026&ky=thang-3"),
    "leaders:overview[bad dates]": _overview(lambda s: "tu=31/02/2026&den=hom-qua"),
    "leaders:my_work": lambda s: reverse("leaders:my_work"),
    "leaders:directives": lambda s: reverse("leaders:directives"),
    "leaders:directives[bad filter]": lambda s: f"{reverse('leaders:directives')}?cua=ai-do",
    "leaders:directive": _directive(lambda s: s.d),
    "leaders:directive[on a petition]": _directive(lambda s: s.on_petition),
    "leaders:directive[other commune]": _directive(lambda s: s.other),
    "leaders:directive_send": lambda s: reverse("leaders:directive_send"),
    "leaders:directive_answer": _directive(lambda s: s.d, "leaders:directive_answer"),
    "leaders:directive_decide": _directive(lambda s: s.answered, "leaders:directive_decide"),
}


def _status(pk: int) -> str:
    return Directive.objects.get(pk=pk).status


POST_ACTIONS: dict[str, PostAction] = {
    "leaders:directive_send": PostAction(
        data=lambda s, p: {
            "target_type": ContentType.objects.get_for_model(Task).pk,
            "target_id": s.task.pk,
            "cd-kind": "instruction",
            "cd-to_unit": s.world.office_a.pk,
            "cd-text": "Tổ chức đối thoại trước ngày 20.",
            "cd-due_on": (timezone.localdate() + timedelta(days=5)).isoformat(),
        },
        state=lambda s, c: Directive.objects.count(),
    ),
    "leaders:directive_answer": PostAction(
        data=lambda s, p: {"answer": "Đã tổ chức đối thoại."},
        state=lambda s, c: _status(s.d.pk),
    ),
    "leaders:directive_decide": PostAction(
        data=lambda s, p: {"decision": "accept", "comment": ""},
        state=lambda s, c: _status(s.answered.pk),
    ),
}


# --- the periodic report (leaders/reports.py; docs/permissions.md, "Báo cáo định kỳ") -------
# Leaders, administrators and the office (officer_b: Văn phòng, the unit that receives
# petitions) read and edit the commune's reports; only a leader submits and reopens; the
# province viewer reads submitted reports of the province's communes; a version that is no
# number is refused in Vietnamese (400).
# fmt: off
GET_MATRIX.update(table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "leaders:reports":                         (302, 200, 403, 403, 200, 403, 403, 200, 403, 200),
    "leaders:report":                          (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "leaders:report[submitted]":               (302, 200, 403, 403, 200, 403, 403, 200, 404, 200),
    "leaders:report[other commune]":           (302, 404, 404, 404, 404, 404, 404, 404, 403, 404),
    "leaders:report_docx":                     (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "leaders:report_docx[submitted]":          (302, 200, 403, 403, 200, 403, 403, 200, 404, 200),
    "leaders:report_docx[bad version]":        (302, 400, 403, 403, 400, 403, 403, 403, 404, 400),
    "leaders:report_xlsx":                     (302, 200, 403, 403, 200, 403, 403, 403, 404, 200),
    "leaders:report_xlsx[submitted]":          (302, 200, 403, 403, 200, 403, 403, 200, 404, 200),
    "leaders:report_create":                   (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "leaders:report_edit":                     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "leaders:report_submit":                   (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "leaders:report_reopen":                   (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
}))
POST_MATRIX.update(table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "leaders:report_create":                   (302, 302, 403, 403, 302, 403, 403, 403, 403, 302),
    "leaders:report_edit":                     (302, 302, 403, 403, 302, 403, 403, 403, 404, 302),
    "leaders:report_submit":                   (302, 302, 403, 403, 403, 403, 403, 403, 404, 403),
    "leaders:report_reopen":                   (302, 302, 403, 403, 403, 403, 403, 403, 404, 403),
}))
# fmt: on


@dataclass
class Reports:
    draft: PeriodicReport
    submitted: PeriodicReport
    other: PeriodicReport


def _reports(s: Scene) -> Reports:
    """Hồng Phong's 6-month draft of 2026 (its results written) and its submitted report of
    2025, and another commune's draft; made once per scene."""
    made: Reports | None = getattr(s, "_reports", None)
    if made is None:
        w = s.world
        w.chairman.position = "Chủ tịch UBND xã"
        w.chairman.save()
        text = {"results": "Kết quả."}

        def report(commune: Any, kind: str, year: int, submit: bool) -> PeriodicReport:
            r = reports.report_create(commune=commune, kind=kind, year=year, by=w.chairman)
            reports.report_save(report=r, by=w.chairman, narrative=text)
            return reports.report_submit(report=r, by=w.chairman) if submit else r

        made = Reports(
            report(w.commune, "half_year", 2026, False),
            report(w.commune, "year", 2025, True),
            report(w.other_commune, "half_year", 2026, False),
        )
        s._reports = made  # type: ignore[attr-defined]
    return made


def _report(pick: Callable[[Reports], PeriodicReport], name: str, query: str = "") -> Any:
    return lambda s: reverse(name, args=[pick(_reports(s)).pk]) + query


URLS.update({
    "leaders:reports": lambda s: reverse("leaders:reports"),
    "leaders:report": _report(lambda r: r.draft, "leaders:report"),
    "leaders:report[submitted]": _report(lambda r: r.submitted, "leaders:report"),
    "leaders:report[other commune]": _report(lambda r: r.other, "leaders:report"),
    "leaders:report_docx": _report(lambda r: r.draft, "leaders:report_docx"),
    "leaders:report_docx[submitted]": _report(lambda r: r.submitted, "leaders:report_docx"),
    "leaders:report_docx[bad version]": _report(
        lambda r: r.draft, "leaders:report_docx", "?phien-ban=mot"
    ),
    "leaders:report_xlsx": _report(lambda r: r.draft, "leaders:report_xlsx"),
    "leaders:report_xlsx[submitted]": _report(lambda r: r.submitted, "leaders:report_xlsx"),
    "leaders:report_create": lambda s: reverse("leaders:report_create"),
    "leaders:report_edit": _report(lambda r: r.draft, "leaders:report_edit"),
    "leaders:report_submit": _report(lambda r: r.draft, "leaders:report_submit"),
    "leaders:report_reopen": _report(lambda r: r.submitted, "leaders:report_reopen"),
})  # fmt: skip


def _report_state(pk: int) -> tuple[str, int]:
    return tuple(PeriodicReport.objects.filter(pk=pk).values_list("status", "version").get())  # type: ignore[return-value]


POST_ACTIONS.update({
    "leaders:report_create": PostAction(
        data=lambda s, p: {"xa": s.world.commune.pk, "ky": "year", "nam": "2026"},
        state=lambda s, c: PeriodicReport.objects.count(),
    ),
    "leaders:report_edit": PostAction(
        data=lambda s, p: {"results": f"Kết quả do {p} viết.", "next": "Tiếp tục."},
        state=lambda s, c: _report_state(_reports(s).draft.pk),
    ),
    "leaders:report_submit": PostAction(
        data=lambda s, p: {}, state=lambda s, c: _report_state(_reports(s).draft.pk)
    ),
    "leaders:report_reopen": PostAction(
        data=lambda s, p: {}, state=lambda s, c: _report_state(_reports(s).submitted.pk)
    ),
})  # fmt: skip


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_get(GET_MATRIX, case, personas, URLS[case](scene), scene.client)


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    url = URLS[case](scene)
    expect_post(POST_MATRIX, case, personas, url, scene, scene.client, POST_ACTIONS[case])
