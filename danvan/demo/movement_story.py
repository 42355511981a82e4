"""The demo's "Dân vận khéo" movement (issue 14): Hồng Phong's models and exemplars of the year,
at least one per village, in the four fields, at every step.

- Thôn Đoàn Kết (its head, truongthon): concreting the hamlet's lanes with the people's own
  work — followed with photos, scored by the culture office (vhxh) and a vice-chairman (pct),
  recognised and awarded a Giấy khen by the chairman (chutich), proposed to the province, and
  copied by Thôn Tân Tiến; shown in the portal's gallery.
- Thôn Hòa Bình (the women's union, registered by the vice-chairman on its behalf): a women's
  self-managed team keeping the village clean — followed and scored, waiting for the decision.
- Thôn Tân Tiến (the Front, mttq): security cameras the households paid for — registered.
- Thôn Đoàn Kết: an individual exemplar, a respected elder who talked neighbours into giving
  land for the road — followed.
- The one-stop centre (hcc): a friendly counter — scored, not recognised (no verifiable output
  yet).

The guidance is the plan's own: Kế hoạch số 18-KH/TU ngày 04/02/2026 of the provincial Party
Standing Committee on the movement for 2026–2030 (quoted by the commune's plan). Names are
invented; the photos are drawn here (small JPEGs).
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from danvan.commendations.models import AwardForm
from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.movement import services
from danvan.movement.models import Field, Kind, Practice, RecognitionLevel
from danvan.plans.models import LegalDocument


def _photo(name: str, sky: str, ground: str, *, lane: bool = True) -> SimpleUploadedFile:
    """A small picture: sky, hills, ground and, with `lane`, a grey road to the horizon."""
    image = Image.new("RGB", (800, 600), sky)
    draw = ImageDraw.Draw(image)
    draw.polygon(
        [(0, 330), (220, 200), (430, 320), (620, 180), (800, 300), (800, 360), (0, 360)],
        fill="#4f7f52",
    )
    draw.rectangle([0, 350, 800, 600], fill=ground)
    if lane:
        draw.polygon([(360, 350), (440, 350), (700, 600), (100, 600)], fill="#b8b8b0")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _guidance() -> LegalDocument:
    doc, _ = LegalDocument.objects.get_or_create(
        doc_type="Kế hoạch",
        number="18-KH/TU",
        defaults={
            "issued_on": date(2026, 2, 4),
            "issuer": "Ban Thường vụ Tỉnh ủy Lạng Sơn",
            "title": "Tổ chức thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2026 - 2030",
        },
    )
    return doc


def _text(situation: str, content: str, outputs: str, **more: str) -> dict[str, Any]:
    return {
        "situation": situation,
        "goals": more.get(
            "goals", "Đạt các chỉ tiêu đăng ký trong năm; đánh giá bằng số liệu và biên bản."
        ),
        "content": content,
        "place_people": more.get("place_people", "Các hộ gia đình trong thôn."),
        "lead_partners": more.get(
            "lead_partners", "Chi bộ, Ban công tác Mặt trận thôn chủ trì; các chi hội phối hợp."
        ),
        "resources": more.get("resources", "Nhân dân đóng góp ngày công; xã hỗ trợ một phần."),
        "timeline": more.get(
            "timeline", "Quý I: họp dân; quý II–III: thực hiện; quý IV: tổng kết."
        ),
        "outputs": outputs,
        "sustainability": more.get(
            "sustainability", "Đưa vào hương ước của thôn; tổ tự quản duy trì hằng năm."
        ),
    }


def _scores(practice: Practice, by: Any, share: float, on: date) -> None:
    services.review_write(
        practice=practice,
        by=by,
        points={c.pk: round(c.max_points * share) for c in services.criteria_for(practice.kind)},
        comment="Cách làm phù hợp, có minh chứng."
        if share >= 0.8
        else "Cần thêm kết quả kiểm chứng.",
        reviewed_on=on,
    )


def play_movement(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    year = today.year
    start = date(year, 1, 1)

    def day(n: int) -> date:
        return min(start + timedelta(days=n), today)

    chairman, vice, culture = user("chutich"), user("pct"), user("vhxh")
    head, front, desk = user("truongthon"), user("mttq"), user("hcc")
    fields = {f.code: f for f in Field.objects.all()}
    guidance = [_guidance()]

    def register(
        by: Any,
        registrant: str,
        kind: str,
        name: str,
        field: str,
        village: str | None,
        text: dict[str, Any],
        **kw: Any,
    ) -> Practice:
        return services.practice_register(
            commune=commune,
            by=by,
            registrant=units[registrant],
            kind=kind,
            name=name,
            field=fields[field],
            year=year,
            village=units[village] if village else None,
            starts_on=day(60),
            registered_on=day(45),
            guidance=guidance,
            **text,
            **kw,
        )

    # Thôn Đoàn Kết: the lanes, all the way to the award and a copy in Thôn Tân Tiến.
    lanes = register(
        head,
        "Thôn Đoàn Kết",
        Kind.MODEL,
        "Dân vận khéo trong bê tông hóa đường ngõ xóm",
        "kinh-te",
        "Thôn Đoàn Kết",
        _text(
            "Nhiều đoạn ngõ xóm là đường đất, mùa mưa lầy lội, học sinh đi lại khó khăn.",
            "Họp dân bàn và thống nhất mức đóng góp; người có uy tín vận động hiến đất mở rộng ngõ; "
            "nhân dân góp ngày công, xã hỗ trợ xi măng theo chương trình nông thôn mới.",
            "1,2 km đường ngõ bê tông rộng 3 m; 126/130 hộ tham gia; 14 hộ hiến 620 m² đất; "
            "biên bản họp thôn và nghiệm thu.",
            place_people="Thôn Đoàn Kết, 130 hộ.",
        ),
    )
    services.follow_up_add(
        practice=lanes,
        by=head,
        on=day(120),
        note="Đã họp dân 2 lần, thống nhất mức góp; 14 hộ ký hiến đất mở rộng ngõ.",
        evidence=[_photo("hop-dan-thon-doan-ket.jpg", "#cfe3f5", "#8a6a3c", lane=False)],
    )
    services.follow_up_add(
        practice=lanes,
        by=head,
        on=day(230),
        note="Đã đổ xong 1,2 km đường ngõ; nghiệm thu ngày 15/08.",
        evidence=[_photo("duong-ngo-doan-ket.jpg", "#d7ecfb", "#6f9a4f")],
    )
    _scores(lanes, culture, 0.9, day(250))
    _scores(lanes, vice, 0.85, day(252))
    services.practice_decide(
        practice=lanes,
        by=chairman,
        recognised=True,
        decided_on=day(260),
        decision_number="145/QĐ-UBND",
        decision_note="Mô hình tiêu biểu, có thể nhân rộng trong toàn xã.",
    )
    giay_khen = AwardForm.objects.filter(code="giay-khen").first()
    if giay_khen is not None:
        services.practice_award(
            practice=lanes,
            by=chairman,
            form=giay_khen,
            decision_number="146/QĐ-UBND",
            decided_on=day(262),
            achievement="Đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” "
            f"năm {year}: mô hình bê tông hóa đường ngõ xóm.",
            signer_name=chairman.full_name,
            signer_title="Chủ tịch",
        )
    services.practice_propose(
        practice=lanes,
        by=chairman,
        level=RecognitionLevel.objects.get(code="tinh"),
        proposed_on=day(270),
        proposal_number="88/TTr-UBND",
    )
    services.replication_add(
        practice=lanes,
        by=culture,
        adopter="Nhân dân thôn Tân Tiến",
        village=units["Thôn Tân Tiến"],
        since=day(280),
        note="Học cách họp dân bàn và góp ngày công; 0,4 km đã khởi công.",
    )

    # Thôn Hòa Bình: the women's union's clean village, scored, waiting for the decision.
    clean = register(
        vice,
        "Hội Phụ nữ",
        Kind.MODEL,
        "Tổ phụ nữ tự quản “Đường hoa – xóm sạch”",
        "van-hoa-xa-hoi",
        "Thôn Hòa Bình",
        _text(
            "Rác thải sinh hoạt vứt bừa bãi ven suối, ảnh hưởng nguồn nước.",
            "Mỗi tổ phụ nữ nhận một đoạn đường, trồng hoa và thu gom rác mỗi sáng Chủ nhật.",
            "2 km đường hoa; 3 điểm tập kết rác; ảnh trước và sau.",
            place_people="Thôn Hòa Bình, 98 hộ; 64 hội viên phụ nữ.",
            lead_partners="Chi hội Phụ nữ thôn chủ trì; Đoàn Thanh niên, trường tiểu học phối hợp.",
        ),
    )
    services.follow_up_add(
        practice=clean,
        by=vice,
        on=day(200),
        note="Đã trồng 2 km đường hoa, ra quân 24 buổi.",
        evidence=[_photo("duong-hoa-hoa-binh.jpg", "#e8f1fa", "#7fae5a", lane=False)],
    )
    _scores(clean, culture, 0.8, day(300))

    # Thôn Tân Tiến: the Front's cameras, just registered.
    register(
        front,
        "UBMTTQ",
        Kind.MODEL,
        "Camera an ninh – “mắt thần” khu dân cư",
        "quoc-phong-an-ninh",
        "Thôn Tân Tiến",
        _text(
            "Trộm cắp vặt gia súc, xe máy xảy ra ở các ngõ xa trục chính.",
            "Vận động các hộ góp tiền lắp camera ở các ngã ba; công an xã hướng dẫn sử dụng.",
            "8 camera lắp đặt; số vụ trộm cắp giảm; biên bản bàn giao.",
            place_people="Thôn Tân Tiến, 85 hộ.",
            lead_partners="Ban công tác Mặt trận thôn chủ trì; Công an xã phối hợp.",
        ),
    )

    # Thôn Đoàn Kết: an individual exemplar, followed.
    elder = register(
        head,
        "Thôn Đoàn Kết",
        Kind.INDIVIDUAL,
        "Người có uy tín vận động hiến đất làm đường",
        "xay-dung-he-thong-chinh-tri",
        "Thôn Đoàn Kết",
        _text(
            "Mở rộng ngõ cần đất của các hộ hai bên đường.",
            "Ông gặp từng hộ, hiến trước 80 m² đất của gia đình để làm gương.",
            "14 hộ hiến đất; không có khiếu nại.",
        ),
        person_name="Hoàng Văn Thọ",
    )
    services.follow_up_add(
        practice=elder, by=head, on=day(150), note="Đã vận động thêm 6 hộ ký hiến đất."
    )

    # The one-stop centre: scored, not recognised.
    counter = register(
        desk,
        "TT PVHCC",
        Kind.COLLECTIVE,
        "Bộ phận một cửa “Thân thiện – Tận tụy”",
        "xay-dung-he-thong-chinh-tri",
        None,
        _text(
            "Người dân phải đi lại nhiều lần để hoàn thiện hồ sơ.",
            "Hướng dẫn một lần, đầy đủ; hẹn trả kết quả qua điện thoại.",
            "Tỷ lệ hồ sơ trả đúng hạn; phiếu đánh giá hài lòng.",
            place_people="Người dân đến làm thủ tục tại Trung tâm.",
            lead_partners="Trung tâm Phục vụ hành chính công chủ trì.",
        ),
    )
    _scores(counter, culture, 0.5, day(300))
    services.practice_decide(
        practice=counter,
        by=chairman,
        recognised=False,
        decided_on=day(310),
        decision_note="Chưa có số liệu kiểm chứng đủ một năm; xét lại năm sau.",
    )
