"""Matters the villages of the demo commune decided in 2026 (Luật THDCCS 2022, Điều 15–22).

- Thôn Đoàn Kết bê tông hóa its lane, each household paying its share: 34 of 50 households agree
  (68% ≥ 2/3, Điều 21 khoản 1); the decision is sent to the commune and is in effect from the
  day of the vote, no recognition (Điều 21 khoản 2); it is on the public portal.
- Thôn Tân Tiến adopts its hương ước at a meeting: 40 of 61 households agree (> 50%); the People's
  Committee recognises it and it takes effect that day (Điều 21 khoản 2).
- The whole commune votes by ballot on a fund for poor pupils: it passes when at least two thirds
  of the villages approve (Điều 21 khoản 1, đoạn 2); Đoàn Kết and Tân Tiến agree, Hòa Bình has
  not entered its tally yet (incomplete).
- Thôn Hòa Bình elects a member of the people's inspection board; the record waits for the Front,
  which recognises it or answers in writing with its reasons.
Dates are placed before `today` so that the 5-working-day clocks show on time and late cases.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.models import Unit, User
from danvan.decisions import services
from danvan.decisions.models import CommunityDecision, MatterItem, Meeting
from danvan.demo.units import user

# A placeholder for the photo of the signed minutes (the PNG signature and an empty body).
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _minutes() -> SimpleUploadedFile:
    return SimpleUploadedFile("bien-ban-hop-thon.png", PNG, content_type="image/png")


def play_decisions(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    if CommunityDecision.objects.filter(commune=commune).exists():
        return
    officer, chairman, head = user("vanphong"), user("chutich"), user("truongthon")
    doan_ket, hoa_binh, tan_tien = (
        units["Thôn Đoàn Kết"],
        units["Thôn Hòa Bình"],
        units["Thôn Tân Tiến"],
    )
    start = date(today.year, 1, 1)
    for village, n in ((doan_ket, 50), (hoa_binh, 42), (tan_tien, 61)):
        services.households_set(
            commune=commune,
            village=village,
            households=n,
            representatives=n,
            as_of=start,
            source="Rà soát hộ gia đình đầu năm của thôn",
            by=officer,
        )

    def meet(d: CommunityDecision, village: Unit, held: date, by: User = officer) -> Meeting:
        return services.meeting_create(
            decision=d,
            village=village,
            held_on=held,
            ballot_until=held + timedelta(days=2) if d.form != "meeting" else None,
            place=f"Nhà văn hóa {village.name.lower()}",
            notice_on=held - timedelta(days=3),
            convened_by=f"Trưởng {village.name.lower()}",
            by=by,
        )

    def item(n: int) -> MatterItem:
        return MatterItem.objects.get(number=n)

    lane = services.decision_create(
        commune=commune,
        item=item(1),
        title="Bê tông hóa đường ngõ xóm Nà Cạn, thôn Đoàn Kết",
        content=(
            "Làm 420 m đường bê tông rộng 3 m. Nhà nước hỗ trợ xi măng; mỗi hộ góp 600.000 đồng "
            "và 3 ngày công. Hộ nghèo, hộ cận nghèo được miễn tiền, góp ngày công."
        ),
        scope="village",
        villages=[doan_ket],
        form="meeting",
        by=officer,
    )
    held = today - timedelta(days=30)
    services.tally_save(
        meeting=meet(lane, doan_ket, held, head),
        present=46,
        agree=34,
        disagree=10,
        invalid=2,
        minutes=_minutes(),
        by=head,
    )
    services.record_send(decision=lane, sent_on=held + timedelta(days=2), by=officer)

    rules = services.decision_create(
        commune=commune,
        item=item(3),
        title="Hương ước thôn Tân Tiến (sửa đổi năm nay)",
        content=(
            "Sửa các điều về giữ gìn vệ sinh đường làng, giờ giữ trật tự buổi tối và việc cưới, "
            "việc tang theo nếp sống văn minh."
        ),
        scope="village",
        villages=[tan_tien],
        form="meeting",
        by=officer,
    )
    held = today - timedelta(days=20)
    services.tally_save(
        meeting=meet(rules, tan_tien, held),
        present=52,
        agree=40,
        disagree=10,
        invalid=2,
        minutes=_minutes(),
        by=chairman,
    )
    rules = services.record_send(decision=rules, sent_on=held + timedelta(days=3), by=officer)
    services.decision_recognise(
        decision=rules,
        recognised_on=held + timedelta(days=6),
        note="Quyết định công nhận số 41/QĐ-UBND",
        by=chairman,
    )

    fund = services.decision_create(
        commune=commune,
        item=item(2),
        title="Lập quỹ khuyến học hỗ trợ học sinh nghèo năm học mới",
        content="Mỗi hộ góp 100.000 đồng một năm; Ban công tác Mặt trận thôn thu, công khai thu chi.",
        scope="commune",
        villages=[doan_ket, hoa_binh, tan_tien],
        form="ballot",
        by=officer,
    )
    ballot = today - timedelta(days=6)
    for village, present, agree in ((doan_ket, 48, 41), (tan_tien, 55, 44)):
        m = services.meeting_create(
            decision=fund,
            village=village,
            held_on=ballot,
            ballot_until=ballot + timedelta(days=2),
            place="Phát phiếu đến từng hộ",
            notice_on=ballot - timedelta(days=3),
            convened_by=f"Trưởng {village.name.lower()}",
            by=officer,
        )
        services.tally_save(
            meeting=m,
            present=present,
            agree=agree,
            disagree=present - agree,
            invalid=0,
            minutes=_minutes(),
            by=chairman,
        )
    meet(fund, hoa_binh, ballot)

    board = services.decision_create(
        commune=commune,
        item=item(5),
        title="Bầu bổ sung thành viên Ban Thanh tra nhân dân (thôn Hòa Bình)",
        content="Bầu bổ sung một thành viên thay người chuyển công tác.",
        scope="village",
        villages=[hoa_binh],
        form="meeting",
        by=officer,
    )
    held = today - timedelta(days=4)
    services.tally_save(
        meeting=meet(board, hoa_binh, held),
        present=38,
        agree=30,
        disagree=6,
        invalid=2,
        minutes=_minutes(),
        by=chairman,
    )
    services.record_send(decision=board, sent_on=held + timedelta(days=1), by=officer)
