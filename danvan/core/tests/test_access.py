from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from danvan.conftest import World
from danvan.core.access import get_access, get_item
from danvan.core.audit import log_action
from danvan.core.auth import Backend
from danvan.core.models import (
    Attachment,
    AuditEntry,
    Membership,
    Notification,
    Role,
    Unit,
    User,
)
from danvan.core.uploads import attachment_create, check_upload
from danvan.plans.models import Plan, ProgressReport, Task
from danvan.testing.pages import another_apps_write

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_it_gives_members_their_own_commune_only(world: World) -> None:
    a = get_access(world.officer_a)
    assert a.can_read(world.commune.pk) and not a.can_read(world.other_commune.pk)
    assert a.can_write_for(world.office_a.pk) and not a.can_write_for(world.office_b.pk)
    assert not a.can_manage(world.commune.pk)


def test_it_lets_leaders_manage_but_not_write_for_an_office(world: World) -> None:
    a = get_access(world.chairman)
    assert a.can_manage(world.commune.pk) and not a.can_write_for(world.office_a.pk)


def test_it_gives_read_only_members_no_write(world: World) -> None:
    a = get_access(world.readonly_a)
    assert a.can_read(world.commune.pk) and not a.writable_units and not a.managed_communes


def test_it_lets_a_province_viewer_read_every_commune_of_the_province(world: World) -> None:
    a = get_access(world.province_viewer)
    assert a.can_read(world.commune.pk)
    assert not a.can_read(world.other_commune.pk)  # Ninh Bình is another province
    assert not a.managed_communes and not a.writable_units


def test_it_keeps_the_audit_log_append_only(world: World) -> None:
    entry = log_action(world.commune, "core.test", by=world.chairman, changes={"a": [1, 2]})
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).changes == {"a": [1, 2]}


def test_it_recognises_files_by_content() -> None:
    assert check_upload(SimpleUploadedFile("minh-chung.pdf", PDF)) == "application/pdf"
    assert check_upload(SimpleUploadedFile("anh.jpg", PNG)) == "image/png"


def test_it_refuses_a_disguised_file() -> None:
    with pytest.raises(ValidationError) as e:
        check_upload(SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 this is a program"))
    assert "không đúng định dạng" in e.value.messages[0]


@override_settings(DANVAN_MAX_UPLOAD_BYTES=100)
def test_it_refuses_an_oversized_file() -> None:
    with pytest.raises(ValidationError) as e:
        check_upload(SimpleUploadedFile("to.pdf", PDF + b"0" * 200))
    assert "quá lớn" in e.value.messages[0]


def progress_report(world: World) -> ProgressReport:
    """A real attachment owner: a plan's progress report, whose files go to the commune's readers."""
    plan = Plan.objects.create(
        commune=world.commune, issuing_unit=world.commune, title="Kế hoạch", year=2026
    )
    task = Task.objects.create(
        commune=world.commune,
        plan=plan,
        title="Nhiệm vụ",
        lead_unit=world.office_a,
        start_date=date(2026, 1, 5),
    )
    return ProgressReport.objects.create(
        task=task,
        unit=world.office_a,
        kind=ProgressReport.Kind.LEAD,
        text="Đã làm",
        created_by=world.officer_a,
        reported_on=date(2026, 2, 2),
        period_end=date(2026, 2, 2),
    )


def test_it_serves_a_file_only_inside_its_commune(world: World, tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    f = attachment_create(
        file=SimpleUploadedFile("minh-chung.pdf", PDF),
        owner=progress_report(world),
        commune=world.commune,
        by=world.officer_a,
    )
    url = f"/can-bo/tep/{f.pk}/"
    response = world.client(world.readonly_a).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert world.client(world.outsider).get(url).status_code == 404
    assert world.client(None).get(url).status_code == 302  # to the login page


def test_it_refuses_an_owner_that_does_not_say_who_may_read_its_files(world: World) -> None:
    with pytest.raises(TypeError, match="readable_by"):
        attachment_create(
            file=SimpleUploadedFile("minh-chung.pdf", PDF),
            owner=world.office_a,  # a Unit declares no readable_by
            commune=world.commune,
            by=world.officer_a,
        )
    assert not Attachment.objects.exists()


def test_it_serves_no_file_whose_owner_does_not_say_who_may_read_it(
    world: World, tmp_path, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    f = Attachment.objects.create(
        file=ContentFile(PDF, name="minh-chung.pdf"),
        original_name="minh-chung.pdf",
        mime_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        commune=world.commune,
        uploaded_by=world.officer_a,
        owner_type=ContentType.objects.get_for_model(Unit),
        owner_id=world.office_a.pk,
    )
    assert world.client(world.chairman).get(f"/can-bo/tep/{f.pk}/").status_code == 403


def test_the_users_seats_read_with_her_row_give_the_same_rights(world: World) -> None:
    """core.auth.Backend reads the memberships with the user; get_access then gives what it
    gives a user read alone (a unit closed since counts for neither)."""
    closed = Unit.objects.create(
        kind=Unit.Kind.OFFICE, name="Ban đã giải thể", parent=world.commune, is_active=False
    )
    Membership.objects.create(user=world.officer_a, unit=closed, role=Role.LEADER)
    Membership.objects.create(user=world.officer_a, unit=world.front_unit, role=Role.FRONT)
    people = (
        world.chairman, world.officer_a, world.readonly_a, world.front, world.village_head,
        world.province_viewer, world.outsider, world.admin, world.operator,
    )  # fmt: skip
    for person in people:
        with_row = Backend().get_user(person.pk)
        assert with_row is not None and with_row.seat_rows is not None
        alone = get_access(User.objects.get(pk=person.pk))
        assert get_access(with_row) == alone, person.username
    officer = get_access(Backend().get_user(world.officer_a.pk))
    assert {s.unit_id for s in officer.seats} == {world.office_a.pk, world.front_unit.pk}
    assert not officer.managed_communes


def test_a_page_reads_the_rights_and_the_unread_count_with_the_user(world: World) -> None:
    for title in ("Một", "Hai", "Ba"):
        Notification.objects.create(user=world.chairman, title=title)
    Notification.objects.filter(title="Ba").update(read_at=timezone.now())
    c = Client()
    c.force_login(world.chairman)
    with CaptureQueriesContext(connection) as seen:
        body = c.get(reverse("plans:plans")).content.decode()
    assert '<span class="badge text-bg-danger">2<span class="visually-hidden"> chưa đọc' in body
    read_alone = [
        q["sql"]
        for q in seen.captured_queries
        if q["sql"].startswith(
            ('SELECT "core_membership"', 'SELECT COUNT(*) AS "__count" FROM "core_')
        )
    ]
    assert read_alone == []
    c.post(reverse("core:notifications_read"))
    assert "chưa đọc" not in c.get(reverse("plans:plans")).content.decode()


def test_an_items_row_is_kept_for_a_reader_of_one_commune_until_its_app_writes(
    world: World, plan: Plan
) -> None:
    """get_item keeps the row a GET asks for by its reader's one commune: another app's write
    leaves it kept, its own app's write shows at once; any other request, a reader of several
    communes and a row of another commune are read afresh."""
    from danvan.plans import services

    def read(user: User, method: str = "get") -> tuple[Plan, int]:
        request = getattr(RequestFactory(), method)("/")
        request.user = User.objects.get(pk=user.pk)  # a new request's user
        with CaptureQueriesContext(connection) as seen:
            row = get_item(request, Plan, plan.pk, ("lead_unit",))
        return row, sum('FROM "plans_plan"' in q["sql"] for q in seen.captured_queries)

    assert read(world.chairman)[1] == 1
    row, asked = read(world.chairman)
    assert (asked, row.lead_unit.name) == (0, world.office_a.name)
    assert read(world.officer_a)[1] == 0  # another reader of the commune: the same row
    another_apps_write(world.commune, world.chairman)
    assert read(world.chairman)[1] == 0
    services.plan_update(plan=plan, by=world.chairman, title="Kế hoạch đã sửa")
    row, asked = read(world.chairman)
    assert (asked, row.title) == (1, "Kế hoạch đã sửa")
    assert read(world.chairman, "post")[1] == 1  # a step reads the row afresh
    assert read(world.outsider)[1] and read(world.outsider)[1]  # another commune's row
    Unit.objects.create(kind=Unit.Kind.COMMUNE, name="Xã Bắc Sơn", parent=world.province)
    assert len(get_access(world.province_viewer).readable_communes) == 2
    assert read(world.province_viewer)[1] == read(world.province_viewer)[1] == 1


def test_the_backend_reads_nobody_for_a_bad_id_a_missing_one_or_an_inactive_one(
    world: World,
) -> None:
    backend = Backend()
    found = backend.get_user(str(world.chairman.pk))  # as the session keeps it
    assert (found.pk, found.unread_count) == (world.chairman.pk, 0)
    assert backend.get_user("abc") is None and backend.get_user(10**9) is None
    User.objects.filter(pk=world.officer_a.pk).update(is_active=False)
    assert backend.get_user(world.officer_a.pk) is None
