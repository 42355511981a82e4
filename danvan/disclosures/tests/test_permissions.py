"""Every URL of the disclosure register and of its public pages, requested as every persona.

The tables are the specification (docs/permissions.md, "Công khai thông tin"); how they are
read is in danvan/testing/matrix.py. `d` is a disclosure of Hồng Phong kept by office A, on the
portal, with a public and an internal document, posted at the commune office and at the
village's cultural house; `other` belongs to the other commune.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.core.models import Attachment
from danvan.disclosures import services
from danvan.disclosures.models import Disclosure, Document, Posting
from danvan.disclosures.tests.helpers import PDF, category, channel, pdf
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
    #                                              anon chair offA  roA offB front vill prov outs admin
    "disclosures:index":                           (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "disclosures:index[?xa=other commune]":        (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "disclosures:create":                          (302, 200, 200, 403, 200, 403, 403, 403, 200, 200),
    "disclosures:create[?xa=other commune]":       (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "disclosures:detail":                          (302, 200, 200, 200, 200, 200, 200, 200, 404, 200),
    "disclosures:detail[other commune]":           (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "disclosures:edit":                            (302, 200, 200, 403, 403, 403, 403, 403, 404, 200),
    "disclosures:posting_add":                     (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "disclosures:posting_update":                  (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "disclosures:posting_update[village]":         (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "disclosures:document_add":                    (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "disclosures:review":                          (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "disclosures:withdraw":                        (302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "disclosures:report_xlsx":                     (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "disclosures:report_xlsx[?xa=other commune]":  (302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "disclosures:report_docx":                     (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:disclosures":                          (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:disclosure":                           (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:disclosure[not on the portal]":        (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "portal:disclosure_file":                      (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "portal:disclosure_file[internal document]":   (404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
})

POST_MATRIX: Matrix = table({
    #                                              anon chair offA  roA offB front vill prov outs admin
    "disclosures:create":                          (302, 302, 302, 403, 302, 403, 403, 403, 302, 302),
    "disclosures:edit":                            (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "disclosures:posting_add":                     (302, 302, 302, 403, 403, 403, 302, 403, 404, 302),
    "disclosures:posting_update":                  (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "disclosures:posting_update[village]":         (302, 302, 302, 403, 403, 403, 302, 403, 404, 302),
    "disclosures:document_add":                    (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "disclosures:review":                          (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
    "disclosures:withdraw":                        (302, 302, 302, 403, 403, 403, 403, 403, 404, 302),
})
# fmt: on

KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    d: Disclosure
    other: Disclosure
    hidden: Disclosure  # Hồng Phong, not on the portal
    public_doc: Document
    internal_doc: Document
    office_posting: Posting
    village_posting: Posting

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


@pytest.fixture
def scene(world: World, settings: Any, tmp_path: Path) -> Scene:
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    start = today - timedelta(days=8)

    def make(commune: Any, unit: Any, by: Any, title: str) -> Disclosure:
        return services.disclosure_create(
            commune=commune,
            by=by,
            category=category(2),
            title=title,
            content="Dự toán ngân sách xã.",
            decided_on=today - timedelta(days=10),
            responsible_unit=unit,
        )

    d = make(world.commune, world.office_a, world.officer_a, "Dự toán ngân sách xã")
    other = make(world.other_commune, world.other_office, world.outsider, "Dự toán xã khác")
    hidden = make(world.commune, world.office_a, world.officer_a, "Chưa đưa lên cổng")
    public_doc = services.document_add(
        disclosure=d, by=world.officer_a, title="Nghị quyết", file=pdf("nq.pdf"), public=True
    )
    internal_doc = services.document_add(
        disclosure=d, by=world.officer_a, title="Tờ trình", file=pdf("tt.pdf"), public=False
    )
    services.posting_add(
        disclosure=d, by=world.officer_a, channel=channel("cong-thong-tin"), start_on=start
    )
    office_posting = services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=start,
        proof=pdf(),
    )
    village_posting = services.posting_add(
        disclosure=d,
        by=world.village_head,
        channel=channel("nha-van-hoa-thon"),
        village=world.village,
        start_on=start,
    )
    services.posting_add(
        disclosure=other, by=world.outsider, channel=channel("cong-thong-tin"), start_on=start
    )
    return Scene(world, d, other, hidden, public_doc, internal_doc, office_posting, village_posting)


def _other(s: Scene) -> str:
    return f"?xa={s.world.other_commune.pk}"


URLS: dict[str, Callable[[Scene], str]] = {
    "disclosures:index": lambda s: reverse("disclosures:index"),
    "disclosures:index[?xa=other commune]": lambda s: reverse("disclosures:index") + _other(s),
    "disclosures:create": lambda s: reverse("disclosures:create"),
    "disclosures:create[?xa=other commune]": lambda s: reverse("disclosures:create") + _other(s),
    "disclosures:detail": lambda s: reverse("disclosures:detail", args=[s.d.pk]),
    "disclosures:detail[other commune]": lambda s: reverse("disclosures:detail", args=[s.other.pk]),
    "disclosures:edit": lambda s: reverse("disclosures:edit", args=[s.d.pk]),
    "disclosures:posting_add": lambda s: reverse("disclosures:posting_add", args=[s.d.pk]),
    "disclosures:posting_update": lambda s: reverse(
        "disclosures:posting_update", args=[s.d.pk, s.office_posting.pk]
    ),
    "disclosures:document_add": lambda s: reverse("disclosures:document_add", args=[s.d.pk]),
    "disclosures:review": lambda s: reverse("disclosures:review", args=[s.d.pk]),
    "disclosures:withdraw": lambda s: reverse("disclosures:withdraw", args=[s.d.pk]),
    "disclosures:report_xlsx": lambda s: reverse("disclosures:report_xlsx"),
    "disclosures:report_xlsx[?xa=other commune]": lambda s: (
        reverse("disclosures:report_xlsx") + _other(s)
    ),
    "disclosures:report_docx": lambda s: reverse("disclosures:report_docx"),
    "portal:disclosures": lambda s: reverse("portal:disclosures"),
    "portal:disclosure": lambda s: reverse("portal:disclosure", args=[s.d.pk]),
    "portal:disclosure[not on the portal]": lambda s: reverse(
        "portal:disclosure", args=[s.hidden.pk]
    ),
    "portal:disclosure_file": lambda s: reverse(
        "portal:disclosure_file", args=[s.d.pk, s.public_doc.pk]
    ),
    "portal:disclosure_file[internal document]": lambda s: reverse(
        "portal:disclosure_file", args=[s.d.pk, s.internal_doc.pk]
    ),
    "disclosures:posting_update[village]": lambda s: reverse(
        "disclosures:posting_update", args=[s.d.pk, s.village_posting.pk]
    ),
}


def _today() -> str:
    return timezone.localdate().isoformat()


def _unit_of(s: Scene, persona: str) -> int:
    w = s.world
    return {"officer_b": w.office_b, "outsider": w.other_office}.get(persona, w.office_a).pk


def _count_attachments() -> int:
    return Attachment.objects.count()


POST_ACTIONS: dict[str, PostAction] = {
    "disclosures:create": PostAction(
        data=lambda s, p: {
            "category": category(7).pk,
            "title": "Kế hoạch thu quỹ",
            "content": "Mức đóng góp.",
            "decided_on": _today(),
            "responsible_unit": _unit_of(s, p),
        },
        state=lambda s, c: Disclosure.objects.count(),
    ),
    "disclosures:edit": PostAction(
        data=lambda s, p: {
            "category": category(2).pk,
            "title": "Tiêu đề đã sửa",
            "content": "Dự toán ngân sách xã.",
            "decided_on": s.d.decided_on.isoformat(),
            "responsible_unit": s.world.office_a.pk,
        },
        state=lambda s, c: Disclosure.objects.get(pk=s.d.pk).title,
    ),
    "disclosures:posting_add": PostAction(
        data=lambda s, p: {
            "cv-channel": channel("hop-thon").pk,
            "cv-village": s.world.village.pk,
            "cv-start_on": _today(),
            "cv-proof": SimpleUploadedFile("bien-ban-hop.pdf", PDF, "application/pdf"),
        },
        state=lambda s, c: Posting.objects.count(),
    ),
    "disclosures:posting_update": PostAction(
        data=lambda s, p: {f"p{s.office_posting.pk}-end_on": _today()},
        state=lambda s, c: Posting.objects.get(pk=s.office_posting.pk).end_on,
    ),
    "disclosures:posting_update[village]": PostAction(
        data=lambda s, p: {
            f"p{s.village_posting.pk}-proof": SimpleUploadedFile("anh.pdf", PDF, "application/pdf")
        },
        state=lambda s, c: len(Posting.objects.get(pk=s.village_posting.pk).proofs()),
    ),
    "disclosures:document_add": PostAction(
        data=lambda s, p: {
            "tl-title": "Biểu số liệu",
            "tl-file": SimpleUploadedFile("bieu.pdf", PDF, "application/pdf"),
            "tl-public": "on",
        },
        state=lambda s, c: Document.objects.count(),
    ),
    "disclosures:review": PostAction(
        data=lambda s, p: {"rs-on": _today()},
        state=lambda s, c: Disclosure.objects.get(pk=s.d.pk).reviewed_on,
    ),
    "disclosures:withdraw": PostAction(
        data=lambda s, p: {"gb-on": _today(), "gb-reason": "Văn bản bị thay thế"},
        state=lambda s, c: Disclosure.objects.get(pk=s.d.pk).withdrawn_on,
    ),
}


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)


OFFICE_FILES = {"disclosures:report_xlsx", "disclosures:report_docx"}


def _body(case: str) -> Callable[[Any], str | None] | None:
    if url_name(case) == "portal:disclosure_file":
        return lambda r: None if b"".join(r.streaming_content) == PDF else "got another file"
    return office_file if url_name(case) in OFFICE_FILES else None


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_get(
        GET_MATRIX, case, personas, URLS[case](scene), lambda p: scene.client(p), _body(case)
    )


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    url = URLS[case](scene)
    expect_post(
        POST_MATRIX, case, personas, url, scene, lambda p: scene.client(p), POST_ACTIONS[case]
    )


def test_it_lets_a_village_head_post_only_at_their_own_village(scene: Scene) -> None:
    from danvan.core.models import Unit

    elsewhere = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Hòa Bình", parent=scene.world.commune
    )
    response = scene.client("village_head").post(
        URLS["disclosures:posting_add"](scene),
        {"cv-channel": channel("hop-thon").pk, "cv-village": elsewhere.pk, "cv-start_on": _today()},
    )
    assert response.status_code == 400
    assert "Chọn một thôn trong danh sách" in response.content.decode()
    response = scene.client("village_head").post(
        URLS["disclosures:posting_add"](scene),
        {"cv-channel": channel("tru-so-ubnd").pk, "cv-start_on": _today()},
    )
    assert response.status_code == 400
    assert Posting.objects.filter(disclosure=scene.d).count() == 3


def test_it_shows_no_proof_and_no_officer_on_the_public_page(scene: Scene) -> None:
    body = Client().get(URLS["portal:disclosure"](scene)).content.decode()
    assert "Nghị quyết" in body and "Tờ trình" not in body
    for private in ("anh-niem-yet.pdf", scene.world.officer_a.full_name, "/can-bo/"):
        assert private not in body, private
