"""Records of the self-assessment shared by this app's tests, on 15/01/2027 (a commune assesses
a year when it ends): Hồng Phong's 2025 assessment submitted, its 2026 one fully scored but not
submitted, and the other commune's 2026 draft (the outsider is an officer there)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from danvan.conftest import World
from danvan.core.models import User
from danvan.scorecard import services, sheet
from danvan.scorecard.models import Assessment, Scorecard
from danvan.scorecard.sheet import Line

TODAY = date(2027, 1, 15)


@dataclass
class Sc:
    card: Scorecard
    submitted: Assessment  # Hồng Phong, 2025
    draft: Assessment  # Hồng Phong, 2026, every criterion scored
    other: Assessment  # the other commune, 2026


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def sample() -> Scorecard:
    return Scorecard.objects.get(verified=False, from_year=2025)


def fill(
    assessment: Assessment,
    by: User,
    points: Callable[[Line], Decimal | None] = lambda line: line.max_points,
    links: Callable[[Line], list[str]] = lambda line: ["/can-bo/tu-danh-gia/"],
) -> Assessment:
    lines = [line for line in sheet.live(assessment).lines if line.scored]
    entries = {
        line.criterion: services.Entry(
            points=points(line) if line.kind != "penalty" else Decimal(0), links=links(line)
        )
        for line in lines
    }
    return services.scores_save(assessment=assessment, by=by, entries=entries)


@pytest.fixture
def sc(world: World, frozen: Any) -> Sc:
    from danvan.core.models import Membership, Role

    Membership.objects.get_or_create(
        user=world.outsider, unit=world.other_office, role=Role.OFFICER
    )
    world.other_office.receives_petitions = True
    world.other_office.save()
    card = sample()
    submitted = services.assessment_start(commune=world.commune, by=world.officer_b, year=2025)
    fill(submitted, world.officer_b)
    submitted = services.assessment_submit(assessment=submitted, by=world.officer_b)
    draft = services.assessment_start(commune=world.commune, by=world.officer_b, year=2026)
    fill(draft, world.officer_b, points=lambda line: line.max_points - 1)
    other = services.assessment_start(commune=world.other_commune, by=world.outsider, year=2026)
    return Sc(card=card, submitted=submitted, draft=draft, other=other)
