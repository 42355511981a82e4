"""The portal's home page: one commune's install shows that commune; a province's lets the
citizen choose, and then shows that commune's items only."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import Unit
from danvan.plans import services
from danvan.plans.models import Plan

pytestmark = pytest.mark.django_db


def issued(commune: Unit, by: object, title: str) -> Plan:
    plan = services.plan_create(
        commune=commune, by=by, issuing_unit=commune, title=title, year=2026
    )
    services.task_create(
        plan=plan, by=by, title="Tiếp công dân", lead_unit=commune, due_date=date(2026, 12, 1)
    )
    return services.plan_set_status(plan=plan, status=Plan.Status.ISSUED, by=by)


def home(**query: str) -> str:
    return Client().get(reverse("portal:home"), query).content.decode()


def test_it_lets_a_citizen_of_a_province_choose_the_commune(world: World) -> None:
    issued(world.commune, world.chairman, "Kế hoạch của Hồng Phong")
    issued(world.other_commune, world.outsider, "Kế hoạch của xã khác")
    everything = home()
    assert 'name="xa"' in everything
    assert "Kế hoạch của Hồng Phong" in everything and "Kế hoạch của xã khác" in everything
    ours = home(xa=str(world.commune.pk))
    assert "Kế hoạch của Hồng Phong" in ours and "Kế hoạch của xã khác" not in ours
    assert f"Ủy ban nhân dân {world.commune.name}" in ours
    assert f"{reverse('portal:petition_new')}?xa={world.commune.pk}" in ours


def test_it_shows_the_one_commune_of_a_commune_install_without_a_choice(world: World) -> None:
    issued(world.commune, world.chairman, "Kế hoạch của Hồng Phong")
    Unit.objects.filter(pk=world.other_commune.pk).update(is_active=False)
    page = home()
    assert 'name="xa"' not in page
    assert f"Ủy ban nhân dân {world.commune.name}" in page


def test_it_ignores_an_unknown_commune(world: World) -> None:
    for junk in ("999999", "abc", "1' OR '1'='1", "\x00"):
        assert Client().get(reverse("portal:home"), {"xa": junk}).status_code == 200


def test_it_shows_a_plan_issued_after_the_page_was_kept(world: World) -> None:
    ours = {"xa": str(world.commune.pk)}
    for query in ({}, ours):
        assert "Kế hoạch mới ban hành" not in home(**query)
    issued(world.commune, world.chairman, "Kế hoạch mới ban hành")
    for query in ({}, ours):
        assert "Kế hoạch mới ban hành" in home(**query)
    assert "Kế hoạch mới ban hành" not in home(xa=str(world.other_commune.pk))


def test_it_keeps_the_sections_between_visits(world: World) -> None:
    issued(world.commune, world.chairman, "Kế hoạch của Hồng Phong")
    client = Client()
    assert "Kế hoạch của Hồng Phong" in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "Kế hoạch của Hồng Phong" in client.get("/").content.decode()
    assert len(queries) <= 2, [q["sql"] for q in queries]  # the newest audit entry, the places


def test_it_shows_what_the_commune_promised_and_what_voters_asked_once_public(
    world: World,
) -> None:
    from danvan.promises import services as promises
    from danvan.promises.models import Source
    from danvan.voters import services as voters
    from danvan.voters.models import VoterMeeting

    def promise(title: str, **over: object) -> None:
        promises.promise_create(
            commune=world.commune, source=Source.DIALOGUE, source_label="Đối thoại 2026",
            title=title, owner_unit=world.office_a, made_on=date(2026, 3, 12),
            due_on=date(2026, 6, 30), by=world.chairman, **over,  # type: ignore[arg-type]
        )  # fmt: skip

    promise("Sửa cầu tràn thôn Đoàn Kết")
    promise("Lời hứa chưa công khai", public=False, internal_reason="Đang xác minh")
    meeting = voters.meeting_create(
        commune=world.commune, by=world.front, kind=VoterMeeting.Kind.BEFORE,
        held_on=date(2026, 3, 1), place="Nhà văn hóa", chaired_by=world.front_unit,
        delegates="Nông Văn Bình", voters_count=80,
    )  # fmt: skip
    voters.recommendation_create(
        meeting=meeting, by=world.front, content="Nạo vét mương Khuổi Cải", field="infrastructure"
    )
    page = home(xa=str(world.commune.pk))
    assert "Sửa cầu tràn thôn Đoàn Kết" in page and "Lời hứa chưa công khai" not in page
    assert "Nạo vét mương Khuổi Cải" not in page  # not published yet
    voters.meeting_publish(meeting=meeting, by=world.chairman)
    assert "Nạo vét mương Khuổi Cải" in home(xa=str(world.commune.pk))
    assert "Sửa cầu tràn" not in home(xa=str(world.other_commune.pk))
