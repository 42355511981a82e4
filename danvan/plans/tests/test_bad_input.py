"""No input makes a 500, refused input is explained in Vietnamese, and nothing typed is lost.

Property tests (hypothesis) throw arbitrary text at every form and query string: NUL bytes,
very long strings, right-to-left and combining characters, impossible dates, huge numbers,
ids of another commune. Bugs found this way got a test of their own (the section "found by fuzzing" below).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django import forms
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils.html import escape
from django.utils.text import get_valid_filename
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from danvan.conftest import PASSWORD, World
from danvan.core.models import Attachment
from danvan.plans.forms import ProgressReportForm
from danvan.plans.models import Plan, ProgressReport, Recurrence, Task

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
PDF = b"%PDF-1.4\n%%EOF\n"
# The report form's file field (named `evidence` today), found by its type.
FILES_FIELD = next(
    name for name, f in ProgressReportForm.base_fields.items() if isinstance(f, forms.FileField)
)

# --- strategies -------------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "\u202eRTL override\u202c",
    "مرحبا بالعالم",
    "שלום",
    "e\u0301\u0302\u0303\u0304",
    "Z\u0351\u0360\u0361\u0362",
    "Đối thoại với Nhân dân",
    "' OR 1=1 --",
    "%",
    "_",
    "\\",
    "\ufeff",
    "\U0001f600",
    "１２３",
    "٣",
    "-1",
    "0",
    "99999999999999999999",
    "1e10",
    "NaN",
    "<script>alert(1)</script>",
]
TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.text(min_size=200, max_size=600))
NUMBER_TEXT = st.one_of(TEXT, st.integers().map(str), st.integers(-5, 200).map(str))
BAD_DATES = [
    "31/02/2026",
    "2026-13-01",
    "",
    "abc",
    "99999-01-01",
    "0000-01-01",
    "29/02/2027",
    "32/01/2026",
    "１２/０３/２０２６",
    "12/03/20266",
    "\x00",
]
# Valid dates stay within 1900–2200; the ends of the calendar have their own tests below.
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
VALID_DATE = st.builds(
    lambda d, fmt: d.strftime(fmt),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from(DATE_FORMATS),
)
DATE_TEXT = st.one_of(VALID_DATE, st.sampled_from(BAD_DATES), TEXT)
# Which unit a form names: one of the commune's, another commune's, one that does not exist.
UNIT_CHOICE = st.sampled_from(
    ["office_a", "office_b", "front_unit", "commune", "other_office", "missing", "garbage"]
)


def storable(name: str) -> bool:
    """Whether the storage can make a file name of it (the others have their own test below)."""
    try:
        get_valid_filename(name)
    except SuspiciousFileOperation:
        return False
    return True


# Browsers escape quotes and line breaks in a file name (the test client does not). Names stay
# short and keep a letter or digit; the others have their own tests below.
FILE_NAME = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters='"\r\n/\\'), min_size=1, max_size=60
).filter(storable)
UPLOAD = st.builds(
    lambda name, head, rest: SimpleUploadedFile(name, head + rest),
    FILE_NAME,
    st.sampled_from([b"", PDF, b"PK\x03\x04", b"\xff\xd8\xff"]),
    st.binary(max_size=64),
)
PDF_UPLOAD = st.builds(
    lambda name, rest: SimpleUploadedFile(name, PDF + rest), FILE_NAME, st.binary(max_size=64)
)


def typed_text(min_size: int = 0, max_size: int = 100) -> st.SearchStrategy[str]:
    """What a person could type: any letter, no NUL, not only blanks when required."""
    text = st.text(
        alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
        min_size=min_size,
        max_size=max_size,
    )
    return text.filter(lambda t: t.strip() != "") if min_size else text


MY_UNITS = st.sampled_from(["office_a", "office_b", "front_unit", "village"])


@st.composite
def mutated(
    draw: st.DrawFn,
    valid: dict[str, st.SearchStrategy[Any]],
    nasty: dict[str, st.SearchStrategy[Any]],
) -> dict[str, Any]:
    """Valid form data with up to three fields replaced by nasty input (none: a valid form).

    Mostly-valid data reaches the services behind the form, where the deeper bugs live.
    """
    broken = draw(st.sets(st.sampled_from(sorted(nasty)), max_size=3))
    return {name: draw(nasty[name] if name in broken else valid[name]) for name in valid}


# --- helpers ----------------------------------------------------------------------------------

VIETNAMESE_LETTER = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
VIETNAMESE_WORDS = ("không", "Nhập", "hợp lệ", "phải", "Trường này")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@contextmanager
def isolated() -> Iterator[None]:
    """Run one example in a savepoint rolled back after it, so examples do not see each other."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def unit_id(world: World, choice: str) -> str:
    if choice == "missing":
        return "987654321"
    if choice == "garbage":
        return "x\x00' OR 1=1"
    return str(getattr(world, choice).pk)


def assert_vietnamese_errors(response: Any) -> None:
    """The form came back with errors, each shown on the page and written in Vietnamese."""
    assert response.context is not None and "form" in response.context, "no form came back"
    messages = [str(m) for errors in response.context["form"].errors.values() for m in errors]
    assert messages, "the form came back without saying what is wrong"
    body = response.content.decode()
    for message in messages:
        assert escape(message) in body, f"error not shown: {message}"
        assert VIETNAMESE_LETTER.search(message) or any(w in message for w in VIETNAMESE_WORDS), (
            f"error not in Vietnamese: {message}"
        )


def assert_echoed(response: Any, typed: dict[str, str]) -> None:
    body = response.content.decode()
    lost = [name for name, value in typed.items() if escape(value) not in body]
    assert lost == [], f"typed text lost from {lost}"


# --- query strings ----------------------------------------------------------------------------


@FUZZ
@given(q=TEXT, status=TEXT, scope=TEXT, page=NUMBER_TEXT)
def test_it_lists_tasks_whatever_the_query_string(
    world: World, task: Task, q: str, status: str, scope: str, page: str
) -> None:
    with isolated():
        response = world.client(world.officer_b).get(
            "/can-bo/nhiem-vu/", {"q": q, "status": status, "scope": scope, "page": page}
        )
        assert response.status_code == 200
        if response.context["form"].errors:
            assert_vietnamese_errors(response)


@FUZZ
@given(
    persona=st.sampled_from(["chairman", "province_viewer", "outsider", "admin"]),
    xa=st.one_of(NUMBER_TEXT, st.sampled_from(["commune", "other_commune"])),
    nam=NUMBER_TEXT,
)
def test_it_shows_the_dashboard_whatever_the_query_string(
    world: World, task: Task, persona: str, xa: str, nam: str
) -> None:
    if xa in {"commune", "other_commune"}:
        xa = str(getattr(world, xa).pk)
    with isolated():
        response = world.client(getattr(world, persona)).get(
            "/can-bo/tong-quan/", {"xa": xa, "nam": nam}
        )
        assert response.status_code in {200, 404}


@pytest.mark.parametrize(
    "path",
    [
        "/can-bo/nhiem-vu/99999999999999999999/",
        "/can-bo/nhiem-vu/99999999999999999999/bao-cao/",
        "/can-bo/ke-hoach/99999999999999999999/",
        "/can-bo/ke-hoach/99999999999999999999/sua/",
        "/can-bo/ke-hoach/99999999999999999999/tien-do.xlsx",
        "/can-bo/ke-hoach/99999999999999999999/nhiem-vu/99999999999999999999/sua/",
        "/can-bo/tep/99999999999999999999/",
        "/can-bo/van-ban/99999999999999999999/",
        "/ke-hoach/99999999999999999999/",
        "/can-bo/khong-co-trang-nay/",
    ],
)
def test_it_answers_404_in_vietnamese_to_a_missing_record(world: World, path: str) -> None:
    response = world.client(world.admin).get(path)
    # The report URL is POST-only; every other one names a record that does not exist.
    assert response.status_code == (405 if path.endswith("/bao-cao/") else 404)
    if response.status_code == 404:
        assert "Không tìm thấy trang" in response.content.decode()


@FUZZ
@given(status=TEXT.filter(lambda s: s.strip() != ""))
def test_it_refuses_an_unknown_plan_status_without_a_500(
    world: World, plan: Plan, task: Task, status: str
) -> None:
    with isolated():
        response = world.client(world.chairman).post(
            f"/can-bo/ke-hoach/{plan.pk}/trang-thai/{quote(status, safe='')}/"
        )
        assert response.status_code in {302, 404}
        assert Plan.objects.get(pk=plan.pk).status in {Plan.Status.DRAFT, Plan.Status.ISSUED}


# --- the progress report ----------------------------------------------------------------------


REPORT_VALID = {
    "unit": st.just("office_a"),
    "text": typed_text(1, 300),
    "percent": st.one_of(st.just(""), st.integers(0, 100).map(str)),
    "milestone": typed_text(0, 100),
    "is_final": st.sampled_from(["", "on"]),
    "uploads": st.lists(PDF_UPLOAD, max_size=2),
}
REPORT_NASTY = {
    "unit": UNIT_CHOICE,
    "text": TEXT,
    "percent": NUMBER_TEXT,
    "milestone": TEXT,
    "is_final": TEXT,
    "uploads": st.lists(UPLOAD, max_size=6),
}


@FUZZ
@given(draw=mutated(REPORT_VALID, REPORT_NASTY))
def test_it_takes_any_progress_report_without_a_500(
    world: World, task: Task, draw: dict[str, Any]
) -> None:
    typed = {k: draw[k] for k in ("text", "percent", "milestone")}
    data = {**draw, "unit": unit_id(world, draw["unit"]), FILES_FIELD: draw["uploads"]}
    del data["uploads"]
    with isolated():
        before = ProgressReport.objects.count()
        response = world.client(world.officer_a).post(f"/can-bo/nhiem-vu/{task.pk}/bao-cao/", data)
        event(f"status {response.status_code}")
        assert response.status_code in {302, 400}
        if response.status_code == 302:
            assert ProgressReport.objects.count() == before + 1
            assert ProgressReport.objects.latest("id").unit == world.office_a
        else:
            assert ProgressReport.objects.count() == before
            assert_vietnamese_errors(response)
            assert_echoed(response, typed)


def test_it_keeps_the_report_when_a_file_is_refused(world: World, task: Task) -> None:
    response = world.client(world.officer_a).post(
        f"/can-bo/nhiem-vu/{task.pk}/bao-cao/",
        {
            "unit": world.office_a.pk,
            "text": "Đã tổ chức hội nghị đối thoại",
            "milestone": "Hội nghị ngày 15/10",
            FILES_FIELD: [SimpleUploadedFile("chuong-trinh.exe", b"MZ\x90\x00")],
        },
    )
    assert response.status_code == 400
    assert_vietnamese_errors(response)
    assert_echoed(
        response, {"text": "Đã tổ chức hội nghị đối thoại", "milestone": "Hội nghị ngày 15/10"}
    )


# --- the plan form ----------------------------------------------------------------------------


def plan_data(world: World, draw: dict[str, str]) -> dict[str, str]:
    parents = {p.title: str(p.pk) for p in Plan.objects.all()}
    return {
        **draw,
        "issuing_unit": unit_id(world, draw["issuing_unit"]),
        "parent": parents.get(draw.get("parent", ""), draw.get("parent", "")),
    }


OWN_PLAN = "Kế hoạch thực hiện công tác dân vận chính quyền năm 2026"  # the `plan` fixture
OTHER_PLAN = "Kế hoạch của xã khác"  # the plan of the `other_task` fixture
PLAN_VALID = {
    "title": typed_text(1, 120),
    "number": typed_text(0, 20),
    "symbol": typed_text(1, 40),
    "place": typed_text(0, 100),
    "year": st.integers(2000, 2100).map(str),
    "issued_on": st.one_of(st.just(""), VALID_DATE),
    "issuing_unit": st.sampled_from(["commune", "office_a", "village"]),
    "parent": st.sampled_from(["", OWN_PLAN]),
}
PLAN_NASTY = {
    "title": TEXT,
    "number": TEXT,
    "symbol": TEXT,
    "place": TEXT,
    "year": st.one_of(NUMBER_TEXT, st.sampled_from(["99999", "2026", "1999", "2101"])),
    "issued_on": DATE_TEXT,
    "issuing_unit": UNIT_CHOICE,
    # By title: this commune's plan, the other commune's (see plan_data), or no plan at all.
    "parent": st.sampled_from(["", "987654321", "abc", OWN_PLAN, OTHER_PLAN]),
}


@FUZZ
@given(draw=mutated(PLAN_VALID, PLAN_NASTY), edit=st.booleans())
def test_it_takes_any_plan_form_without_a_500(
    world: World, plan: Plan, other_task: Task, draw: dict[str, str], edit: bool
) -> None:
    url = f"/can-bo/ke-hoach/{plan.pk}/sua/" if edit else "/can-bo/ke-hoach/them/"
    with isolated():
        response = world.client(world.chairman).post(url, plan_data(world, draw))
        event(f"status {response.status_code}")
        assert response.status_code in {200, 302}
        if response.status_code == 302:
            saved = Plan.objects.latest("id") if not edit else Plan.objects.get(pk=plan.pk)
            assert saved.commune == world.commune
            assert saved.issuing_unit.commune_id == world.commune.pk
            assert saved.parent is None or saved.parent.commune_id == world.commune.pk
        else:
            assert_vietnamese_errors(response)
            typed = {k: draw[k] for k in ("title", "number", "symbol", "place", "year")}
            assert_echoed(response, {**typed, "issued_on": draw["issued_on"]})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("issued_on", "31/02/2026"),
        ("issued_on", "2026-13-01"),
        ("issued_on", "abc"),
        ("issued_on", "99999-01-01"),
        ("year", "99999"),
        ("year", "abc"),
        ("year", ""),
        ("title", ""),
        ("issuing_unit", "other_office"),
        ("issuing_unit", "missing"),
    ],
)
def test_it_explains_a_wrong_plan_field_in_vietnamese(
    world: World, plan: Plan, field: str, value: str
) -> None:
    data = {
        "title": "Kế hoạch tiếp công dân",
        "symbol": "KH-UBND",
        "place": "Hồng Phong",
        "year": "2026",
        "issued_on": "10/04/2026",
        "issuing_unit": "commune",
        field: value,
    }
    response = world.client(world.chairman).post(
        f"/can-bo/ke-hoach/{plan.pk}/sua/", plan_data(world, data)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert_vietnamese_errors(response)
    assert_echoed(response, {k: data[k] for k in ("title", "place", "year", "issued_on")})


# --- the task form ----------------------------------------------------------------------------

TASK_VALID = {
    "title": typed_text(1, 200),
    "description": typed_text(0, 200),
    "expected_result": typed_text(0, 100),
    "lead_unit": MY_UNITS,
    "coordinating_units": st.lists(MY_UNITS, max_size=3),
    "recurrence": st.sampled_from(Recurrence.values),
    "start_date": st.one_of(st.just(""), VALID_DATE),
    "due_date": st.one_of(st.just(""), VALID_DATE),
}
TASK_NASTY = {
    "title": TEXT,
    "description": TEXT,
    "expected_result": TEXT,
    "lead_unit": UNIT_CHOICE,
    "coordinating_units": st.lists(UNIT_CHOICE, max_size=3),
    "recurrence": st.one_of(st.sampled_from([*Recurrence.values, "weekly"]), TEXT),
    "start_date": DATE_TEXT,
    "due_date": DATE_TEXT,
}


def task_data(world: World, draw: dict[str, Any]) -> dict[str, Any]:
    return {
        **draw,
        "lead_unit": unit_id(world, draw["lead_unit"]),
        "coordinating_units": [unit_id(world, u) for u in draw["coordinating_units"]],
    }


def check_task_response(response: Any, world: World, draw: dict[str, Any]) -> None:
    event(f"status {response.status_code}")
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        saved = Task.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
        units = [saved.lead_unit, *saved.coordinating_units.all()]
        assert {u.commune_id for u in units} == {world.commune.pk}
    else:
        assert_vietnamese_errors(response)
        typed = ("title", "description", "expected_result", "start_date", "due_date")
        assert_echoed(response, {k: draw[k] for k in typed})


@FUZZ
@given(draw=mutated(TASK_VALID, TASK_NASTY))
def test_it_takes_any_new_task_without_a_500(
    world: World, plan: Plan, draw: dict[str, Any]
) -> None:
    with isolated():
        response = world.client(world.chairman).post(
            f"/can-bo/ke-hoach/{plan.pk}/nhiem-vu/them/", task_data(world, draw)
        )
        check_task_response(response, world, draw)


# An empty start date on edit is test_it_refuses_an_empty_start_date_on_edit (a known 500).
NOT_BLANK_DATE = DATE_TEXT.filter(lambda d: d.strip() != "")


@FUZZ
@given(
    draw=mutated(
        {**TASK_VALID, "start_date": VALID_DATE}, {**TASK_NASTY, "start_date": NOT_BLANK_DATE}
    )
)
def test_it_takes_any_task_edit_without_a_500(
    world: World, plan: Plan, task: Task, draw: dict[str, Any]
) -> None:
    with isolated():
        response = world.client(world.chairman).post(
            f"/can-bo/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/sua/", task_data(world, draw)
        )
        check_task_response(response, world, draw)


# --- login ------------------------------------------------------------------------------------


def test_it_explains_a_wrong_password_in_vietnamese(world: World) -> None:
    response = Client().post("/dang-nhap/", {"username": "chairman", "password": "sai-mat-khau"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in body
    assert 'value="chairman"' in body


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("chair\x00man", PASSWORD),
        ("chairman", "x\x00"),
        ("", ""),
        ("x" * 151, "y"),
        ("\U00020000" * 150, "y"),
        ("' OR 1=1 --", "y"),
    ],
)
def test_it_refuses_a_strange_login_without_a_500(
    world: World, username: str, password: str
) -> None:
    response = Client().post("/dang-nhap/", {"username": username, "password": password})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in response.client.session


def test_it_locks_out_in_vietnamese_after_repeated_failures(world: World) -> None:
    client = Client()
    for _ in range(6):
        response = client.post("/dang-nhap/", {"username": "officer_a", "password": "sai"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()


# --- found by fuzzing -------------------------------------------------------------------------------


def test_it_drops_a_nul_byte_from_a_report(world: World, task: Task) -> None:
    # One text policy for every form (core.fields.Text): invisible control characters are
    # dropped, what the officer can see is kept.
    response = world.client(world.officer_a).post(
        f"/can-bo/nhiem-vu/{task.pk}/bao-cao/", {"unit": world.office_a.pk, "text": "a\x00b"}
    )
    assert response.status_code == 302
    assert task.reports.get().text == "ab"


def test_it_refuses_an_empty_start_date_on_edit(world: World, plan: Plan, task: Task) -> None:
    data = {
        "title": "Tổ chức đối thoại",
        "lead_unit": world.office_a.pk,
        "recurrence": "once",
        "start_date": "",
        "due_date": "30/10/2026",
    }
    client = world.client(world.chairman)
    client.raise_request_exception = False
    response = client.post(f"/can-bo/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/sua/", data)
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert_vietnamese_errors(response)
        assert_echoed(response, {"title": data["title"], "due_date": data["due_date"]})


@pytest.mark.parametrize(
    ("recurrence", "start", "due"),
    [
        ("monthly", "01/01/2026", "31/12/9999"),
        ("yearly", "01/01/9999", ""),
        ("quarterly", "", "31/12/9999"),
        ("once", "01/01/0001", "05/01/0001"),
    ],
)
def test_it_refuses_a_task_at_the_ends_of_the_calendar(
    world: World, plan: Plan, recurrence: str, start: str, due: str
) -> None:
    data = {
        "title": "Nhiệm vụ rất dài hạn",
        "lead_unit": world.office_a.pk,
        "recurrence": recurrence,
        "start_date": start,
        "due_date": due,
    }
    client = world.client(world.chairman)
    client.raise_request_exception = False
    response = client.post(f"/can-bo/ke-hoach/{plan.pk}/nhiem-vu/them/", data)
    assert response.status_code == 200
    assert_vietnamese_errors(response)
    assert_echoed(response, {"title": data["title"], "start_date": start, "due_date": due})


def test_it_stores_a_file_with_a_long_unicode_name(world: World, task: Task) -> None:
    name = "\U00020000" * 80 + ".pdf"
    client = world.client(world.officer_a)
    client.raise_request_exception = False
    response = client.post(
        f"/can-bo/nhiem-vu/{task.pk}/bao-cao/",
        {"unit": world.office_a.pk, "text": "x", FILES_FIELD: [SimpleUploadedFile(name, PDF)]},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["\U0001f4c4", ":", "bien-ban." + "x" * 120])
def test_it_keeps_the_report_when_a_file_name_cannot_be_stored(
    world: World, task: Task, name: str
) -> None:
    text = "Báo cáo dài đã gõ"
    response = world.client(world.officer_a).post(
        f"/can-bo/nhiem-vu/{task.pk}/bao-cao/",
        {"unit": world.office_a.pk, "text": text, FILES_FIELD: [SimpleUploadedFile(name, PDF)]},
    )
    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert_vietnamese_errors(response)
        assert_echoed(response, {"text": text})


def test_it_keeps_any_file_name_for_display_but_not_on_disk(world: World, task: Task) -> None:
    # Names are the sender's: shown as typed, never used as a path (emoji, 300 bytes, slashes).
    name = "../bien ban 📄 " + "x" * 120 + ".pdf"
    response = world.client(world.officer_a).post(
        f"/can-bo/nhiem-vu/{task.pk}/bao-cao/",
        {"unit": world.office_a.pk, "text": "x", FILES_FIELD: [SimpleUploadedFile(name, PDF)]},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.file.name.startswith("attachments/") and attachment.file.name.endswith(".pdf")
    assert "📄" not in attachment.file.name and len(attachment.file.name) < 60
    assert attachment.file.read() == PDF
