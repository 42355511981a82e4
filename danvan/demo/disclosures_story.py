"""Disclosures of xã Hồng Phong in the weeks before `today`: some done right, some late, short
or without proof, so that the register's warnings and the quarterly report have something to
say. Each is filed under its item of Luật THDCCS 2022 Điều 11 and posted as Điều 13 asks (items
4 and 13 permanently, the others at least 30 days, items 7–12 also on the loudspeakers), the day
of posting not counted (BLDS 2015 Điều 147). Titles are realistic; no person is named."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.disclosures import services
from danvan.disclosures.models import Category, Channel, Disclosure

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _proof(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def play_disclosures(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    if Disclosure.objects.filter(commune=commune).exists():
        return
    clerk, head = user("vanphong"), user("truongthon")
    hcc = user("hcc")
    village = units["Thôn Đoàn Kết"]
    channel = {c.slug: c for c in Channel.objects.all()}
    category = {c.number: c for c in Category.objects.all()}

    def day(n: int) -> date:
        return today - timedelta(days=n)

    budget = services.disclosure_create(
        commune=commune,
        by=clerk,
        category=category[2],
        title="Dự toán thu, chi ngân sách xã năm 2026",
        content="Dự toán thu ngân sách trên địa bàn và dự toán chi ngân sách xã năm 2026 "
        "đã được Hội đồng nhân dân xã quyết định; kèm biểu số liệu chi tiết.",
        document_ref="15/NQ-HĐND",
        decided_on=day(40),
        responsible_unit=units["VP HĐND-UBND"],
    )
    services.document_add(
        disclosure=budget,
        by=clerk,
        title="Nghị quyết dự toán ngân sách xã năm 2026",
        file=_proof("nghi-quyet-du-toan-2026.pdf"),
        public=True,
    )
    services.posting_add(
        disclosure=budget,
        by=clerk,
        channel=channel["tru-so-ubnd"],
        start_on=day(37),
        end_on=day(5),
        posted_by_name="Văn phòng HĐND và UBND xã",
        proof=_proof("anh-niem-yet-tru-so.pdf"),
    )
    services.posting_add(
        disclosure=budget, by=clerk, channel=channel["cong-thong-tin"], start_on=day(37)
    )
    services.posting_add(
        disclosure=budget,
        by=head,
        channel=channel["nha-van-hoa-thon"],
        village=village,
        start_on=day(36),
    )

    procedures = services.disclosure_create(
        commune=commune,
        by=hcc,
        category=category[13],
        title="Bộ thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã",
        content="Danh mục thủ tục hành chính, thành phần hồ sơ, thời hạn giải quyết, phí, lệ "
        "phí; niêm yết tại Trung tâm Phục vụ hành chính công xã.",
        decided_on=day(200),
        responsible_unit=units["TT PVHCC"],
    )
    for slug in ("tru-so-ubnd", "cong-thong-tin"):
        services.posting_add(
            disclosure=procedures,
            by=hcc,
            channel=channel[slug],
            start_on=day(198),
            proof=_proof("anh-bang-thu-tuc.pdf") if slug == "tru-so-ubnd" else None,
        )
    services.disclosure_review(disclosure=procedures, by=hcc, on=day(150))

    fund = services.disclosure_create(
        commune=commune,
        by=clerk,
        category=category[5],
        title="Kế hoạch thu Quỹ phòng, chống thiên tai năm 2026",
        content="Đối tượng, mức đóng góp, thời gian thu Quỹ phòng, chống thiên tai năm 2026 "
        "trên địa bàn xã.",
        document_ref="42/KH-UBND",
        decided_on=day(20),
        responsible_unit=units["VP HĐND-UBND"],
    )
    for slug in ("tru-so-ubnd", "cong-thong-tin"):
        services.posting_add(
            disclosure=fund,
            by=clerk,
            channel=channel[slug],
            start_on=day(10),
            proof=_proof("anh-niem-yet-quy.pdf") if slug == "tru-so-ubnd" else None,
        )

    services.disclosure_create(
        commune=commune,
        by=clerk,
        category=category[7],
        title="Kế hoạch cho vay vốn hộ nghèo, hộ cận nghèo quý III năm 2026",
        content="Chỉ tiêu vốn vay ủy thác qua các hội, đoàn thể; điều kiện và thủ tục bình xét.",
        decided_on=day(2),
        responsible_unit=units["Phòng VH-XH"],
    )

    poor = services.disclosure_create(
        commune=commune,
        by=clerk,
        category=category[7],
        title="Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2026",
        content="Danh sách hộ nghèo, hộ cận nghèo sau rà soát, theo từng thôn.",
        decided_on=day(60),
        responsible_unit=units["Phòng VH-XH"],
    )
    services.posting_add(
        disclosure=poor,
        by=clerk,
        channel=channel["tru-so-ubnd"],
        start_on=day(58),
        end_on=day(40),
        proof=_proof("bien-ban-niem-yet-ho-ngheo.pdf"),
    )

    regulation = services.disclosure_create(
        commune=commune,
        by=clerk,
        category=category[4],
        title="Quy chế thực hiện dân chủ ở xã Hồng Phong",
        content="Quy chế thực hiện dân chủ ở xã; nhiệm vụ, quyền hạn của cán bộ, công chức và "
        "người hoạt động không chuyên trách; quy tắc ứng xử của cán bộ, công chức xã.",
        document_ref="08/QĐ-UBND",
        decided_on=day(120),
        responsible_unit=units["VP HĐND-UBND"],
    )
    services.posting_add(
        disclosure=regulation,
        by=clerk,
        channel=channel["tru-so-ubnd"],
        start_on=day(118),
        proof=_proof("anh-niem-yet-quy-che.pdf"),
    )
    services.disclosure_review(disclosure=regulation, by=clerk, on=day(30))

    # Khoản 12: posted and broadcast right; 3 days on the loudspeakers from day(15) run
    # through day(12) (the first day not counted).
    fees = services.disclosure_create(
        commune=commune,
        by=clerk,
        category=category[12],
        title="Mức thu phí, lệ phí do UBND xã trực tiếp thu năm 2026",
        content="Đối tượng, mức thu phí chứng thực, lệ phí đăng ký hộ tịch và các khoản phí do "
        "UBND xã trực tiếp thu.",
        document_ref="51/TB-UBND",
        decided_on=day(17),
        responsible_unit=units["VP HĐND-UBND"],
    )
    services.posting_add(
        disclosure=fees,
        by=clerk,
        channel=channel["tru-so-ubnd"],
        start_on=day(15),
        proof=_proof("anh-niem-yet-phi.pdf"),
    )
    services.posting_add(
        disclosure=fees,
        by=clerk,
        channel=channel["truyen-thanh-xa"],
        start_on=day(15),
        end_on=day(12),
        posted_by_name="Trung tâm Dịch vụ công ích",
        proof=_proof("so-phat-thanh-phi.pdf"),
    )

    # Khoản 9: broadcast from day(23) to day(21) is 2 days, not 3: the register warns.
    call_up = services.disclosure_create(
        commune=commune,
        by=clerk,
        category=category[9],
        title="Danh sách công dân đủ điều kiện gọi nhập ngũ năm 2027",
        content="Số lượng, tiêu chuẩn gọi nhập ngũ; danh sách công dân đủ điều kiện nhập ngũ và "
        "thực hiện nghĩa vụ tham gia Công an nhân dân, theo từng thôn.",
        document_ref="60/TB-UBND",
        decided_on=day(25),
        responsible_unit=units["VP HĐND-UBND"],
    )
    services.posting_add(
        disclosure=call_up,
        by=clerk,
        channel=channel["tru-so-ubnd"],
        start_on=day(23),
        proof=_proof("anh-niem-yet-nhap-ngu.pdf"),
    )
    services.posting_add(
        disclosure=call_up,
        by=clerk,
        channel=channel["truyen-thanh-xa"],
        start_on=day(23),
        end_on=day(21),
        posted_by_name="Trung tâm Dịch vụ công ích",
        proof=_proof("so-phat-thanh-nhap-ngu.pdf"),
    )
