"""The shared kit every app builds on: the access object and its commune picker, the step runner,
integer parameters, the text and file fields, the expiring cache."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict

from danvan.conftest import World
from danvan.core.access import commune_for, get_access, members
from danvan.core.audit import describe, log_action, register_labels
from danvan.core.cache import Expiring
from danvan.core.errors import DomainError, full_clean
from danvan.core.fields import FileUpload, FileUploads, Text
from danvan.core.http import int_param
from danvan.core.models import Role, Unit, User
from danvan.core.steps import run_step

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _request(user: User, data: dict[str, str] | None = None) -> object:
    request = RequestFactory().post("/", data or {})
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


# --- access ---------------------------------------------------------------------------------


def test_it_reads_memberships_once_per_request(world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    user = User.objects.get(pk=world.village_head.pk)
    with django_assert_num_queries(1):
        access = get_access(user)
        assert access.holds(Role.VILLAGE_HEAD, unit_id=world.village.pk)
        assert access.units(Role.VILLAGE_HEAD, kinds=[Unit.Kind.VILLAGE]) == {world.village.pk}
        assert access.communes(Role.VILLAGE_HEAD) == {world.commune.pk}
        assert not access.holds(Role.OFFICER)
        assert get_access(user) is access


def test_it_gives_the_petition_book_to_leaders_and_the_receiving_office_only(world: World) -> None:
    assert get_access(world.chairman).reception_communes == {world.commune.pk}
    assert get_access(world.officer_b).reception_communes == {world.commune.pk}
    for user in (world.officer_a, world.readonly_a, world.front, world.province_viewer):
        assert get_access(user).reception_communes == set(), user


def test_it_picks_the_users_own_commune_by_default(world: World) -> None:
    assert commune_for(_request(world.officer_a)) == world.commune  # type: ignore[arg-type]
    assert commune_for(_request(world.outsider)) == world.other_commune  # type: ignore[arg-type]


def test_it_picks_the_commune_asked_for_among_those_the_user_reads(world: World) -> None:
    request = _request(world.officer_a)
    assert commune_for(request, str(world.commune.pk)) == world.commune  # type: ignore[arg-type]
    for wanted in (str(world.other_commune.pk), "abc", "9" * 30, "\x00"):
        with pytest.raises(Http404):
            commune_for(request, wanted)  # type: ignore[arg-type]


def test_it_hides_a_number_that_is_no_commune_even_from_an_administrator(world: World) -> None:
    request = _request(world.admin)
    for wanted in (str(world.office_a.pk), "123456", "１２３"):
        with pytest.raises(Http404):
            commune_for(request, wanted)  # type: ignore[arg-type]


def test_it_refuses_a_readable_commune_outside_the_candidates(world: World) -> None:
    request = _request(world.readonly_a)
    with pytest.raises(PermissionDenied):
        commune_for(request, world.commune.pk, among=set())  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        commune_for(request, among=set())  # type: ignore[arg-type]


def test_it_lists_who_to_notify_by_role_and_commune(world: World) -> None:
    leaders = members(Role.LEADER, commune_id=world.commune.pk)
    assert list(leaders) == [world.chairman]
    assert list(members(Role.OFFICER, unit_id=world.office_b.pk)) == [world.officer_b]
    assert world.outsider not in members(Role.OFFICER, commune_id=world.commune.pk)
    desk = members(Role.OFFICER, commune_id=world.commune.pk, receives_petitions=True)
    assert list(desk) == [world.officer_b]
    offices = [world.office_a.pk, world.office_b.pk]
    assert set(members(Role.OFFICER, unit_ids=offices)) == {world.officer_a, world.officer_b}


def test_it_shows_stored_codes_in_words_in_the_history(world: World) -> None:
    register_labels(
        actions={"kit.tested": "Thử"},
        fields={"kind": "Loại"},
        values={"kit.tested": {"kind": {"recommendation": "Kiến nghị"}}},
    )
    entry = log_action(
        world.commune, "kit.tested", by=world.chairman, changes={"kind": "recommendation"}
    )
    assert describe(entry) == ("Thử", [("Loại", "Kiến nghị")])
    other = log_action(world.commune, "kit.other", by=None, changes={"kind": "recommendation"})
    assert describe(other)[1] == [("Loại", "recommendation")]


def test_a_field_named_alike_by_two_apps_is_labelled_as_its_own_app_says(world: World) -> None:
    register_labels(actions={"kitone.done": "Một"}, fields={"due_x": "Hạn khắc phục"})
    register_labels(actions={"kittwo.done": "Hai"}, fields={"due_x": "Hạn thực hiện"})
    one = log_action(world.commune, "kitone.done", by=None, changes={"due_x": "2026-06-30"})
    two = log_action(world.commune, "kittwo.done", by=None, changes={"due_x": "2026-06-30"})
    assert describe(one)[1] == [("Hạn khắc phục", "30/06/2026")]
    assert describe(two)[1] == [("Hạn thực hiện", "30/06/2026")]
    # An action of an app that names no such field still finds a label.
    three = log_action(world.commune, "kitthree.done", by=None, changes={"due_x": "2026-06-30"})
    assert describe(three)[1][0][0] in {"Hạn khắc phục", "Hạn thực hiện"}


# --- step runner ----------------------------------------------------------------------------


class _NameForm(forms.Form):
    name = Text(label="Tên", max_length=10)


def _page() -> HttpResponse:
    return HttpResponse("page")


def test_it_runs_the_service_and_redirects_with_a_message(world: World) -> None:
    request = _request(world.officer_a, {"name": "Bản Mới"})
    form = _NameForm(request.POST)  # type: ignore[attr-defined]
    response = run_step(
        request,  # type: ignore[arg-type]
        form,
        lambda data: data["name"].upper(),
        done=lambda name: f"Đã lưu {name}.",
        then=lambda _: HttpResponse(status=302),
        again=_page,
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(request)] == ["Đã lưu BẢN MỚI."]  # type: ignore[arg-type]


def test_it_keeps_the_form_and_shows_the_domain_error_with_status_400(world: World) -> None:
    request = _request(world.officer_a, {"name": "Bản Mới"})
    form = _NameForm(request.POST)  # type: ignore[attr-defined]

    def refuse(data: dict[str, str]) -> None:
        raise DomainError("Đã có thôn này.")

    response = run_step(request, form, refuse, done="-", then=lambda _: _page(), again=_page)  # type: ignore[arg-type]
    assert response.status_code == 400
    assert form.non_field_errors() == ["Đã có thôn này."]
    assert form["name"].value() == "Bản Mới"


def test_it_shows_the_blank_form_on_get(world: World) -> None:
    request = RequestFactory().get("/")
    request.user = world.officer_a
    response = run_step(request, _NameForm(), lambda data: None, done="-", then=_page, again=_page)  # type: ignore[arg-type]
    assert response.status_code == 200


def test_it_turns_model_validation_into_a_domain_error(world: World) -> None:
    unit = Unit(kind="not-a-kind", name="")
    with pytest.raises(DomainError) as e:
        full_clean(unit)
    assert e.value.message


# --- parameters and fields ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("12", 12),
        (" 7 ", 7),
        (5, 5),
        ("", None),
        (None, None),
        ("abc", None),
        ("1.5", None),
        ("9" * 30, None),
        ("\x00", None),
    ],
)
def test_it_reads_integer_parameters_without_failing(raw: object, number: int | None) -> None:
    assert int_param(raw) == number


def test_it_drops_control_characters_and_speaks_vietnamese() -> None:
    field = Text(label="Nội dung", max_length=5)
    assert field.clean("  a\x00b\x07c\n ") == "abc"
    with pytest.raises(forms.ValidationError) as e:
        field.clean("")
    assert e.value.messages == ["Trường này là bắt buộc."]
    with pytest.raises(forms.ValidationError) as e:
        field.clean("abcdefgh")
    assert e.value.messages == ["Tối đa 5 ký tự (bạn đã nhập 8)."]


def test_it_recognises_uploads_by_content_and_names_every_bad_file() -> None:
    field = FileUploads(most=2, mimes={"application/pdf", "image/png"}, required=False)
    good = [SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.png", PNG)]
    assert field.clean(good) == good
    with pytest.raises(forms.ValidationError) as e:
        field.clean(
            [SimpleUploadedFile("x.pdf", b"MZ not a pdf"), SimpleUploadedFile("e.png", b"")]
        )
    assert len(e.value.messages) == 2
    assert "x.pdf" in e.value.messages[0] and "e.png" in e.value.messages[1]
    with pytest.raises(forms.ValidationError) as e:
        field.clean([SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(3)])
    assert e.value.messages == ["Chỉ đính kèm tối đa 2 tệp."]


def test_it_narrows_a_single_upload_to_the_accepted_types() -> None:
    docx_like = SimpleUploadedFile("bien-ban.png", PDF)
    with pytest.raises(forms.ValidationError) as e:
        FileUpload(mimes={"image/png"}).clean(docx_like)
    assert "bien-ban.png" in e.value.messages[0]


def test_it_reads_a_multiple_upload_from_a_posted_form() -> None:
    class EvidenceForm(forms.Form):
        files = FileUploads(label="Minh chứng", required=False)

    files = MultiValueDict({"files": [SimpleUploadedFile("a.pdf", PDF)] * 2})
    form = EvidenceForm({}, files)
    assert form.is_valid(), form.errors
    assert len(form.cleaned_data["files"]) == 2


def test_a_model_choice_field_reads_its_options_in_one_plain_query(
    world: World, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """core.fields.ReadChoices: no server-side cursor (PostgreSQL's DECLARE) for a list of units,
    and the options read afresh each time the field is written, as Django's own iterator does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    class Pick(forms.Form):
        unit = forms.ModelChoiceField(Unit.objects.filter(commune=world.commune).order_by("pk"))

    form = Pick()
    with CaptureQueriesContext(connection) as read:
        written = str(form["unit"])
    assert len(read.captured_queries) == 1
    assert not read.captured_queries[0]["sql"].lstrip().upper().startswith("DECLARE")
    assert f'value="{world.office_a.pk}"' in written and "---------" in written
    renamed = Unit.objects.create(
        name="Ban mới <b>", kind=Unit.Kind.OFFICE, parent=world.commune, commune=world.commune
    )
    with django_assert_num_queries(1):
        again = str(form["unit"])
    assert f'value="{renamed.pk}"' in again and "Ban mới &lt;b&gt;" in again


# --- cache ----------------------------------------------------------------------------------


def test_it_keeps_a_value_until_it_expires_or_is_forgotten() -> None:
    loads: list[int] = []
    cached = Expiring(lambda: loads.append(1) or len(loads), seconds=3600)
    assert cached() == 1
    assert cached() == 1
    cached.forget()
    assert cached() == 2
    cached.seconds = -1
    assert cached() == 3


def test_a_kept_value_is_computed_again_once_its_communes_records_change(world: World) -> None:
    from danvan.core.cache import kept

    counted: list[str] = []

    def count(name: str) -> str:
        counted.append(name)
        return name

    def read() -> tuple[str, str]:
        return (
            kept("test:one", world.commune.pk, lambda: count("one")),
            kept("test:any", None, lambda: count("any")),
        )

    read()
    read()
    assert counted == ["one", "any"]  # computed once, then kept
    log_action(world.other_commune, "units.renamed", by=world.admin, commune=world.other_commune)
    read()
    assert counted == ["one", "any", "any"]  # another commune's write: only "any commune" moves
    log_action(world.commune, "units.renamed", by=world.admin, commune=world.commune)
    read()
    assert counted == ["one", "any", "any", "one", "any"]
    log_action(world.village, "units.renamed", by=world.admin, commune=None)
    read()  # an entry without a commune counts for every commune
    assert counted[5:] == ["one", "any"]


@contextmanager
def _one_request() -> Iterator[None]:
    """The request's signals, as Django's test client sends them, without closing the test's
    connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        yield
    finally:
        request_finished.send(sender=None)
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def test_a_value_across_a_readers_communes_is_kept_for_one_commune_only(world: World) -> None:
    """A reader of one commune gets the kept value until it changes; a reader of several
    communes (a province viewer) gets it computed every time."""
    from danvan.core.cache import kept_across

    counted: list[str] = []

    def count(name: str) -> str:
        counted.append(name)
        return name

    def read() -> None:
        kept_across({world.commune.pk}, "test:one", lambda: count("one"))
        kept_across({world.commune.pk, world.other_commune.pk}, "test:two", lambda: count("two"))

    read()
    read()
    assert counted == ["one", "two", "two"]
    log_action(world.commune, "units.renamed", by=world.admin, commune=world.commune)
    read()
    assert counted[3:] == ["one", "two"]


def test_within_a_request_the_newest_change_is_read_once_and_again_after_its_own_write(
    world: World, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """A page keeping several parts asks for its commune's newest entry once; a write of the
    same request (a step, then the page) is seen at once; the next request reads it anew."""
    from danvan.core.audit import last_change

    with _one_request():
        with django_assert_num_queries(1):
            first = last_change(world.commune.pk)
            assert last_change(world.commune.pk) == first
        written = log_action(world.commune, "units.renamed", by=world.admin, commune=world.commune)
        with django_assert_num_queries(1):
            assert last_change(world.commune.pk) == written.pk
            assert last_change(world.commune.pk) == written.pk
    # Between requests (a command, a job) every call reads the log.
    with django_assert_num_queries(2):
        assert last_change(world.commune.pk) == written.pk
        assert last_change(world.commune.pk) == written.pk


def test_a_communes_newest_change_is_the_newest_of_its_apps_marks_read_once(
    world: World, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """A page keeping parts by the whole commune and parts by some apps reads the marks once;
    an entry without a commune moves every commune's newest change, one of another commune
    does not."""
    from danvan.core.audit import app_changes, last_change

    other = Unit.objects.create(name="Xã Khác", kind=Unit.Kind.COMMUNE)
    mine = log_action(world.commune, "units.renamed", by=world.admin, commune=world.commune)
    with _one_request(), django_assert_num_queries(1):
        assert app_changes(world.commune.pk)["core"] == mine.pk
        assert last_change(world.commune.pk) == mine.pk
    log_action(other, "units.renamed", by=world.admin, commune=other)
    assert last_change(world.commune.pk) == mine.pk
    everyone = log_action(world.admin, "users.changed", by=world.admin, commune=None)
    assert last_change(world.commune.pk) == everyone.pk
    assert last_change(other.pk) == everyone.pk
    assert last_change(None) == everyone.pk


def test_with_kept_pages_off_every_value_is_computed_afresh(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    """DANVAN_KEPT_PAGES=false: what the benchmarks measure as a page's first request after a
    write."""
    from danvan.core.cache import kept

    settings.KEPT_PAGES = False
    counted: list[str] = []

    def count() -> str:
        counted.append("off")
        return "off"

    for _ in range(3):
        kept("test:off", world.commune.pk, count)
    assert counted == ["off", "off", "off"]
