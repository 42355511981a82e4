"""The issue-14 benchmark's generator makes rows the apps' own lists show as they would show
rows their services made: each list's count is the count of the commune's rows."""

from __future__ import annotations

import re

from django.test import Client
from django.utils import timezone

from danvan.commendations.models import Award
from danvan.conftest import World
from danvan.demo.bench_unitwork import generate
from danvan.ethnic_religious.models import KeyPerson
from danvan.lib.text import fold
from danvan.movement.models import Practice
from danvan.onestop.models import Dossier
from danvan.opinion.models import OpinionNote
from danvan.study.models import StudySession


def shown(client: Client, url: str, pattern: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    found = re.search(pattern, text)
    assert found, (url, pattern)
    return int(found.group(1).replace(".", ""))


def test_the_apps_lists_show_the_generated_rows(world: World) -> None:
    stats = generate([world.commune], 0.05, seed=7, say=str)
    assert stats["Practice"] == 15 and stats["Dossier"] == 100
    year, xa = timezone.localdate().year, world.commune.pk
    client = Client()
    client.force_login(world.chairman)
    mine = {"commune": world.commune}
    assert shown(client, f"/can-bo/dan-van-kheo/?xa={xa}&nam={year}", r"(\d[\d.]*) mô hình") == (
        Practice.objects.filter(**mine, year=year).count()
    )
    assert shown(client, f"/can-bo/khen-thuong/?xa={xa}", r"(\d[\d.]*) lượt khen thưởng") == (
        Award.objects.filter(**mine).count()
    )
    assert shown(client, f"/can-bo/du-luan/?xa={xa}", r"(\d[\d.]*) tin\.") == (
        OpinionNote.objects.filter(**mine).count()
    )
    assert shown(client, f"/can-bo/dan-toc-ton-giao/?xa={xa}", r"(\d[\d.]*) người") == (
        KeyPerson.objects.filter(**mine).count()
    )
    assert shown(client, f"/can-bo/hoc-tap/?xa={xa}&nam={year}", r"(\d[\d.]*) buổi") == (
        StudySession.objects.filter(**mine, planned_on__year=year).count()
    )
    # A search typed without diacritics finds the generated rows: three words of a name.
    first = Practice.objects.filter(**mine, year=year).order_by("pk").first()
    assert first is not None
    words = fold(first.name).split()[:3]
    texts = Practice.objects.filter(**mine, year=year).values_list("search", flat=True)
    url = f"/can-bo/dan-van-kheo/?xa={xa}&nam={year}&q={'+'.join(words)}"
    assert shown(client, url, r"(\d[\d.]*) mô hình") == (
        sum(1 for s in texts if all(w in s for w in words))
    )
    assert Dossier.objects.filter(**mine).count() == 100
