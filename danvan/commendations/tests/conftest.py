"""Records shared by this app's tests: the forms of the migration, a day to stand on."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from danvan.commendations.models import AwardForm

TODAY = date(2026, 6, 15)


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def giay_khen(db: None) -> AwardForm:
    return AwardForm.objects.get(code="giay-khen")


@pytest.fixture
def lao_dong(db: None) -> AwardForm:
    return AwardForm.objects.get(code="lao-dong-tien-tien")
