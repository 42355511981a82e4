"""Plan import: the command line, upload → review → confirm, and the legal-document register."""

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import World
from danvan.plans.models import LegalDocument, Plan, Recurrence, Section

SEED = (
    Path(__file__).resolve().parents[2]
    / "demo"
    / "fixtures"
    / "ke-hoach-dan-van-chinh-quyen-2026-hong-phong.txt"
)


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "danvan.cli", "plan-parse", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=60,
    )


def test_it_prints_the_seed_plan_as_json() -> None:
    result = _cli(str(SEED), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["header"]["symbol"] == "KH-UBND" and data["header"]["number"] in ("", None)
    assert [s["number"] for s in data["sections"]] == ["I", "II", "III"]
    assert len([r for r in data["references"] if r["number"]]) == 31
    assert data["signer"] == {"title": "CHỦ TỊCH", "name": "Hoàng Thanh Tuấn", "authority": []}


def test_it_prints_a_readable_outline_without_json() -> None:
    result = _cli(str(SEED))
    assert result.returncode == 0
    assert "II. NỘI DUNG" in result.stdout.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Tệp trống"),
        (b"\x00\x01\x02binary", "không phải văn bản UTF-8"),
        ("Kế hoạch".encode("utf-16"), "không phải văn bản UTF-8"),
        ("Hôm nay trời đẹp. Chúng tôi đi chơi.".encode(), "Không nhận ra"),
    ],
)
def test_it_exits_2_with_one_vietnamese_line_for_what_is_not_a_plan(
    content: bytes, message: str
) -> None:
    result = _cli("-", stdin=content)
    assert result.returncode == 2
    err = result.stderr.decode().strip()
    assert message in err and "\n" not in err and "Traceback" not in err


def _upload(world: World, content: bytes, name: str = "ke-hoach.txt"):  # type: ignore[no-untyped-def]
    return world.client(world.chairman).post(
        "/can-bo/ke-hoach/nhap/",
        {
            "file": SimpleUploadedFile(name, content),
            "commune": world.commune.pk,
            "recurrence": Recurrence.QUARTERLY,
        },
    )


class TestImportJourney:
    def test_it_turns_the_seed_into_a_draft_to_review(self, world: World) -> None:
        response = _upload(world, SEED.read_bytes())
        assert response.status_code == 302
        plan = Plan.objects.get()
        assert response["Location"] == f"/can-bo/ke-hoach/{plan.pk}/soat-xet/"
        assert plan.status == Plan.Status.DRAFT
        assert plan.title.startswith("Kế hoạch thực hiện công tác dân vận chính quyền năm 2026")
        # One task per duty (issue 12), not one per section.
        assert plan.tasks.count() >= 35
        assert plan.legal_documents.count() == 32
        assert [s.path for s in plan.sections.filter(parent=None)] == ["I", "II", "III"]
        assert plan.lead_unit == world.office_a  # III.2: "Chủ trì ... theo dõi ... Kế hoạch này"
        leads = set(plan.tasks.filter(section__path="II.5").values_list("lead_unit", flat=True))
        assert world.office_b.pk in leads  # Văn phòng HĐND và UBND xã, from III.3
        assert plan.tasks.filter(section__path="III.3", lead_unit=world.office_b).count() == 1
        review = world.client(world.chairman).get(response["Location"]).content.decode()
        assert "Văn bản gốc" in review and "Hoàng Thanh Tuấn" in review
        assert "Số văn bản còn để trống" in review  # the importer's warning, shown to the reviewer

    def test_it_keeps_a_whole_sentence_heading_as_its_title(self, world: World) -> None:
        _upload(world, SEED.read_bytes())
        section = Section.objects.get(path="III.1")
        assert section.title == (
            "Các cơ quan, đơn vị căn cứ Kế hoạch này, xây dựng kế hoạch cụ thể để triển khai "
            "thực hiện phù hợp với tình hình, đặc điểm tại cơ quan, đơn vị."
        )

    def test_it_shows_footnotes_as_links_and_every_one_of_them(self, world: World) -> None:
        _upload(world, SEED.read_bytes())
        plan = Plan.objects.get()
        for url in (f"/can-bo/ke-hoach/{plan.pk}/", f"/can-bo/ke-hoach/{plan.pk}/soat-xet/"):
            page = world.client(world.chairman).get(url).content.decode()
            assert "[^" not in page
            for n in ("1", "2", "3"):
                assert (
                    f'<sup><a href="#chu-thich-{n}" aria-label="Chú thích {n}">{n}</a></sup>'
                    in page
                )
                assert f'id="chu-thich-{n}"' in page
            assert "Các chủ trương, chính sách, quy định liên quan đến tổ chức" in page  # note 3

    def test_it_lets_the_reviewer_fix_and_confirm(self, world: World) -> None:
        _upload(world, SEED.read_bytes())
        plan = Plan.objects.get()
        tasks = plan.tasks.count()
        c = world.client(world.chairman)
        ref = plan.planreference_set.first()
        assert c.post(f"/can-bo/ke-hoach/{plan.pk}/can-cu/{ref.pk}/xoa/").status_code == 302
        task = plan.tasks.first()
        assert c.post(f"/can-bo/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/xoa/").status_code == 302
        response = c.post(
            f"/can-bo/ke-hoach/{plan.pk}/ban-hanh/", {"number": "75", "issued_on": "2026-04-20"}
        )
        assert response.status_code == 302
        plan.refresh_from_db()
        assert (plan.status, plan.number) == (Plan.Status.ISSUED, "75")
        assert plan.legal_documents.count() == 31 and plan.tasks.count() == tasks - 1
        # Once issued, the draft tools refuse.
        ref = plan.planreference_set.first()
        assert c.post(f"/can-bo/ke-hoach/{plan.pk}/can-cu/{ref.pk}/xoa/").status_code == 403

    def test_it_reads_a_docx(self, world: World) -> None:
        document = docx.Document()
        header = document.add_table(rows=1, cols=2)
        header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ HỒNG PHONG\nSố: 12/KH-UBND"
        header.cell(
            0, 1
        ).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHồng Phong, ngày 05 tháng 01 năm 2027"
        for line in [
            "KẾ HOẠCH",
            "Tiếp công dân năm 2027",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.",
            "II. NỘI DUNG",
            "1. Tiếp công dân định kỳ",
            "Chủ tịch UBND xã tiếp công dân mỗi tuần một ngày.",
            "III. TỔ CHỨC THỰC HIỆN",
            "1. Văn phòng HĐND và UBND xã",
            "Chủ trì tham mưu tổ chức tiếp công dân.",
        ]:
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        assert _upload(world, buffer.getvalue(), "ke-hoach.docx").status_code == 302
        plan = Plan.objects.get()
        assert (plan.number, plan.issued_on.isoformat()) == ("12", "2027-01-05")
        assert plan.legal_documents.get().number == "33/CT-TTg"

    def test_it_refuses_a_binary_file_and_keeps_the_form(self, world: World) -> None:
        response = _upload(world, b"\x89PNG\r\n\x1a\n\x00\x00", "anh.png")
        assert response.status_code == 400
        assert "không phải văn bản UTF-8" in response.content.decode()
        assert not Plan.objects.exists()

    def test_it_lets_an_officer_of_the_plans_lead_unit_import_it(self, world: World) -> None:
        response = world.client(world.officer_a).post(
            "/can-bo/ke-hoach/nhap/",
            {
                "file": SimpleUploadedFile("k.txt", SEED.read_bytes()),
                "commune": world.commune.pk,
                "recurrence": Recurrence.QUARTERLY,
            },
        )
        assert response.status_code == 302
        assert Plan.objects.get().lead_unit == world.office_a

    def test_it_refuses_an_officer_of_another_unit(self, world: World) -> None:
        response = world.client(world.officer_b).post(
            "/can-bo/ke-hoach/nhap/",
            {
                "file": SimpleUploadedFile("k.txt", SEED.read_bytes()),
                "commune": world.commune.pk,
                "recurrence": Recurrence.QUARTERLY,
            },
        )
        assert response.status_code == 400
        assert "chỉ cán bộ của đơn vị này hoặc lãnh đạo UBND xã" in response.content.decode()
        assert not Plan.objects.exists()

    def test_it_refuses_a_read_only_member(self, world: World) -> None:
        response = world.client(world.readonly_a).post(
            "/can-bo/ke-hoach/nhap/",
            {"file": SimpleUploadedFile("k.txt", SEED.read_bytes()), "commune": world.commune.pk},
        )
        assert response.status_code == 403
        assert not Plan.objects.exists()

    def test_it_answers_which_plans_rest_on_a_document(self, world: World) -> None:
        _upload(world, SEED.read_bytes())
        doc = LegalDocument.objects.get(number="33/CT-TTg")
        assert doc.doc_type == "Chỉ thị" and doc.issued_on.isoformat() == "2021-11-26"
        page = world.client(world.readonly_a).get(f"/can-bo/van-ban/{doc.pk}/").content.decode()
        assert "Kế hoạch thực hiện công tác dân vận chính quyền năm 2026" in page
        listing = (
            world.client(world.readonly_a).get("/can-bo/van-ban/?q=33/CT-TTg").content.decode()
        )
        assert "33/CT-TTg" in listing and "43-NQ/TW" not in listing
        # Another commune's officer sees no plan resting on it.
        other = world.client(world.outsider).get(f"/can-bo/van-ban/{doc.pk}/").content.decode()
        assert "Kế hoạch thực hiện công tác dân vận" not in other
