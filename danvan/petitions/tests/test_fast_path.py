"""The shortcuts the petition pages take for speed (issue 16) give what they replace."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import reverse

from danvan.conftest import World
from danvan.core.http import url_for_pk
from danvan.core.models import Membership, Role, Unit, User
from danvan.petitions import reception, selectors, services
from danvan.petitions.access import reception_commune_for, reception_commune_id
from danvan.petitions.forms import FilterForm
from danvan.petitions.models import Petition, ReceptionSession, Visit
from danvan.petitions.tests.test_cases import receive


@pytest.mark.parametrize("name", ["petitions:detail", "petitions:assign", "petitions:visit"])
@pytest.mark.parametrize("pk", [1, 7, 10, 918273645, 2**40])
def test_one_reverse_makes_every_rows_url(name: str, pk: int) -> None:
    assert url_for_pk(name)(pk) == reverse(name, args=[pk])


def _picks(user: User, wanted: str | None) -> tuple[str, int | str]:
    request = RequestFactory().get("/")
    request.user = user
    try:
        by_read = reception_commune_for(request, wanted).pk
    except (Http404, PermissionDenied) as e:
        by_read = type(e).__name__
    try:
        by_id: int | str = reception_commune_id(request, wanted)
    except (Http404, PermissionDenied) as e:
        by_id = type(e).__name__
    return by_read, by_id


@pytest.mark.django_db
def test_the_commune_id_is_the_commune_the_full_read_picks(world: World) -> None:
    """Same commune, same 403 and 404, for those who keep one book, two books (as a leader
    of one, an administrator of the other) or none, and any `?xa=`."""
    Membership.objects.create(user=world.admin, unit=world.other_commune, role=Role.ADMIN)
    keeper = User.objects.create(username="keeper2")
    Membership.objects.create(user=keeper, unit=world.other_commune, role=Role.LEADER)
    Membership.objects.create(user=keeper, unit=world.commune, role=Role.ADMIN)
    wanted_values = [
        None,
        "",
        "abc",
        "9" * 40,
        str(world.commune.pk),
        str(world.other_commune.pk),
        str(world.village.pk),
    ]
    users = [world.chairman, world.officer_b, world.admin, keeper, world.officer_a, world.front]
    for user in users:
        for wanted in wanted_values:
            user = User.objects.get(pk=user.pk)  # a fresh access per request
            by_read, by_id = _picks(user, wanted)
            assert by_read == by_id, (user.username, wanted)
    assert _picks(User.objects.get(pk=world.front.pk), None)[1] == "PermissionDenied"


@pytest.mark.django_db
def test_the_filter_lists_the_villages_by_name_and_checks_a_chosen_one(world: World) -> None:
    Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn An Bình", parent=world.commune, commune=world.commune
    )
    form = FilterForm({"village": str(world.village.pk)}, communes={world.commune.pk})
    villages = Unit.objects.filter(commune=world.commune, kind=Unit.Kind.VILLAGE).order_by("name")
    assert list(form.fields["village"].choices) == [
        ("", "Tất cả"),
        *((v.pk, v.name) for v in villages),
    ]
    assert form.is_valid() and form.cleaned_data["village"] == world.village
    outside = Unit.objects.filter(kind=Unit.Kind.VILLAGE).exclude(commune=world.commune).first()
    bad = FilterForm(
        {"village": str(outside.pk if outside else 10**9)}, communes={world.commune.pk}
    )
    assert not bad.is_valid() and "village" in bad.errors
    assert "xa" not in form.fields


def _queries(client: Client, url: str) -> tuple[int, str]:
    sql: list[str] = []

    def spy(execute: Any, query: str, *args: Any) -> Any:
        sql.append(query)
        return execute(query, *args)

    with connection.execute_wrapper(spy):
        response = client.get(url)
    assert response.status_code == 200
    return len(sql), response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?q=thu+hoi+dat", "?due=overdue", "?scope=mine"])
def test_the_list_reads_no_column_per_row(world: World, query: str) -> None:
    """The list reads only the columns it shows (selectors.LISTED): a field it forgot would be read
    once per row. Rows with everything the list shows: unit, village, a deadline passed."""
    with time_machine.travel(date(2026, 10, 26), tick=False):
        first = receive(world, received_on=date(2026, 10, 26))
    services.petition_assign(
        petition=first, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    services.petition_accept(petition=first, by=world.chairman, accepted_on=date(2026, 10, 26))
    c = world.client(world.officer_b)
    url = reverse("petitions:list") + query
    one, page = _queries(c, url)
    assert "Số 1/2026" in page and world.office_b.label in page and world.village.name in page
    for i in range(3):
        p = receive(world, subject=f"Khiếu nại thu hồi đất lần {i}", received_on=date(2026, 10, 26))
        services.petition_assign(
            petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
        )
        services.petition_accept(petition=p, by=world.chairman, accepted_on=date(2026, 10, 26))
    four, page = _queries(c, url)
    assert page.count("Khiếu nại thu hồi đất") >= 3
    assert four == one


@pytest.mark.django_db
def test_the_dashboards_overdue_list_reads_no_column_per_row(world: World) -> None:
    """The overdue list reads only what it shows (selectors.OVERDUE_SHOWN), handler and unit
    included."""

    def late(subject: str) -> None:
        p = receive(world, subject=subject, received_on=date(2026, 1, 5))
        services.petition_assign(
            petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
        )

    c = world.client(world.officer_b)
    url = reverse("petitions:stats") + "?from=2026-01-01&to=2026-12-31"
    c.get(url)  # what only core's records make (the commune) is kept from here on
    late("Đơn quá hạn thứ nhất")
    one, page = _queries(c, url)
    assert "Đơn quá hạn thứ nhất" in page and world.office_b.label in page
    assert str(world.officer_b) in page
    for i in range(3):
        late(f"Đơn quá hạn số {i}")
    four, page = _queries(c, url)
    assert page.count("Đơn quá hạn") >= 4
    assert four == one


@pytest.mark.django_db
def test_the_register_and_the_sessions_link_every_line_at_a_fixed_number_of_queries(
    world: World,
) -> None:
    """The register, a reception day and the list of days: each line links to its page and to
    the petition it opened, and more lines cost no more queries."""
    day = reception.session_create(
        commune=world.commune,
        by=world.officer_b,
        kind=ReceptionSession.Kind.REGULAR,
        held_on=date.today(),
        host=world.officer_b,
    )

    def line(i: int) -> Visit:
        return reception.visit_create(
            session=day,
            by=world.officer_b,
            visited_on=date.today(),
            kind="recommendation",
            name=f"Người đến {i}",
            content="Kiến nghị sửa đường.",
            open_petition=True,
        )

    c = world.client(world.officer_b)
    pages = [
        reverse("petitions:register"),
        reverse("petitions:session", args=[day.pk]),
        reverse("petitions:sessions"),
    ]
    for url in pages:  # what only core's records make (the commune) is kept from here on
        c.get(url)
    first = line(0)
    before = [_queries(c, url) for url in pages]
    opened = first.petitions.get()
    for _, page in before[:2]:
        assert f'href="{reverse("petitions:visit", args=[first.pk])}"' in page
        assert (
            f'href="{reverse("petitions:detail", args=[opened.pk])}">Đơn số {opened.code}' in page
        )
    assert f'href="{reverse("petitions:session", args=[day.pk])}"' in before[2][1]
    second = reception.session_create(
        commune=world.commune,
        by=world.officer_b,
        kind=ReceptionSession.Kind.REGULAR,
        held_on=date.today(),
        host=world.chairman,
    )
    for i in range(1, 4):
        line(i)
    after = [_queries(c, url) for url in pages]
    assert [n for n, _ in after] == [n for n, _ in before]
    assert str(world.chairman) in after[2][1] and f"/{second.pk}/" in after[2][1]


@pytest.mark.django_db
def test_the_case_lists_its_steps_at_a_fixed_number_of_queries(world: World) -> None:
    """The case's steps read only what they show (views_cases.EVENT_SHOWN): who, when, what."""
    p = receive(world, received_on=date.today())
    c = world.client(world.chairman)
    url = reverse("petitions:detail", args=[p.pk])
    c.get(url)  # the parts other apps' records make (its directives) are kept from here on
    services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    one, page = _queries(c, url)
    assert f"· {world.chairman}</span>" in page
    services.petition_accept(petition=p, by=world.officer_b, accepted_on=date.today())
    more, page = _queries(c, url)
    assert f"· {world.chairman}</span>" in page and f"· {world.officer_b}</span>" in page
    assert more == one


def test_the_books_open_statuses_are_those_not_closed() -> None:
    """The list filters open cases by their statuses' names (an index finds them): every
    status is either one of them or closed."""
    from danvan.petitions.views_cases import OPEN

    assert set(OPEN) == set(Petition.Status.values) - set(Petition.CLOSED_STATUSES)
    assert set(OPEN) == {"received", "accepted", "proposed", "paused"}


@pytest.mark.django_db
def test_a_listed_row_reads_what_a_petition_reads(world: World) -> None:
    """selectors.listed and listed_in_province (plain values) against Petition objects: every
    attribute the lists' rows, deadline badges and status classes read, on every status, with
    and without a unit, a village, a due date."""
    with time_machine.travel(date(2026, 10, 26), tick=False):
        late = receive(world, received_on=date(2026, 9, 1))
        services.petition_assign(
            petition=late, by=world.chairman, handler=world.officer_b, unit=world.office_b
        )
        services.petition_accept(petition=late, by=world.chairman, accepted_on=date(2026, 9, 2))
        receive(world, subject="Không thôn", village=None, anonymous=True)
        receive(world, subject="Tố cáo", kind="denunciation")
    statuses = Petition.Status.values
    for n, status in enumerate(statuses):  # every status, due dates past, near and none
        Petition.objects.create(
            commune=world.commune,
            year=2026,
            number=100 + n,
            kind="complaint",
            subject=f"Đơn {status}",
            received_on=date(2026, 10, 1),
            status=status,
            due_on=[date(2026, 10, 20), date(2026, 10, 28), None][n % 3],
            handling_unit=world.office_a if n % 2 else None,
            tracking_code=f"LISTED{n:04d}",
        )
    today, soon = date(2026, 10, 26), date(2026, 10, 29)
    order = ("-received_on", "-id")
    objects = list(Petition.objects.select_related("village", "handling_unit").order_by(*order))
    rows = selectors.listed(Petition.objects.order_by(*order))

    def read(p: Any) -> tuple[Any, ...]:
        unit = p.handling_unit.label if p.handling_unit else None
        village = p.village.name if p.village else None
        return (
            *(p.pk, p.code, p.subject, p.kind, str(p.get_kind_display()), p.second_complaint),
            *(p.received_on, p.anonymous, p.petitioner_name, p.due_on, p.status),
            *(str(p.get_status_display()), p.is_open, p.is_overdue(today), unit, village),
            *(selectors.deadline_badge(p, today, soon), selectors.status_class(p)),
        )

    assert len(rows) == len(objects) > len(statuses)
    assert [read(r) for r in rows] == [read(p) for p in objects]

    def in_province(p: Any) -> tuple[Any, ...]:
        return (
            *(p.pk, p.code, p.subject, str(p.get_kind_display()), p.second_complaint),
            *(p.received_on, p.due_on, str(p.get_status_display()), p.commune.label),
            *(selectors.deadline_badge(p, today, soon), selectors.status_class(p)),
        )

    province = selectors.listed_in_province(Petition.objects.order_by(*order))
    objects = list(Petition.objects.select_related("commune").order_by(*order))
    assert [in_province(r) for r in province] == [in_province(p) for p in objects]


@pytest.mark.django_db
def test_the_case_pages_check_is_the_rule_of_the_book(world: World) -> None:
    """access.sees on a case read by its key opens what petitions_for finds, for the book's
    keepers, a leader, a handler, his unit's officers, readers, the Front, another commune's
    officer and the province: the case page answers 404 to the others."""
    from danvan.petitions.access import petitions_for, sees

    p = receive(world, received_on=date.today())
    handled = receive(world, received_on=date.today())
    services.petition_assign(
        petition=handled, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    unit_only = receive(world, received_on=date.today())
    Petition.objects.filter(pk=unit_only.pk).update(handling_unit=world.office_a)
    cases = [p, handled, unit_only, *Petition.objects.filter(commune=world.other_commune)]
    people = [
        world.chairman, world.officer_a, world.readonly_a, world.officer_b, world.front,
        world.village_head, world.province_viewer, world.outsider, world.admin, world.operator,
    ]  # fmt: skip
    opened = 0
    for user in people:
        for case in cases:
            case = Petition.objects.get(pk=case.pk)
            expected = petitions_for(user).filter(pk=case.pk).exists()
            assert sees(user, case) == expected, (user.username, case.pk)
            status = world.client(user).get(reverse("petitions:detail", args=[case.pk])).status_code
            assert status == (200 if expected else 404), (user.username, case.pk)
            opened += expected
    assert 0 < opened < len(people) * len(cases)
