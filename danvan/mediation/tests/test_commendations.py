"""The team's page offers "Đề nghị khen thưởng" to whoever may propose in the commune: the
commendations' proposal form, filled in with the team (what for, its page, its village)."""

from __future__ import annotations

import html

from django.urls import reverse

from danvan.conftest import World
from danvan.mediation.tests.conftest import Med

LABEL = "Đề nghị khen thưởng"


def test_the_team_page_proposes_a_commendation_filled_in(world: World, med: Med) -> None:
    page = world.client(world.front).get(reverse("mediation:team", args=[med.team.pk]))
    body = page.content.decode()
    assert LABEL in body
    start = body.index(reverse("commendations:proposal_create"))
    link = html.unescape(body[start : body.index('"', start)])
    form = world.client(world.front).get(link).content.decode()
    assert 'value="Tổ hòa giải thôn Đoàn Kết"' in form
    assert f'value="{med.team.get_absolute_url()}"' in form
    assert '<option value="mediation" selected>' in form
    assert f'<option value="{world.village.pk}" selected>' in form


def test_a_reader_who_may_not_propose_sees_no_button(world: World, med: Med) -> None:
    body = world.client(world.readonly_a).get(reverse("mediation:team", args=[med.team.pk]))
    assert LABEL not in body.content.decode()
