"""The admin site (/quan-tri/) after issue #11: a commune's administrator is scoped to his
commune, nobody changes his own roles or rights, every change of a role is logged and told to
the chairman, and the platform's operator (a superuser) sees no commune's records."""

from __future__ import annotations

from typing import Any

import pytest
from django.forms import MultiWidget
from django.test import Client
from django.urls import reverse

from danvan.conftest import World
from danvan.core import roles
from danvan.core.access import get_access
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, Membership, Notification, Role, Unit, User

USERS = "/quan-tri/core/user/"


def change_url(user: User) -> str:
    return reverse("admin:core_user_change", args=[user.pk])


def form_data(response: Any) -> dict[str, Any]:
    """What the browser would post back unchanged: the change form and its inline rows."""
    data: dict[str, Any] = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(field.widget, MultiWidget):
            parts = field.widget.decompress(value)
            for i, (widget, part) in enumerate(zip(field.widget.widgets, parts, strict=True)):
                data[f"{name}_{i}"] = widget.format_value(part) or ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for row in formset.forms:
            for name in row.fields:
                value = row[name].value()
                if value not in (None, False):
                    data[row.add_prefix(name)] = value
    return data


def membership_rows(data: dict[str, Any]) -> dict[int, str]:
    """Row index → role, for the rows of saved memberships in the posted data."""
    return {
        int(key.split("-")[1]): value
        for key, value in data.items()
        if key.startswith("memberships-") and key.endswith("-role") and value
    }


def admin_client(world: World) -> Client:
    return world.client(world.admin)


# --- a commune's administrator is scoped to his commune -----------------------------------------


def test_it_makes_the_test_administrator_no_superuser(world: World) -> None:
    assert world.admin.is_staff and not world.admin.is_superuser
    access = get_access(world.admin)
    assert access.readable_communes == {world.commune.pk}
    assert access.managed_communes == {world.commune.pk}


def test_it_shows_an_administrator_the_people_of_his_commune_only(world: World) -> None:
    client = admin_client(world)
    listed = {u.username for u in client.get(USERS).context["cl"].result_list}
    assert {"chairman", "officer_a", "officer_b", "admin"} <= listed
    assert "outsider" not in listed  # another commune's officer
    assert "operator" not in listed  # the platform's operator
    assert "province" not in listed  # a province viewer holds no role in the commune
    response = client.get(change_url(world.outsider))
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_it_lets_no_administrator_change_another_communes_account(world: World) -> None:
    client = admin_client(world)
    before = Membership.objects.get(user=world.outsider)
    response = client.post(change_url(world.outsider), {"username": "outsider", "is_staff": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    world.outsider.refresh_from_db()
    assert not world.outsider.is_staff
    assert list(Membership.objects.filter(user=world.outsider)) == [before]
    password = reverse("admin:auth_user_password_change", args=[world.outsider.pk])
    assert client.post(password, {"password1": "x" * 12, "password2": "x" * 12}).status_code in (
        302,
        403,
        404,
    )
    world.outsider.refresh_from_db()
    assert not world.outsider.check_password("x" * 12)


def test_it_shows_an_administrator_the_units_of_his_commune_only(world: World) -> None:
    client = admin_client(world)
    listed = set(client.get("/quan-tri/core/unit/").context["cl"].result_list)
    assert world.office_a in listed and world.commune in listed
    assert world.other_office not in listed and world.other_commune not in listed
    assert world.province not in listed
    # The commune itself is read, not changed; an office is changed.
    commune_page = client.get(reverse("admin:core_unit_change", args=[world.commune.pk]))
    assert commune_page.status_code == 200 and not commune_page.context["has_change_permission"]
    office_page = client.get(reverse("admin:core_unit_change", args=[world.office_a.pk]))
    assert office_page.context["has_change_permission"]


def test_it_refuses_a_role_in_another_communes_unit(world: World) -> None:
    client = admin_client(world)
    page = client.get(change_url(world.officer_a))
    data = form_data(page)
    new = int(data["memberships-TOTAL_FORMS"]) - 1  # the empty extra row
    data[f"memberships-{new}-unit"] = world.other_office.pk
    data[f"memberships-{new}-role"] = Role.OFFICER
    response = client.post(change_url(world.officer_a), data)
    assert response.status_code == 200
    assert not Membership.objects.filter(user=world.officer_a, unit=world.other_office).exists()
    with pytest.raises(DomainError):
        roles.membership_add(
            user=world.officer_a, unit=world.other_office, role=Role.OFFICER, by=world.admin
        )


# --- nobody changes his own roles or rights ---------------------------------------------------


def test_it_refuses_an_administrator_a_change_of_his_own_role(world: World) -> None:
    """Issue #11: the administrator made himself a leader, then granted himself identities."""
    client = admin_client(world)
    data = form_data(client.get(change_url(world.admin)))
    rows = membership_rows(data)
    assert list(rows.values()) == [Role.ADMIN]
    data[f"memberships-{next(iter(rows))}-role"] = Role.LEADER
    response = client.post(change_url(world.admin), data)
    assert response.status_code == 200
    assert "Không ai được tự thay đổi vai trò" in response.content.decode()
    assert list(Membership.objects.filter(user=world.admin).values_list("role", flat=True)) == [
        Role.ADMIN
    ]
    assert not AuditEntry.objects.filter(action__startswith="core.membership").exists()


def test_it_refuses_an_administrator_a_new_role_for_himself(world: World) -> None:
    client = admin_client(world)
    data = form_data(client.get(change_url(world.admin)))
    new = int(data["memberships-TOTAL_FORMS"]) - 1
    data[f"memberships-{new}-unit"] = world.commune.pk
    data[f"memberships-{new}-role"] = Role.LEADER
    response = client.post(change_url(world.admin), data)
    assert "Không ai được tự thay đổi vai trò" in response.content.decode()
    assert not get_access(User.objects.get(pk=world.admin.pk)).holds(Role.LEADER)


def test_it_refuses_an_administrator_a_change_of_his_own_rights(world: World) -> None:
    """A crafted POST: is_staff taken off himself is refused with a sentence; is_superuser is
    no field of a commune administrator's form at all, so it changes nothing."""
    client = admin_client(world)
    data = form_data(client.get(change_url(world.admin)))
    assert "is_superuser" not in data and "groups" not in data
    data.pop("is_staff")
    response = client.post(change_url(world.admin), data)
    assert response.status_code == 200
    assert "Không ai được tự thay đổi vai trò, quyền của chính mình" in response.content.decode()
    data["is_staff"] = "on"
    data["is_superuser"] = "on"
    data["user_permissions"] = ["1"]
    assert client.post(change_url(world.admin), data).status_code == 302
    admin = User.objects.get(pk=world.admin.pk)
    assert admin.is_staff and not admin.is_superuser
    assert not admin.user_permissions.exists()


def test_it_lets_no_administrator_make_anybody_an_operator(world: World) -> None:
    client = admin_client(world)
    data = form_data(client.get(change_url(world.officer_a)))
    data["is_superuser"] = "on"
    assert client.post(change_url(world.officer_a), data).status_code == 302
    assert not User.objects.get(pk=world.officer_a.pk).is_superuser


def test_it_refuses_in_the_service_too(world: World) -> None:
    seat = Membership.objects.get(user=world.admin)
    with pytest.raises(DomainError, match="chính mình"):
        roles.membership_change(
            membership=seat, unit=world.commune, role=Role.LEADER, by=world.admin
        )
    with pytest.raises(DomainError, match="chính mình"):
        roles.membership_add(user=world.admin, unit=world.commune, role=Role.LEADER, by=world.admin)
    with pytest.raises(DomainError, match="chính mình"):
        roles.membership_remove(membership=seat, by=world.admin)
    assert roles.account_refusal(by=world.operator, user=world.operator, changed=["is_superuser"])


# --- every change of a role is logged and told to the chairman -------------------------------


def test_it_logs_a_role_change_and_tells_the_chairman(world: World) -> None:
    client = admin_client(world)
    data = form_data(client.get(change_url(world.officer_a)))
    row = next(iter(membership_rows(data)))
    data[f"memberships-{row}-role"] = Role.LEADER
    response = client.post(change_url(world.officer_a), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_access(User.objects.get(pk=world.officer_a.pk)).holds(Role.LEADER)
    entry = AuditEntry.objects.get(action="core.membership_changed")
    assert (entry.actor, entry.commune_id) == (world.admin, world.commune.pk)
    assert entry.changes["user_role"] == [Role.OFFICER, Role.LEADER]
    notice = Notification.objects.get(user=world.chairman)
    assert "Officer_A" in notice.title
    assert "Lãnh đạo UBND" in notice.body and "Admin" in notice.body
    # The actor is not told of what he did himself.
    assert not Notification.objects.filter(user=world.admin).exists()


def test_it_logs_an_added_and_a_removed_role(world: World) -> None:
    client = admin_client(world)
    data = form_data(client.get(change_url(world.officer_a)))
    new = int(data["memberships-TOTAL_FORMS"]) - 1
    data[f"memberships-{new}-unit"] = world.office_b.pk
    data[f"memberships-{new}-role"] = Role.READONLY
    assert client.post(change_url(world.officer_a), data).status_code == 302
    added = AuditEntry.objects.get(action="core.membership_added")
    assert added.changes["user_role"] == [None, Role.READONLY]
    data = form_data(client.get(change_url(world.officer_a)))
    seat = Membership.objects.get(user=world.officer_a, unit=world.office_b)
    row = next(i for i, pk in _row_ids(data).items() if pk == seat.pk)
    data[f"memberships-{row}-DELETE"] = "on"
    assert client.post(change_url(world.officer_a), data).status_code == 302
    assert not Membership.objects.filter(pk=seat.pk).exists()
    removed = AuditEntry.objects.get(action="core.membership_removed")
    assert removed.commune_id == world.commune.pk
    assert Notification.objects.filter(user=world.chairman).count() == 2


def _row_ids(data: dict[str, Any]) -> dict[int, int]:
    return {
        int(key.split("-")[1]): int(value)
        for key, value in data.items()
        if key.startswith("memberships-") and key.endswith("-id") and value
    }


def test_it_logs_a_new_account_with_its_role(world: World) -> None:
    client = admin_client(world)
    data = form_data(client.get(reverse("admin:core_user_add")))
    data.update(
        {
            "username": "canbo_moi",
            "password1": "mat-khau-rat-dai-2026",
            "password2": "mat-khau-rat-dai-2026",
            "usable_password": "true",
            "memberships-0-unit": world.office_a.pk,
            "memberships-0-role": Role.OFFICER,
        }
    )
    response = client.post(reverse("admin:core_user_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="canbo_moi")
    assert get_access(user).holds(Role.OFFICER, unit_id=world.office_a.pk)
    assert AuditEntry.objects.filter(action="core.membership_added", actor=world.admin).exists()
    # Without a role in the commune, the account would belong to nobody: refused.
    data.update({"username": "khong_vai_tro", "memberships-0-unit": "", "memberships-0-role": ""})
    response = client.post(reverse("admin:core_user_add"), data)
    assert response.status_code == 200
    assert not User.objects.filter(username="khong_vai_tro").exists()


def test_it_tells_the_chairman_of_rights_and_a_password_set_by_another(world: World) -> None:
    client = admin_client(world)
    data = form_data(client.get(change_url(world.officer_a)))
    data["is_staff"] = "on"
    assert client.post(change_url(world.officer_a), data).status_code == 302
    entry = AuditEntry.objects.get(action="core.account_changed")
    assert entry.changes["is_staff"] == [False, True]
    password = reverse("admin:auth_user_password_change", args=[world.officer_a.pk])
    new = "mat-khau-moi-2026-dai"
    response = client.post(
        password, {"password1": new, "password2": new, "usable_password": "true"}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=world.officer_a.pk).check_password(new)
    assert AuditEntry.objects.filter(action="core.account_changed").count() == 2
    assert Notification.objects.filter(user=world.chairman).count() == 2


def test_it_tells_the_chairman_which_office_now_receives_petitions(world: World) -> None:
    client = admin_client(world)
    url = reverse("admin:core_unit_change", args=[world.office_a.pk])
    data = form_data(client.get(url))
    data["receives_petitions"] = "on"
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.get(action="core.unit_changed")
    assert entry.changes["receives_petitions"] == [False, True]
    assert Notification.objects.filter(user=world.chairman).exists()


def test_it_names_the_changes_in_vietnamese(world: World) -> None:
    roles.membership_add(
        user=world.officer_a, unit=world.office_b, role=Role.READONLY, by=world.admin
    )
    label, lines = AuditEntry.objects.get(action="core.membership_added").described()
    assert label == "Giao vai trò"
    assert ("Vai trò", "— → Chỉ xem") in lines


# --- the platform's operator ------------------------------------------------------------------


def test_it_gives_the_operator_no_commune(world: World) -> None:
    access = get_access(world.operator)
    assert not access.readable_communes and not access.managed_communes
    assert not access.can_read(world.commune.pk) and not access.has_any


def test_it_shows_the_operator_no_record_of_a_commune_in_the_admin(world: World) -> None:
    client = world.client(world.operator)
    index = client.get(reverse("admin:index")).content.decode()
    assert "/quan-tri/core/unit/" in index and "/quan-tri/core/deadlinerule/" in index
    for url in ("/quan-tri/plans/plan/", "/quan-tri/supervision/board/"):
        assert url not in index
        assert client.get(url).status_code == 403
    registered = {model._meta.label for model in _registered()}
    personal = {"petitions.Petition", "petitions.IdentityVault", "petitions.Visit"}
    assert not registered & personal, "models holding citizens' data are not in the admin"
    from danvan.core.audit import log_action

    log_action(world.commune, "core.unit_changed", by=world.admin, commune=world.commune)
    assert list(client.get("/quan-tri/core/auditentry/").context["cl"].result_list) == []


def _registered() -> list[Any]:
    from django.contrib import admin

    return list(admin.site._registry)


def test_it_lets_a_commune_administrator_read_but_not_change_the_rules(world: World) -> None:
    client = admin_client(world)
    assert client.get("/quan-tri/core/deadlinerule/").status_code == 200
    assert client.get("/quan-tri/core/calendarday/add/").status_code == 403
    assert world.client(world.operator).get("/quan-tri/core/calendarday/add/").status_code == 200


def test_it_scopes_a_communes_records_in_the_admin(
    world: World, plan: Any, other_task: Any
) -> None:
    listed = list(admin_client(world).get("/quan-tri/plans/plan/").context["cl"].result_list)
    assert listed == [plan]


def test_it_lets_the_operator_keep_every_unit(world: World) -> None:
    """The operator keeps every unit (he creates communes); a commune administrator only his."""
    listed = set(world.client(world.operator).get("/quan-tri/core/unit/").context["cl"].result_list)
    assert set(Unit.objects.all()) == listed


@pytest.mark.parametrize("persona", ["admin", "operator"])
def test_it_answers_every_admin_page_without_an_error(
    world: World, plan: Any, persona: str
) -> None:
    """Each registered model's list, add page and first row's page: shown or refused, never
    a server error (the has_*_permission of each admin class)."""
    from django.contrib import admin

    client = world.client(getattr(world, persona))
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        urls = [reverse(f"{base}_changelist"), reverse(f"{base}_add")]
        first = model_admin.get_queryset(_request_of(world, persona)).first()
        if first is not None:
            urls.append(reverse(f"{base}_change", args=[first.pk]))
        for url in urls:
            assert client.get(url).status_code in (200, 302, 403), url


def _request_of(world: World, persona: str) -> Any:
    from django.test import RequestFactory

    request = RequestFactory().get("/quan-tri/")
    request.user = getattr(world, persona)
    return request
