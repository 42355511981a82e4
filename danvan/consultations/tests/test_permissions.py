"""Every URL of consultations and its portal pages, requested as every persona.

The lead unit of the consultations is office A (officer_a manages them with the leaders);
office B, the read-only member and province viewers read; the Front and the village head read
and enter the comments they gathered; another commune's officer sees nothing (404).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.consultations.models import Comment, CommentGroup, Consultation
from danvan.consultations.tests.conftest import PDF, Scene
from danvan.core.models import Attachment, Unit, User
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
    user_of,
)

# fmt: off
GET_MATRIX: Matrix = table({
    #                                             anon chair offA  roA offB front vill prov outs admin
    "consultations:index":                        (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "consultations:index[other commune]":         (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "consultations:create":                       (302, 200, 200, 403, 200, 403, 403, 403, 200, 200),
    "consultations:detail":                       (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "consultations:detail[other commune]":        (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "consultations:edit":                         (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "consultations:points":                       (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "consultations:split":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "consultations:attach":                       (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "consultations:open":                         (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "consultations:close":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "consultations:publish":                      (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "consultations:comments":                     (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "consultations:comment_add":                  (302, 200, 200, 403, 403, 200, 200, 403, 404, 200),
    "consultations:comment_hide":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "consultations:comment_show":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "consultations:comment_answer":               (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "consultations:comment_group":                (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "consultations:group_create":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "consultations:group_answer":                 (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # Names of citizens are in the list of comments: for those who manage the consultation.
    "consultations:comments_xlsx":                (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "consultations:synthesis_docx":               (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    # The citizen's side: no account; a draft not yet put out is not public.
    "portal:consultation_list":                   (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:consultation":                        (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:consultation[draft]":                 (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:consultation_thanks":                 (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:consultation_file":                   (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
})

POST_MATRIX: Matrix = table({
    #                                             anon chair offA  roA offB front vill prov outs admin
    "consultations:create":                       (302, 302, 302, 403, 302, 403, 403, 403, 302, 302),
    "consultations:edit":                         (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:points":                       (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:split":                        (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:attach":                       (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:open":                         (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:close":                        (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:publish":                      (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:comment_add":                  (302, 302, 302, 403, 403, 302, 302, 403, 404, 302),
    "consultations:comment_hide":                 (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:comment_show":                 (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:comment_answer":               (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:comment_group":                (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:group_create":                 (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "consultations:group_answer":                 (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


def _on(which: str, name: str, *extra: Callable[[Scene], int]) -> Callable[[Scene], str]:
    return lambda s: reverse(name, args=[getattr(s, which).pk, *(f(s) for f in extra)])


URLS: dict[str, Callable[[Scene], str]] = {
    "consultations:index": lambda s: reverse("consultations:index"),
    "consultations:index[other commune]": lambda s: (
        reverse("consultations:index") + f"?xa={s.world.other_commune.pk}"
    ),
    "consultations:create": lambda s: reverse("consultations:create"),
    "consultations:detail": _on("open", "consultations:detail"),
    "consultations:detail[other commune]": _on("other", "consultations:detail"),
    "consultations:edit": _on("draft", "consultations:edit"),
    "consultations:points": _on("draft", "consultations:points"),
    "consultations:split": _on("draft", "consultations:split"),
    "consultations:attach": _on("open", "consultations:attach"),
    "consultations:open": _on("draft", "consultations:open"),
    "consultations:close": _on("open", "consultations:close"),
    "consultations:publish": _on("closed", "consultations:publish"),
    "consultations:comments": _on("open", "consultations:comments"),
    "consultations:comment_add": _on("open", "consultations:comment_add"),
    "consultations:comment_hide": _on("open", "consultations:comment_hide", lambda s: s.comment.pk),
    "consultations:comment_show": _on("open", "consultations:comment_show", lambda s: s.hidden.pk),
    "consultations:comment_answer": _on(
        "open", "consultations:comment_answer", lambda s: s.comment.pk
    ),
    "consultations:comment_group": _on(
        "open", "consultations:comment_group", lambda s: s.comment.pk
    ),
    "consultations:group_create": _on("open", "consultations:group_create"),
    "consultations:group_answer": _on("open", "consultations:group_answer", lambda s: s.group_id),
    "consultations:comments_xlsx": _on("open", "consultations:comments_xlsx"),
    "consultations:synthesis_docx": _on("closed", "consultations:synthesis_docx"),
    "portal:consultation_list": lambda s: reverse("portal:consultation_list"),
    "portal:consultation": _on("open", "portal:consultation"),
    "portal:consultation[draft]": _on("draft", "portal:consultation"),
    "portal:consultation_thanks": _on("open", "portal:consultation_thanks"),
    "portal:consultation_file": _on("open", "portal:consultation_file", lambda s: s.attachment_id),
}


def _lead(s: Scene, persona: str) -> Unit:
    w = s.world
    return {"officer_b": w.office_b, "outsider": w.other_office}.get(persona, w.office_a)


def _form(s: Scene, persona: str, title: str = "Dự thảo quy chế mới") -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "title": title,
        "matter_other": "Quy chế quản lý chợ",
        "lead_unit": _lead(s, persona).pk,
        "whole_commune": "1",
        "opens_on": today.isoformat(),
        # Điều 28(2): at least 20 days from publication (a one-day period was accepted before).
        "closes_on": (today + timedelta(days=20)).isoformat(),
        "channels": ["portal", "meeting"],
    }


def _status(which: str) -> Callable[[Scene, Client], object]:
    return lambda s, c: Consultation.objects.get(pk=getattr(s, which).pk).status


def _comment(field: str, which: str = "comment") -> Callable[[Scene, Client], object]:
    return lambda s, c: getattr(Comment.objects.get(pk=getattr(s, which).pk), field)


POST_ACTIONS: dict[str, PostAction] = {
    "consultations:create": PostAction(
        data=lambda s, p: _form(s, p), state=lambda s, c: Consultation.objects.count()
    ),
    "consultations:edit": PostAction(
        data=lambda s, p: _form(s, "chairman", "Tên dự thảo đã sửa"),
        state=lambda s, c: Consultation.objects.get(pk=s.draft.pk).title,
    ),
    "consultations:points": PostAction(
        data=lambda s, p: {
            "dieu-TOTAL_FORMS": "1",
            "dieu-INITIAL_FORMS": "0",
            "dieu-0-heading": "Điều 1. Phạm vi",
            "dieu-0-text": "Nội dung mới.",
        },
        state=lambda s, c: list(s.draft.points.values_list("heading", flat=True)),
    ),
    "consultations:split": PostAction(
        data=lambda s, p: {"draft": "Điều 1. Một\nA\nĐiều 2. Hai\nB\nĐiều 3. Ba\nC"},
        state=lambda s, c: s.draft.points.count(),
    ),
    "consultations:attach": PostAction(
        data=lambda s, p: {"file": SimpleUploadedFile("toan-van.pdf", PDF, "application/pdf")},
        state=lambda s, c: Attachment.objects.count(),
    ),
    "consultations:open": PostAction(data=lambda s, p: {}, state=_status("draft")),
    "consultations:close": PostAction(
        data=lambda s, p: {"reason": "Đã đủ ý kiến các thôn"}, state=_status("open")
    ),
    "consultations:publish": PostAction(
        data=lambda s, p: {"synthesis": "Dự thảo được Nhân dân đồng tình."},
        state=_status("closed"),
    ),
    "consultations:comment_add": PostAction(
        data=lambda s, p: {
            "point": "chung",
            "text": "Đề nghị làm rõ nguồn vốn.",
            "channel": "meeting",
            "source": "Hội nghị thôn Đoàn Kết",
            "village": s.world.village.pk,
            "people": "12",
            "received_on": timezone.localdate().isoformat(),
        },
        state=lambda s, c: Comment.objects.count(),
    ),
    "consultations:comment_hide": PostAction(
        data=lambda s, p: {"reason": "Xúc phạm"}, state=_comment("hidden")
    ),
    "consultations:comment_show": PostAction(
        data=lambda s, p: {}, state=_comment("hidden", "hidden")
    ),
    "consultations:comment_answer": PostAction(
        data=lambda s, p: {"decision": "accepted", "explanation": ""}, state=_comment("decision")
    ),
    "consultations:comment_group": PostAction(
        data=lambda s, p: {"group": s.group_id}, state=_comment("group_id")
    ),
    "consultations:group_create": PostAction(
        data=lambda s, p: {"title": "Thu nhập", "comments": [s.comment.pk]},
        state=lambda s, c: CommentGroup.objects.count(),
    ),
    "consultations:group_answer": PostAction(
        data=lambda s, p: {"decision": "rejected", "explanation": "Chưa có nguồn vốn."},
        state=lambda s, c: CommentGroup.objects.get(pk=s.group_id).decision,
    ),
}

OFFICE_FILES = {"consultations:comments_xlsx", "consultations:synthesis_docx"}


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)
    cells = {
        (f"{method} {case}", persona)
        for method, t in (("GET", GET_MATRIX), ("POST", POST_MATRIX))
        for case, row in t.items()
        for persona in row
    }
    assert set(KNOWN_BUGS) <= cells


def _client(s: Scene, persona: str) -> Client:
    return client_of(s.world, persona)


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    check = office_file if url_name(case) in OFFICE_FILES else None
    expect_get(GET_MATRIX, case, personas, URLS[case](scene), lambda p: _client(scene, p), check)


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    url = URLS[case](scene)
    expect_post(
        POST_MATRIX, case, personas, url, scene, lambda p: _client(scene, p), POST_ACTIONS[case]
    )


def test_it_records_who_entered_a_comment_for_which_unit(scene: Scene) -> None:
    """A village head's comment is for their village; the Front's for the Front."""
    for persona, unit in (("village_head", scene.world.village), ("front", scene.world.front_unit)):
        _client(scene, persona).post(
            URLS["consultations:comment_add"](scene),
            POST_ACTIONS["consultations:comment_add"].data(scene, persona),
        )
        latest = Comment.objects.order_by("-pk").first()
        user = user_of(scene.world, persona)
        assert latest is not None and isinstance(user, User)
        assert (latest.entered_by, latest.entered_unit) == (user, unit)


def test_it_keeps_a_village_head_to_their_own_village(scene: Scene) -> None:
    other = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Tân Tiến", parent=scene.world.commune
    )
    data = POST_ACTIONS["consultations:comment_add"].data(scene, "village_head") | {
        "village": other.pk
    }
    before = Comment.objects.count()
    response = _client(scene, "village_head").post(URLS["consultations:comment_add"](scene), data)
    assert response.status_code == 400 and Comment.objects.count() == before
