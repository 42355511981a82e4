"""Keys of other systems (core/apikeys.py): stored hashed, scoped, revocable, counted, limited."""

from __future__ import annotations

import pytest

from danvan.conftest import World
from danvan.core import apikeys
from danvan.core.errors import DomainError
from danvan.core.models import ApiKey, AuditEntry, Unit


def test_a_key_is_stored_hashed_and_found_by_the_key_only(world: World) -> None:
    key, raw = apikeys.issue(name="Một cửa tỉnh", unit=world.commune, by=world.admin)
    stored = ApiKey.objects.get(pk=key.pk)
    secret = raw.split("_", 2)[2]  # dv_<prefix>_<secret>; the secret may hold "_" itself
    assert raw not in (stored.digest, stored.prefix) and secret not in stored.digest
    assert stored.digest == apikeys.digest(raw)
    assert apikeys.authenticate(raw) == key
    assert apikeys.authenticate(raw[:-1] + ("A" if raw[-1] != "A" else "B")) is None
    assert apikeys.authenticate("") is None and apikeys.authenticate(None) is None
    assert apikeys.authenticate(stored.digest) is None


def test_use_is_noted_and_issue_and_revocation_are_logged(world: World) -> None:
    key, raw = apikeys.issue(name="App", unit=world.commune, can_write=True, by=world.admin)
    apikeys.authenticate(raw)
    apikeys.authenticate(raw)
    key.refresh_from_db()
    assert key.uses == 2 and key.last_used_at is not None
    apikeys.revoke(key, by=world.admin)
    assert apikeys.authenticate(raw) is None
    assert key.communes() == set()
    actions = list(
        AuditEntry.objects.filter(object_id=str(key.pk)).values_list("action", "commune_id")
    )
    assert sorted(actions) == [
        ("core.api_key_issued", world.commune.pk),
        ("core.api_key_revoked", world.commune.pk),
    ]
    with pytest.raises(DomainError):
        apikeys.revoke(key, by=world.admin)


def test_scope_of_commune_and_province_keys(world: World) -> None:
    commune_key, _ = apikeys.issue(name="A", unit=world.commune, by=None)
    province_key, _ = apikeys.issue(name="B", unit=world.province, by=None)
    assert commune_key.communes() == {world.commune.pk}
    # The other commune belongs to no province in the personas: outside the province's key.
    assert province_key.communes() == {world.commune.pk}
    assert not commune_key.can_write
    with pytest.raises(DomainError):
        apikeys.issue(name="C", unit=world.office_a, by=None)
    with pytest.raises(DomainError):
        apikeys.issue(name=" ", unit=world.commune, by=None)
    Unit.objects.filter(pk=world.commune.pk).update(is_active=False)
    fresh = ApiKey.objects.select_related("unit").get(pk=commune_key.pk)
    assert fresh.communes() == set()


def test_throttle_counts_per_key_per_minute(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DANVAN_API_REQUESTS_PER_MINUTE = 3
    key, _ = apikeys.issue(name="A", unit=world.commune, by=None)
    other, _ = apikeys.issue(name="B", unit=world.commune, by=None)
    now = 6_000_000 * 60 + 15.0
    assert [apikeys.throttle(key, now=now) for _ in range(3)] == [None, None, None]
    assert apikeys.throttle(key, now=now) == 45
    assert apikeys.throttle(other, now=now) is None
    assert apikeys.throttle(key, now=now + 60) is None


def test_a_key_still_reads_when_its_use_cannot_be_noted(world: World) -> None:
    """A database that takes no writes (full, read-only) must not turn every read into an error."""
    from unittest import mock

    from django.db import DatabaseError
    from django.db.models import QuerySet

    key, raw = apikeys.issue(name="A", unit=world.commune, by=None)
    with mock.patch.object(QuerySet, "update", side_effect=DatabaseError("read-only")):
        assert apikeys.authenticate(raw) == key
    key.refresh_from_db()
    assert key.uses == 0


def test_the_communes_leaders_learn_of_a_key_given_and_taken(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from danvan.core.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        key, _ = apikeys.issue(name="Cổng tỉnh", unit=world.commune, can_write=True, by=world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        apikeys.revoke(key, by=world.admin)
    titles = list(Notification.objects.filter(user=world.chairman).values_list("title", flat=True))
    assert len(titles) == 2 and "Cổng tỉnh" in titles[0] and "Cổng tỉnh" in titles[1]
    assert not Notification.objects.filter(user=world.admin).exists()
    assert not Notification.objects.filter(user=world.officer_a).exists()
