"""Set-up the product promises: official units, a clean deploy check, the admin's calendar."""

import os
import subprocess
import sys
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from danvan.conftest import World
from danvan.core.calendar import forget_calendar
from danvan.core.models import CalendarDay, Unit
from danvan.plans.models import Task


@pytest.mark.django_db
def test_it_creates_communes_from_the_official_list() -> None:
    out = StringIO()
    call_command("load-units", "--commune", "6079", "--commune", "13927", stdout=out)
    hong_phong = Unit.objects.get(code="06079")
    assert (hong_phong.name, hong_phong.parent.name) == ("Xã Hồng Phong", "Tỉnh Lạng Sơn")
    assert Unit.objects.get(code="13927").parent.name == "Tỉnh Ninh Bình"
    assert hong_phong.commune == hong_phong


@pytest.mark.django_db
def test_it_refuses_an_unknown_code() -> None:
    with pytest.raises(Exception, match="không có trong danh mục"):
        call_command("load-units", "--commune", "99999")


def test_it_passes_the_deploy_check_in_production() -> None:
    # The browser tests allow async-unsafe calls for Django's live server; production must not.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **env,
        "DANVAN_ENV": "production",
        "DANVAN_SECRET_KEY": "a-long-random-production-key-" + "k3y" * 20,
        "DANVAN_ALLOWED_HOSTS": "danvan.example.vn",
        "DANVAN_IDENTITY_KEYS": "q2pWc0X4Qh2o4mJ3m1Yb0nUuY8pQ6f9lQnZp0Hk5r6s=",
    }
    result = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_in_production_without_a_secret_key() -> None:
    env = {**os.environ, "DANVAN_ENV": "production", "DANVAN_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0 and "DANVAN_SECRET_KEY" in result.stderr


def test_it_moves_open_deadlines_when_the_operator_adds_a_day_off(world: World, task: Task) -> None:
    # The task is due Friday 30/10/2026; the province declares that day off. The calendar is
    # every commune's: the platform's operator keeps it (a commune's administrator reads it).
    c = world.client(world.operator)
    response = c.post(
        "/quan-tri/core/calendarday/add/",
        {"date": "30/10/2026", "kind": "off", "note": "Nghỉ theo Quyết định của UBND tỉnh"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    task.refresh_from_db()
    assert task.next_due == date(2026, 11, 2)
    assert CalendarDay.objects.get().note.startswith("Nghỉ")
    forget_calendar()
