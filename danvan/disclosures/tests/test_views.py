"""Pages, bad input, exports, reminders and the portal of the disclosure register."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document as Docx
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.core.models import AuditEntry, Notification
from danvan.disclosures import services
from danvan.disclosures.models import Disclosure, Posting
from danvan.disclosures.tests.helpers import category, channel, disclosure, pdf

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 20)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _form(**extra: Any) -> dict[str, Any]:
    return {
        "category": category(2).pk,
        "title": "Dự toán ngân sách xã năm 2026",
        "content": "Dự toán thu, chi.",
        "decided_on": "2026-05-04",
        **extra,
    }


@time_machine.travel(TODAY, tick=False)
def test_it_registers_a_disclosure_with_a_document_and_audits_it(world: World) -> None:
    c = world.client(world.officer_a)
    data = _form(
        responsible_unit=world.office_a.pk,
        document_title="Nghị quyết",
        document=SimpleUploadedFile("nq.pdf", b"%PDF-1.4\n%%EOF", "application/pdf"),
        document_public="on",
    )
    response = c.post(reverse("disclosures:create"), data)
    d = Disclosure.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{d.pk}/")
    assert d.start_due == date(2026, 5, 11)
    assert d.documents.get().public
    assert AuditEntry.objects.filter(action="disclosures.created").count() == 1
    page = c.get(response["Location"]).content.decode()
    assert "Hạn bắt đầu công khai" in page and "11/05/2026" in page


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"decided_on": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"decided_on": "2027-01-01"}, "Ngày không được sau hôm nay."),
        ({"start_days_override": "-3", "override_basis": "x"}, "Thời hạn không được âm."),
        ({"start_days_override": "99999999999999999999"}, "Thời hạn tối đa 365"),
        ({"start_days_override": "3"}, "Ghi căn cứ pháp lý"),
        ({"category": "abc"}, "Chọn một nội dung trong danh sách."),
        ({"title": ""}, "bắt buộc"),
    ],
)
def test_it_refuses_bad_input_in_vietnamese_and_keeps_what_was_typed(
    world: World, change: dict[str, str], message: str
) -> None:
    c = world.client(world.officer_a)
    data = _form(responsible_unit=world.office_a.pk, content="<script>alert(1)</script>", **change)
    response = c.post(reverse("disclosures:create"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body
    assert not Disclosure.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_it_refuses_a_disguised_upload(world: World) -> None:
    c = world.client(world.officer_a)
    data = _form(
        responsible_unit=world.office_a.pk,
        document=SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
    )
    response = c.post(reverse("disclosures:create"), data)
    assert response.status_code == 400
    assert "không đúng định dạng cho phép" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_it_refuses_an_impossible_posting_on_the_same_page(world: World) -> None:
    d = disclosure(world, decided_on=date(2026, 5, 4))
    c = world.client(world.officer_a)
    url = reverse("disclosures:posting_add", args=[d.pk])
    cases = [
        (
            {
                "cv-channel": channel("tru-so-ubnd").pk,
                "cv-start_on": "2026-05-10",
                "cv-end_on": "2026-05-01",
            },
            "Ngày kết thúc không được trước ngày bắt đầu.",
        ),
        (
            {"cv-channel": channel("tru-so-ubnd").pk, "cv-start_on": "2026-05-01"},
            "Không thể công khai trước ngày ban hành văn bản",
        ),
        (
            {"cv-channel": channel("nha-van-hoa-thon").pk, "cv-start_on": "2026-05-05"},
            "cần chọn thôn",
        ),
        ({"cv-channel": "999999", "cv-start_on": "2026-05-05"}, "Chọn một hình thức"),
    ]
    for data, message in cases:
        response = c.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    assert not Posting.objects.exists()


def _quarter_scene(world: World) -> Disclosure:
    d = disclosure(
        world, number=7, decided_on=date(2026, 4, 1), title="Thu quỹ phòng chống thiên tai"
    )
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("tru-so-ubnd"),
        start_on=date(2026, 4, 10),
        end_on=date(2026, 5, 20),
        proof=pdf(),
    )
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("truyen-thanh-xa"),
        start_on=date(2026, 4, 10),
        end_on=date(2026, 4, 11),
    )
    disclosure(world, number=1, decided_on=date(2026, 1, 5), title="Kế hoạch quý một")
    return d


@time_machine.travel(date(2026, 7, 1), tick=False)
def test_it_exports_the_quarterly_list_with_flags_as_xlsx(world: World) -> None:
    """Days are counted from the day after posting (BLDS 2015 Điều 147): 10/04–20/05 is 40
    days, a broadcast 10/04–11/04 is 1 day, 3 are due through 13/04 (Điều 13 khoản 3)."""
    _quarter_scene(world)
    response = world.client(world.readonly_a).get(
        reverse("disclosures:report_xlsx") + "?quy=2026-Q2"
    )
    ws = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    lines = [v for v in values if v[0] and str(v[0]).isdigit()]
    assert [v[5] for v in lines] == ["Niêm yết tại trụ sở UBND xã", "Hệ thống truyền thanh của xã"]
    assert lines[0][8] == "40" and lines[0][10] == "Có (1)" and lines[0][11] == "Muộn"
    assert lines[0][9] == "30 ngày (đến hết 10/05/2026)"
    assert lines[1][8] == "1" and lines[1][10] == "Thiếu"
    assert lines[1][9] == "3 ngày (đến hết 13/04/2026)"
    assert "Chưa đủ thời hạn" in lines[1][11] and "Thiếu minh chứng" in lines[1][11]
    assert "Kế hoạch quý một" not in str(values)


@time_machine.travel(date(2026, 7, 1), tick=False)
def test_it_exports_the_quarterly_report_in_the_official_layout(world: World) -> None:
    _quarter_scene(world)
    response = world.client(world.chairman).get(reverse("disclosures:report_docx") + "?quy=2026-Q2")
    doc = Docx(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "BÁO CÁO" in text.upper() and "quý 2 năm 2026" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "Thu quỹ phòng chống thiên tai" in cells and "Thiếu" in cells


def test_it_sends_each_warning_once_as_a_reminder(world: World) -> None:
    with time_machine.travel(date(2026, 5, 20), tick=False):
        d = disclosure(world, decided_on=date(2026, 5, 4))
        services.posting_add(
            disclosure=d,
            by=world.officer_a,
            channel=channel("nha-van-hoa-thon"),
            village=world.village,
            start_on=date(2026, 5, 14),
        )
        config = apps.get_app_config("disclosures")
        sent = config.send_reminders(today=date(2026, 5, 20))
        assert sent["late"] == 1 and sent["proof"] == 1
        assert config.send_reminders(today=date(2026, 5, 20)) == dict.fromkeys(sent, 0)
    people = set(Notification.objects.values_list("user__username", flat=True))
    assert people == {"officer_a", "village_head"}


@time_machine.travel(TODAY, tick=False)
def test_it_shows_the_portal_posting_between_start_and_end_only(world: World) -> None:
    d = disclosure(world, decided_on=date(2026, 5, 4), title="Đang trên cổng")
    p = services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("cong-thong-tin"),
        start_on=date(2026, 5, 5),
        end_on=date(2026, 5, 25),
    )
    anon = Client()
    assert "Đang trên cổng" in anon.get(reverse("portal:disclosures")).content.decode()
    assert "Đang trên cổng" in anon.get(reverse("portal:home")).content.decode()
    services.posting_update(posting=p, by=world.officer_a, end_on=date(2026, 5, 19))
    assert anon.get(reverse("portal:disclosure", args=[d.pk])).status_code == 404
    assert "Đang trên cổng" not in anon.get(reverse("portal:home")).content.decode()
    assert "Đang trên cổng" not in anon.get(reverse("portal:disclosures")).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_it_keeps_a_permanent_category_on_the_portal_until_withdrawn(world: World) -> None:
    d = disclosure(world, number=4, decided_on=date(2026, 1, 5))
    services.posting_add(
        disclosure=d,
        by=world.officer_a,
        channel=channel("cong-thong-tin"),
        start_on=date(2026, 1, 6),
    )
    url = reverse("portal:disclosure", args=[d.pk])
    assert Client().get(url).status_code == 200
    services.disclosure_withdraw(disclosure=d, by=world.officer_a, on=TODAY, reason="Thay bộ mới")
    assert Client().get(url).status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_it_filters_the_register_by_warning_and_shows_an_empty_state(world: World) -> None:
    c = world.client(world.chairman)
    assert "Chưa có nội dung công khai nào" in c.get(reverse("disclosures:index")).content.decode()
    late = disclosure(world, decided_on=date(2026, 5, 4), title="Muộn rồi")
    fine = disclosure(world, decided_on=date(2026, 5, 18), title="Còn hạn")
    page = c.get(reverse("disclosures:index") + "?canh_bao=late").content.decode()
    assert late.title in page and fine.title not in page
    page = c.get(reverse("disclosures:index") + "?quy=abc&linh_vuc=x&canh_bao=zzz&xa=1e99")
    assert page.status_code == 404
    page = c.get(reverse("disclosures:index") + "?quy=abc&linh_vuc=x&canh_bao=zzz")
    assert page.status_code == 200


# --- blank forms kept as written (issue 16) ---------------------------------------------------


def _fields(form: Any) -> str:
    from django.template.loader import render_to_string

    return render_to_string("disclosures/_fields.html", {"form": form})


@time_machine.travel(TODAY, tick=False)
def test_the_detail_pages_step_forms_are_what_the_template_wrote(world: World) -> None:
    from danvan.disclosures.forms import DocumentForm, PostingForm, ReviewForm, WithdrawForm
    from danvan.disclosures.views import _posting_forms

    d = disclosure(world, number=4, decided_on=date(2026, 5, 4))  # permanent: every step
    for user in (world.officer_a, world.village_head):
        page = world.client(user).get(reverse("disclosures:detail", args=[d.pk])).content.decode()
        request = type("R", (), {"user": user})()
        channels, villages = _posting_forms(request, d)  # type: ignore[arg-type]
        posting = PostingForm(channels=channels, villages=villages, initial={"start_on": TODAY})
        assert _fields(posting) in page
        keeps = user == world.officer_a
        for form in (DocumentForm(), ReviewForm(initial={"on": TODAY})):
            assert (_fields(form) in page) == keeps
        assert (_fields(WithdrawForm(initial={"on": TODAY})) in page) == keeps


@time_machine.travel(TODAY, tick=False)
def test_the_kept_step_forms_show_a_village_added_since(world: World) -> None:
    from danvan.core.audit import log_action
    from danvan.core.models import Unit

    d = disclosure(world, decided_on=date(2026, 5, 4))
    c = world.client(world.officer_a)
    url = reverse("disclosures:detail", args=[d.pk])
    assert "Thôn Mới" not in c.get(url).content.decode()
    added = Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Mới", commune=world.commune)
    log_action(added, "core.unit_created", by=world.admin, commune=world.commune)
    assert "Thôn Mới" in c.get(url).content.decode()
    create = c.get(reverse("disclosures:create"), {"xa": world.commune.pk}).content.decode()
    assert "Thôn Mới" not in create  # a village is no responsible unit


@time_machine.travel(TODAY, tick=False)
def test_the_create_page_writes_the_blank_form_as_the_template_did(world: World) -> None:
    from danvan.disclosures.forms import CreateForm
    from danvan.disclosures.views import _units

    for user in (world.chairman, world.officer_a):
        page = world.client(user).get(reverse("disclosures:create"), {"xa": world.commune.pk})
        form = CreateForm(units=_units(user, world.commune))
        assert page.status_code == 200 and _fields(form) in page.content.decode()
    # Sent back with its errors, the bound form is written as before.
    data = _form(title="", responsible_unit=world.office_a.pk)
    refused = world.client(world.officer_a).post(reverse("disclosures:create"), data)
    bound = CreateForm(data, units=_units(world.officer_a, world.commune))
    assert not bound.is_valid() and bound.errors["title"]
    assert refused.status_code == 400 and _fields(bound) in refused.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_kept_register_counts_a_posting_made_since(world: World) -> None:
    """The register's rows and filter are kept as written per filter and day (issue 16): the
    same HTML as the template writes from a fresh read, and a posting recorded since shows on
    the next visit."""
    from django.template.loader import render_to_string

    from danvan.disclosures.forms import FilterForm
    from danvan.disclosures.rules import WARNING_LABELS
    from danvan.disclosures.views import register

    d = disclosure(world, title="Dự toán <ngân sách>", decided_on=date(2026, 5, 4))
    c = world.client(world.officer_a)
    url = reverse("disclosures:index")

    def expected(query: dict[str, str]) -> list[str]:
        form = FilterForm(query or None, today=TODAY)
        data = form.cleaned_data if form.is_valid() else {}
        items = register(None, world.commune, data)  # type: ignore[arg-type]
        for i in items:
            i.disclosure.row_url = reverse("disclosures:detail", args=[i.disclosure.pk])  # type: ignore[attr-defined]
        counts = {k: sum(1 for i in items if k in i.kinds) for k in WARNING_LABELS}
        context = {
            "items": items,
            "counts": [(WARNING_LABELS[k], n) for k, n in counts.items() if n],
            "can_register": True,
            "filtered": any(query.get(k) for k in ("quy", "linh_vuc", "canh_bao")),
        }
        fields = render_to_string("disclosures/_filter_fields.html", {"form": form})
        return [render_to_string("disclosures/_register.html", context), fields]

    queries = [{"xa": str(world.commune.pk)}, {"xa": str(world.commune.pk), "canh_bao": "any"}]
    first = {q["xa"] + q.get("canh_bao", ""): c.get(url, q).content.decode() for q in queries}
    for q in queries:
        page = first[q["xa"] + q.get("canh_bao", "")]
        assert all(part in page for part in expected(q))
    assert "Chưa công khai" in first[str(world.commune.pk)]
    services.posting_add(
        disclosure=d, by=world.officer_a, channel=channel("tru-so-ubnd"), start_on=TODAY
    )
    for q in queries:
        again = c.get(url, q).content.decode()
        assert all(part in again for part in expected(q))
    assert "Chưa công khai" not in c.get(url, queries[0]).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_kept_facts_and_history_follow_a_document_added(world: World) -> None:
    """A disclosure's facts, documents and history are kept as written (issue 16): the same
    HTML as their templates, and a document added since shows on the next visit."""
    from django.template.loader import render_to_string

    from danvan.core.audit import history
    from danvan.disclosures.rules import review

    d = disclosure(world, decided_on=date(2026, 5, 4))
    c = world.client(world.officer_a)
    url = reverse("disclosures:detail", args=[d.pk])

    def expected() -> list[str]:
        context = {
            "d": d,
            "review": review(d, TODAY),
            "keeps": True,
            "documents": [(doc, doc.attachment()) for doc in d.documents.all()],
            "history": history(d)[:50],
        }
        return [render_to_string(f"disclosures/_{n}.html", context) for n in ("head", "history")]

    first = c.get(url).content.decode()
    assert all(part in first for part in expected()) and "Biên bản <họp>" not in first
    services.document_add(
        disclosure=d, by=world.officer_a, title="Biên bản <họp>", file=pdf(), public=True
    )
    again = c.get(url).content.decode()
    assert all(part in again for part in expected()) and "Biên bản &lt;họp&gt;" in again
