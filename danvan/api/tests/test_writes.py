"""What a key's writes do: the same import and intake as the pages, logged under the key."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.api.tests.calls import post_petition, post_plan
from danvan.api.tests.records import DENOUNCER, SECRETS
from danvan.conftest import World
from danvan.core import apikeys
from danvan.core.models import AuditEntry
from danvan.petitions.models import IdentityVault, Petition, PetitionKind
from danvan.plans.models import Plan


@pytest.fixture
def key(world: World) -> str:
    return apikeys.issue(name="Một cửa tỉnh", unit=world.commune, can_write=True, by=None)[1]


def test_a_plan_pushed_is_a_draft_of_the_commune_with_its_tasks(world: World, key: str) -> None:
    r = post_plan(key, world.commune.code)
    assert r.status_code == 201, r.content
    out = r.json()
    plan = Plan.objects.get(pk=out["plan_id"])
    assert plan.commune == world.commune and plan.status == Plan.Status.DRAFT
    assert out["tasks"] == plan.tasks.count() > 0
    actions = set(
        AuditEntry.objects.filter(object_id=str(plan.pk)).values_list("action", flat=True)
    )
    assert "api.plan_imported" in actions
    entry = AuditEntry.objects.get(object_id=str(plan.pk), action="api.plan_imported")
    assert entry.changes["api_system"] == "Một cửa tỉnh" and entry.commune_id == world.commune.pk


def test_a_plan_issued_at_once_takes_the_texts_number_and_day(world: World, key: str) -> None:
    r = post_plan(key, world.commune.code, issue="true")
    assert r.status_code == 201, r.content
    plan = Plan.objects.get(pk=r.json()["plan_id"])
    assert plan.status == Plan.Status.ISSUED and plan.number == "12"
    assert str(plan.issued_on) == "2026-03-10"


def test_a_file_that_is_no_plan_is_refused_in_vietnamese(world: World, key: str) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    r = Client().post(
        "/api/plans/import",
        {"commune": world.commune.code, "file": SimpleUploadedFile("x.txt", b"\xff\xfe\x00abc")},
        HTTP_X_API_KEY=key,
    )
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "invalid" and "file" in error["fields"]
    assert Plan.objects.count() == 0


def test_a_forwarded_petition_is_booked_with_the_intakes_checks(world: World, key: str) -> None:
    r = post_petition(key, world.commune.code)
    assert r.status_code == 201, r.content
    p = Petition.objects.get(pk=r.json()["id"])
    assert p.channel == Petition.Channel.FORWARDED and p.commune == world.commune
    assert p.petitioner_name == "Trần Thị Bình"
    assert r.json()["code"] == p.code and "tracking_code" not in r.json()
    entry = AuditEntry.objects.get(object_id=str(p.pk), action="api.petition_forwarded")
    assert entry.changes["forwarded_by"] == "Thanh tra tỉnh Lạng Sơn"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "khong-co"}, "kind"),
        ({"subject": ""}, "subject"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"signatories": 0}, "signatories"),
        ({"kind": "reflection", "second_complaint": True}, "second_complaint"),
        ({"village": 999999}, "village"),
    ],
)
def test_a_forwarded_petition_the_intake_would_refuse_is_refused(
    world: World, key: str, change: dict[str, Any], field: str
) -> None:
    r = post_petition(key, world.commune.code, **change)
    assert r.status_code == 422, r.content
    assert field in r.json()["error"]["fields"]
    assert not Petition.objects.exists()


def test_a_forwarded_denunciation_seals_the_denouncer(world: World, key: str) -> None:
    r = post_petition(
        key,
        world.commune.code,
        kind=PetitionKind.DENUNCIATION,
        subject="Tố cáo cán bộ địa chính",
        content="Tôi là Nguyễn Văn Tốcáo, số 0912345678, tố cáo việc thu tiền.",
        petitioner=DENOUNCER,
    )
    assert r.status_code == 201, r.content
    p = Petition.objects.get(pk=r.json()["id"])
    assert p.petitioner_name == "" and IdentityVault.objects.filter(petition=p).exists()
    assert "Tốcáo" not in p.content and "0912345678" not in p.content
    for secret in SECRETS:
        assert secret not in r.content.decode()
    entries = AuditEntry.objects.filter(object_id=str(p.pk)).values_list("changes", flat=True)
    assert not any("Tốcáo" in str(c) for c in entries)


def test_a_system_posts_without_a_csrf_token(world: World, key: str) -> None:
    """A key is no session: Django's CSRF check (made for browsers' cookies) does not apply."""
    from django.test import Client

    r = Client(enforce_csrf_checks=True).post(
        "/api/petitions",
        data={"commune": world.commune.code},
        content_type="application/json",
        HTTP_X_API_KEY=key,
    )
    assert r.status_code == 422  # read by the API (missing fields), not refused as a forgery
