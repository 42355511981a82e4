"""Issue #11, items 3 and 4 for petitions: whatever reveals a denouncer or writes is a POST
behind the CSRF token, nobody grants himself the right to see a denouncer, and the platform's
operator (a superuser) sees no petition (Luật Tố cáo 2018, Điều 8 khoản 3)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry
from danvan.petitions import services
from danvan.petitions.models import IdentityGrant, IdentityReveal, Petition
from danvan.petitions.tests.test_identity import NAME, PHONE, receive


@pytest.fixture
def case(world: World) -> Petition:
    """An accepted denunciation handled by officer_b, who holds the grant by assignment."""
    p = receive(world)
    p = services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    services.petition_classify(petition=p, by=world.officer_b, competent=True, conditions_met=True)
    return services.petition_accept(petition=p, by=world.officer_b, accepted_on=date(2026, 3, 4))


def documents(p: Petition) -> list[str]:
    return [
        reverse("petitions:notice", args=[p.pk, "thu-ly"]),  # to the denouncer: names him
        reverse("petitions:verification_dossier", args=[p.pk]),
    ]


def strict(world: World) -> Client:
    """The handler's browser as it really is: Django checks the CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer_b)
    return client


def written() -> tuple[int, int]:
    return AuditEntry.objects.count(), IdentityReveal.objects.count()


def test_it_answers_a_get_of_a_document_405_and_writes_nothing(
    world: World, case: Petition
) -> None:
    before = written()
    for url in documents(case):
        response = world.client(world.officer_b).get(url)
        assert response.status_code == 405, url
        assert NAME not in response.content.decode()
    assert written() == before


def test_it_refuses_a_post_without_the_csrf_token(world: World, case: Petition) -> None:
    before = written()
    client = strict(world)
    for url in documents(case):
        assert client.post(url).status_code == 403, url
    reveal = reverse("petitions:identity_reveal", args=[case.pk])
    assert client.post(reveal, {"reason": "Xác minh"}).status_code == 403
    assert written() == before


def test_it_makes_the_named_notice_by_post_with_the_token_and_logs_the_reveal(
    world: World, case: Petition
) -> None:
    client = strict(world)
    page = client.get(reverse("petitions:notices", args=[case.pk]))
    body = page.content.decode()
    assert 'method="post"' in body and "csrfmiddlewaretoken" in body
    assert "Tải thông báo thụ lý (.docx) (hiện danh tính, ghi nhật ký)" in body
    token = client.cookies["csrftoken"].value
    response = client.post(documents(case)[0], {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    reveal = IdentityReveal.objects.get()
    assert reveal.user == world.officer_b
    entry = AuditEntry.objects.get(action="petitions.notice_generated")
    assert entry.changes == {"kind": "thu-ly", "named": True}


def test_it_offers_no_button_that_reveals_to_who_holds_no_grant(
    world: World, case: Petition
) -> None:
    body = world.client(world.chairman).get(reverse("petitions:notices", args=[case.pk]))
    assert "hiện danh tính" not in body.content.decode()


# --- nobody grants himself ------------------------------------------------------------------


def test_it_refuses_a_leader_a_grant_to_himself(world: World, case: Petition) -> None:
    """Issue #11: an administrator made himself a leader, then granted himself."""
    url = reverse("petitions:identity_grant", args=[case.pk])
    page = world.client(world.chairman).get(reverse("petitions:identity_access", args=[case.pk]))
    assert page.context["form"].fields["user"].queryset.filter(pk=world.chairman.pk).count() == 0
    response = world.client(world.chairman).post(url, {"user": world.chairman.pk})
    assert response.status_code == 400
    assert "không ai tự giao quyền cho chính mình" in response.content.decode()
    assert not IdentityGrant.objects.filter(user=world.chairman).exists()
    with pytest.raises(DomainError, match="tự giao cho mình"):
        services.identity_grant(petition=case, user=world.chairman, by=world.chairman)
    assert not IdentityGrant.objects.filter(user=world.chairman).exists()


def test_it_grants_nothing_to_one_who_takes_a_denunciation_himself(world: World) -> None:
    p = services.petition_assign(
        petition=receive(world), by=world.officer_b, handler=world.officer_b, unit=world.office_b
    )
    assert p.handler == world.officer_b
    assert not IdentityGrant.objects.filter(petition=p).exists()
    services.identity_grant(petition=p, user=world.officer_b, by=world.chairman)
    assert IdentityGrant.objects.filter(petition=p, user=world.officer_b).exists()


# --- the platform's operator ----------------------------------------------------------------


def test_it_shows_the_operator_no_petition(world: World, case: Petition) -> None:
    client = world.client(world.operator)
    for name in ("petitions:detail", "petitions:identity_reveal", "petitions:notices"):
        response = client.get(reverse(name, args=[case.pk]))
        assert response.status_code == 404, name
    for name in ("petitions:list", "petitions:register", "petitions:sessions"):
        response = client.get(reverse(name))
        assert response.status_code in (403, 404), name
        assert NAME not in response.content.decode() and PHONE not in response.content.decode()
    for url in documents(case):
        assert client.post(url).status_code == 404
    assert not IdentityReveal.objects.exists()
