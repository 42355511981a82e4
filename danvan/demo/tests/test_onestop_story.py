"""The demo's one-stop month (issue 14 item 9): a month of dossiers imported from the file the
provincial system exports, a few late, one of them without its apology slip."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.onestop_story import month_file, month_rows, play_onestop
from danvan.onestop import services
from danvan.onestop.models import Dossier, DossierImport, DossierQuerySet

TODAY = date(2026, 12, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_demo_imports_last_month_with_late_dossiers_and_one_slip_missing(
    settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_onestop(units, today=TODAY)

    dossiers = Dossier.objects.filter(commune=commune)
    assert dossiers.count() == len(month_rows(TODAY)) >= 40
    assert {d.received_on.month for d in dossiers} == {11}
    imported = DossierImport.objects.get()
    assert imported.created_by.username == "hcc" and imported.unreadable == []
    late = dossiers.filter(DossierQuerySet.late_q(TODAY))
    assert late.count() >= 3
    assert dossiers.filter(DossierQuerySet.missing_slip_q(TODAY)).count() == 1
    # The same file again, as a user trying the import page with it, changes nothing.
    again = services.file_import(
        month_file(TODAY), "thang11.xlsx", commune=commune, on=TODAY, by=None
    )
    assert again.counts["unchanged"] == dossiers.count()
