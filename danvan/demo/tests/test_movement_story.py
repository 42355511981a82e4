"""The demo of the "Dân vận khéo" movement (issue 14): a practice per village in several fields,
one recognised, awarded, proposed upward and copied in another village, with photos in the
gallery."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.core.divisions import ensure_commune
from danvan.demo import units as demo_units
from danvan.demo.movement_story import play_movement
from danvan.movement.models import Practice, Status

TODAY = date(2026, 12, 5)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_the_demo_shows_the_movement_at_every_step(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    play_movement(units, today=TODAY)

    practices = Practice.objects.filter(commune=commune)
    villages = {u.pk for k, u in units.items() if k.startswith("Thôn ")}
    assert villages <= set(practices.values_list("village_id", flat=True))
    assert practices.values("field").distinct().count() == 4
    assert set(practices.values_list("status", flat=True)) == {
        Status.REGISTERED,
        Status.FOLLOWING,
        Status.REVIEWED,
        Status.RECOGNISED,
        Status.NOT_RECOGNISED,
    }
    lanes = practices.get(status=Status.RECOGNISED)
    assert lanes.public and lanes.award is not None and lanes.proposed_level is not None
    assert lanes.replications.get().village == units["Thôn Tân Tiến"]
    assert lanes.reviews_count == 2 and lanes.guidance.get().number == "18-KH/TU"

    page = Client().get(reverse("portal:movement"), {"xa": commune.pk}).content.decode()
    assert lanes.name in page and 'loading="lazy"' in page
    detail = Client().get(reverse("portal:movement_detail", args=[lanes.pk])).content.decode()
    assert "Nhân dân thôn Tân Tiến" in detail
    assert detail.count("movement_photo") == 0 and detail.count("/anh/") >= 4  # 2 photos, 2 links
