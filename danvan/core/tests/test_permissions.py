"""Core's own pages, requested as every persona: the audit log's export for an inspector, and
each person's notification settings (the signed-in person's own, whoever asks).

(Core's older pages — home, notifications, the law, attachments — keep their rows in
plans/tests/test_permission_matrix.py, the first table.) How the tables are read is in
danvan/testing/matrix.py. The export belongs to the commune's leaders and administrators
(docs/permissions.md, "Nhật ký thay đổi"), for their own commune only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.core.audit import log_action
from danvan.core.audit_export import audit_period_job
from danvan.core.models import Job, NotificationPreference
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
)

# fmt: off
GET_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "core:audit_export":                       (302, 200, 403, 403, 403, 403, 403, 403, 403, 200),
    "core:audit_export[?xa=other commune]":    (302, 404, 404, 404, 404, 404, 404, 404, 403, 404),
    "core:audit_export[a period]":             (302, 200, 403, 403, 403, 403, 403, 403, 403, 200),
    "core:audit_export[a period, bad dates]":  (302, 400, 403, 403, 403, 403, 403, 403, 403, 400),
    # Each person's own notification settings: nobody else's can be named.
    "core:notification_settings":              (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Background jobs: each person's own list; a job (the chairman's export of the audit log, a
    # shared kind) to whoever may export the commune's log, 404 to the rest.
    "core:jobs":                               (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "core:job":                                (302, 200, 404, 404, 404, 404, 404, 404, 404, 200),
    "core:job_status":                         (302, 200, 404, 404, 404, 404, 404, 404, 404, 200),
})

POST_MATRIX: Matrix = table({
    #                                          anon chair offA  roA offB front vill prov outs admin
    "core:notification_settings":              (302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
})
# fmt: on
KNOWN_BUGS: dict[tuple[str, str], str] = {}


@dataclass
class Scene:
    world: World
    job: Job | None = None

    def client(self, persona: str) -> Client:
        return client_of(self.world, persona)


@pytest.fixture
def scene(world: World) -> Scene:
    log_action(world.commune, "core.test", by=world.chairman, changes={"n": 1})
    log_action(world.other_commune, "core.test", by=world.outsider, changes={"n": 2})
    scene = Scene(world)
    # Done already: a waiting job's page would start the web process's runner.
    scene.job = Job.objects.create(
        kind=audit_period_job.path,
        label="Nhật ký thay đổi",
        owner=world.chairman,
        commune=world.commune,
        params={"start": "2026-01-01", "end": "2026-01-31"},
        status=Job.Status.DONE,
    )
    return scene


def _period(s: Scene) -> str:
    today = timezone.localdate().isoformat()
    return f"{reverse('core:audit_export')}?tu={today}&den={today}"


URLS: dict[str, Callable[[Scene], str]] = {
    "core:audit_export": lambda s: reverse("core:audit_export"),
    "core:audit_export[?xa=other commune]": lambda s: (
        f"{reverse('core:audit_export')}?xa={s.world.other_commune.pk}"
    ),
    "core:audit_export[a period]": _period,
    "core:audit_export[a period, bad dates]": lambda s: (
        f"{reverse('core:audit_export')}?tu=2026-13-01&den=hom-qua"
    ),
    "core:notification_settings": lambda s: reverse("core:notification_settings"),
    "core:jobs": lambda s: reverse("core:jobs"),
    "core:job": lambda s: reverse("core:job", args=[s.job.pk] if s.job else None),
    "core:job_status": lambda s: reverse("core:job_status", args=[s.job.pk] if s.job else None),
}

POST_ACTIONS: dict[str, PostAction] = {
    # Each persona chooses the digest; the state is every person's choice, so a request that
    # changed another's row, or anything for the anonymous, would show.
    "core:notification_settings": PostAction(
        data=lambda s, p: {"email": "hang-ngay"},
        state=lambda s, c: sorted(NotificationPreference.objects.values_list("user_id", "email")),
    ),
}


def test_it_knows_how_to_build_every_row() -> None:
    check_tables(GET_MATRIX, POST_MATRIX, URLS, POST_ACTIONS)


def _body(case: str) -> Callable[[Any], str | None] | None:
    return office_file if case == "core:audit_export[a period]" else None


@pytest.mark.parametrize(("case", "personas"), rows(GET_MATRIX, "GET", KNOWN_BUGS))
def test_it_answers_get_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    expect_get(GET_MATRIX, case, personas, URLS[case](scene), scene.client, _body(case))


@pytest.mark.parametrize(("case", "personas"), rows(POST_MATRIX, "POST", KNOWN_BUGS))
def test_it_answers_post_as_the_table_says(
    scene: Scene, case: str, personas: tuple[str, ...]
) -> None:
    url = URLS[case](scene)
    expect_post(POST_MATRIX, case, personas, url, scene, scene.client, POST_ACTIONS[case])
