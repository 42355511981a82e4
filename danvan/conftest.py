"""Personas shared by every test: one commune with two offices, and a second commune.

chairman (leader of Hồng Phong), officer_a / readonly_a (Phòng VH-XH), officer_b (Văn phòng),
front (UBMTTQ), village_head, province (province viewer), outsider (officer of another commune),
admin (Hồng Phong's administrator: role ADMIN, is_staff, not a superuser), operator (the
platform's operator: a superuser without any membership, who reads no commune's records), and the
anonymous citizen (Django's test client without login).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Any

import pytest
from django.apps import apps
from django.core import serializers
from django.test import Client
from hypothesis import settings as hypothesis_settings

from danvan.core.calendar import forget_calendar
from danvan.core.deadlines import forget_rules
from danvan.core.models import Membership, Role, Unit, User
from danvan.plans import services
from danvan.plans.models import Plan, Recurrence, Task

PASSWORD = "test-pass-123"

# Property tests check what the code does, not how fast: speed is measured by benchmarks/, and a
# per-example deadline only fails on a busy machine.
hypothesis_settings.register_profile("danvan", deadline=None)
hypothesis_settings.load_profile("danvan")


@dataclass
class World:
    province: Unit
    commune: Unit
    office_a: Unit
    office_b: Unit
    front_unit: Unit
    village: Unit
    other_commune: Unit
    other_office: Unit
    chairman: User
    officer_a: User
    readonly_a: User
    officer_b: User
    front: User
    village_head: User
    province_viewer: User
    outsider: User
    admin: User
    operator: User

    def client(self, user: User | None) -> Client:
        c = Client()
        if user is not None:
            c.force_login(user)
        return c


def _user(username: str, unit: Unit, role: Role, **extra: object) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.org", PASSWORD, full_name=username.title(), **extra
    )
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


_migrated_rows: str | None = None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Keep a copy of what the migrations loaded (legal rules, categories, channels…)."""
    global _migrated_rows

    with django_db_blocker.unblock():
        ours = [
            model
            for config in apps.get_app_configs()
            if config.name.startswith("danvan.")
            for model in config.get_models()
        ]
        rows = chain.from_iterable(m._base_manager.order_by("pk") for m in ours)
        _migrated_rows = serializers.serialize("json", rows)


@pytest.fixture
def migrated_rows(transactional_db: None) -> None:
    """A transactional test runs on a database flushed after each test (browser tests): put back
    what the migrations loaded. (Django's serialized rollback would, but its copy lives on a
    connection object that a test running Playwright's event loop no longer sees, and it
    restores content types that the flush has already recreated.)"""
    from django.db import connection

    assert _migrated_rows is not None
    connection.creation.deserialize_db_from_string(_migrated_rows)


@pytest.fixture(autouse=True)
def _fresh_tables() -> None:
    # Each test starts from the calendar and rules of its own database, not a cached copy, and
    # from no kept page (a test database reuses ids, and with them core.cache.kept's keys).
    from django.core.cache import cache

    forget_calendar()
    forget_rules()
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings) -> None:  # type: ignore[no-untyped-def]
    # PBKDF2's deliberate slowness costs seconds per test and protects nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None) -> World:
    province = Unit.objects.create(kind=Unit.Kind.PROVINCE, name="Tỉnh Lạng Sơn", code="20")
    commune = Unit.objects.create(
        kind=Unit.Kind.COMMUNE, name="Xã Hồng Phong", code="06079", parent=province
    )
    office_a = Unit.objects.create(
        kind=Unit.Kind.OFFICE,
        name="Phòng Văn hóa - Xã hội",
        short_name="Phòng VH-XH",
        parent=commune,
    )
    office_b = Unit.objects.create(
        kind=Unit.Kind.OFFICE,
        name="Văn phòng HĐND và UBND xã",
        short_name="VP",
        parent=commune,
        receives_petitions=True,
    )
    front_unit = Unit.objects.create(kind=Unit.Kind.FRONT, name="Ủy ban MTTQ xã", parent=commune)
    village = Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Đoàn Kết", parent=commune)
    other = Unit.objects.create(
        kind=Unit.Kind.COMMUNE, name="Xã Hồng Phong (Ninh Bình)", code="13927"
    )
    other_office = Unit.objects.create(kind=Unit.Kind.OFFICE, name="Văn phòng", parent=other)
    return World(
        province=province,
        commune=commune,
        office_a=office_a,
        office_b=office_b,
        front_unit=front_unit,
        village=village,
        other_commune=other,
        other_office=other_office,
        chairman=_user("chairman", commune, Role.LEADER),
        officer_a=_user("officer_a", office_a, Role.OFFICER),
        readonly_a=_user("readonly_a", office_a, Role.READONLY),
        officer_b=_user("officer_b", office_b, Role.OFFICER),
        front=_user("front", front_unit, Role.FRONT),
        village_head=_user("village_head", village, Role.VILLAGE_HEAD),
        province_viewer=_user("province", province, Role.PROVINCE_VIEWER),
        outsider=_user("outsider", other_office, Role.OFFICER),
        admin=_user("admin", commune, Role.ADMIN, is_staff=True),
        operator=User.objects.create_superuser(
            "operator", "operator@example.org", PASSWORD, full_name="Operator"
        ),
    )


@pytest.fixture
def plan(world: World) -> Plan:
    """Plan 12/KH-UBND of 10/04/2026, issued (its tasks count), followed by office A."""
    return services.plan_create(
        commune=world.commune,
        by=world.chairman,
        issuing_unit=world.commune,
        lead_unit=world.office_a,
        title="Kế hoạch thực hiện công tác dân vận chính quyền năm 2026",
        number="12",
        symbol="KH-UBND",
        issued_on=date(2026, 4, 10),
        place="Hồng Phong",
        year=2026,
        status=Plan.Status.ISSUED,
    )


@pytest.fixture
def draft_plan(world: World) -> Plan:
    """A draft plan of Hồng Phong followed by office A, holding one duty: it counts nowhere."""
    draft = services.plan_create(
        commune=world.commune,
        by=world.chairman,
        issuing_unit=world.commune,
        lead_unit=world.office_a,
        title="Kế hoạch tuyên truyền dân chủ ở cơ sở năm 2026 (dự thảo)",
        place="Hồng Phong",
        year=2026,
    )
    services.task_create(
        plan=draft,
        by=world.chairman,
        title="Tuyên truyền Luật Thực hiện dân chủ ở cơ sở trên loa truyền thanh",
        lead_unit=world.office_a,
        coordinating_units=[world.office_b],
        recurrence=Recurrence.ONCE,
        start_date=date(2026, 1, 5),
        due_date=date(2026, 2, 27),
    )
    return draft


@pytest.fixture
def task(world: World, plan: Plan) -> Task:
    """A one-off duty led by office A with office B coordinating, due Friday 30/10/2026."""
    return services.task_create(
        plan=plan,
        by=world.chairman,
        title="Tổ chức đối thoại giữa Chủ tịch UBND xã với Nhân dân",
        lead_unit=world.office_a,
        coordinating_units=[world.office_b, world.front_unit],
        recurrence=Recurrence.ONCE,
        due_date=date(2026, 10, 30),
    )


@pytest.fixture
def other_task(world: World) -> Task:
    other_plan = services.plan_create(
        commune=world.other_commune,
        by=world.outsider,
        issuing_unit=world.other_commune,
        title="Kế hoạch của xã khác",
        year=2026,
    )
    return services.task_create(
        plan=other_plan,
        by=world.outsider,
        title="Nhiệm vụ của xã khác",
        lead_unit=world.other_office,
        due_date=date(2026, 12, 1),
    )


# Browser fixtures (Debian's Chromium through Playwright), registered once for every app's tests:
# one browser per session, however many test modules drive it.
from danvan.testing.browser import browser, desktop, live_world, phone, site  # noqa: E402, F401 (after World: it imports it)
