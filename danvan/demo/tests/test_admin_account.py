"""The demo's administrator is Hồng Phong's, not the platform's (issue #11): as a superuser,
`quantri` read the other commune's petitions with the complainants' details."""

from __future__ import annotations

import pytest

from danvan.core.access import get_access
from danvan.core.divisions import ensure_commune
from danvan.core.models import Role, User
from danvan.demo import units as demo_units


@pytest.mark.django_db
def test_it_makes_quantri_an_administrator_of_hong_phong_only() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    other = ensure_commune(demo_units.OTHER_COMMUNE)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(other))
    # A demo loaded before the fix: quantri was a superuser; loading again mends it.
    User.objects.create_user("quantri", is_staff=True, is_superuser=True)
    demo_units.ensure_users(units)
    quantri = demo_units.user("quantri")
    assert quantri.is_staff and not quantri.is_superuser
    access = get_access(quantri)
    assert access.holds(Role.ADMIN, commune_id=commune.pk)
    assert access.readable_communes == {commune.pk}
    assert not User.objects.filter(is_superuser=True).exists()


@pytest.mark.django_db
def test_the_demo_operator_keeps_the_rules_and_reads_no_commune() -> None:
    commune = ensure_commune(demo_units.HONG_PHONG)
    units = demo_units.ensure_commune_units(commune)
    units.update(demo_units.ensure_other_commune(ensure_commune(demo_units.OTHER_COMMUNE)))
    demo_units.ensure_users(units)
    operator = demo_units.ensure_operator()
    assert operator.is_superuser and operator.is_staff
    assert operator.has_perm("core.change_deadlinerule")
    assert get_access(operator).readable_communes == set()
    assert not get_access(operator).can_read(commune.pk)
