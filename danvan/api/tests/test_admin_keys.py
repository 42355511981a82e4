"""Keys in /quan-tri/: a commune's administrator issues, sees and revokes his commune's keys
only; a province's key is the operator's to issue; the key is shown once."""

from __future__ import annotations

import re

from django.contrib.messages import get_messages

from danvan.conftest import World
from danvan.core import apikeys
from danvan.core.models import ApiKey

URL = "/quan-tri/core/apikey/"


def test_a_commune_administrator_issues_a_key_of_his_commune(world: World) -> None:
    client = world.client(world.admin)
    form = client.get(URL + "add/")
    assert form.status_code == 200
    choices = {u.pk for u in form.context["adminform"].form.fields["unit"].queryset}
    assert choices == {world.commune.pk}
    r = client.post(
        URL + "add/", {"name": "Cổng một cửa", "unit": world.commune.pk, "can_write": "on"}
    )
    assert r.status_code == 302
    shown = " ".join(str(m) for m in get_messages(r.wsgi_request))
    raw = re.search(r"dv_[0-9a-f]{8}_\S+", shown)
    assert raw is not None
    key = apikeys.authenticate(raw.group(0))
    assert key is not None and key.can_write and key.created_by == world.admin
    assert raw.group(0) in client.get(URL).content.decode()  # the message, once
    assert raw.group(0) not in client.get(f"{URL}{key.pk}/change/").content.decode()
    assert raw.group(0) not in client.get(URL).content.decode()


def test_he_cannot_issue_for_another_commune_or_the_province(world: World) -> None:
    client = world.client(world.admin)
    for unit in (world.other_commune, world.province):
        r = client.post(URL + "add/", {"name": "X", "unit": unit.pk})
        assert r.status_code == 200 and r.context["adminform"].form.errors
    assert not ApiKey.objects.exists()


def test_he_sees_and_revokes_his_communes_keys_only(world: World) -> None:
    mine, _ = apikeys.issue(name="Mine", unit=world.commune, by=None)
    theirs, _ = apikeys.issue(name="Theirs", unit=world.other_commune, by=None)
    client = world.client(world.admin)
    assert list(client.get(URL).context["cl"].result_list) == [mine]
    assert client.get(f"{URL}{theirs.pk}/change/").status_code in (302, 403, 404)
    client.post(URL, {"action": "revoke", "_selected_action": [mine.pk, theirs.pk]})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None and mine.revoked_by == world.admin
    assert theirs.revoked_at is None


def test_the_operator_issues_a_province_key_and_others_see_nothing(world: World) -> None:
    r = world.client(world.operator).post(
        URL + "add/", {"name": "Báo cáo tỉnh", "unit": world.province.pk}
    )
    assert r.status_code == 302
    key = ApiKey.objects.get()
    assert key.unit == world.province and key.communes() == {world.commune.pk}
    for persona in (world.chairman, world.officer_a, world.province_viewer):
        assert world.client(persona).get(URL).status_code in (302, 403)
