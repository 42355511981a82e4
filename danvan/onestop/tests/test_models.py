"""A dossier's result: returned early, on time or late against its promised day; one not
returned is in time or overdue as of a day. The SQL annotation agrees with the Python rule."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.conftest import World
from danvan.onestop.models import Dossier, DossierQuerySet, Result, classify

DUE = date(2026, 3, 10)
ON = date(2026, 3, 12)
CASES = [
    (date(2026, 3, 9), Result.EARLY),
    (date(2026, 3, 10), Result.ON_TIME),
    (date(2026, 3, 11), Result.LATE),
]


@pytest.mark.parametrize(("returned", "result"), CASES)
def test_it_classifies_a_returned_dossier(returned: date, result: str) -> None:
    assert classify(DUE, returned, ON) == result


def test_it_classifies_an_open_dossier_as_of_a_day() -> None:
    assert classify(DUE, None, date(2026, 3, 10)) == Result.IN_PROGRESS
    assert classify(DUE, None, date(2026, 3, 11)) == Result.OVERDUE


def test_sql_agrees_with_python(world: World) -> None:
    for i, returned in enumerate([None, date(2026, 3, 9), DUE, date(2026, 3, 11)]):
        for due in (date(2026, 3, 11), DUE, date(2026, 3, 13)):
            Dossier.objects.create(
                commune=world.commune,
                code=f"{i}-{due:%d}",
                received_on=date(2026, 3, 1),
                due_on=due,
                returned_on=returned,
            )
    rows = Dossier.objects.with_result(ON)
    assert rows.count() == 12
    for d in rows:
        assert d.outcome == d.result(ON)  # type: ignore[attr-defined]
        for result in Result.values:
            hit = Dossier.objects.filter(DossierQuerySet.result_q(result, ON), pk=d.pk).exists()
            assert hit == (result == d.outcome)  # type: ignore[attr-defined]
