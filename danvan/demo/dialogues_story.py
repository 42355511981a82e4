"""Dialogues in the demo commune: the yearly conference of the UBND with the people (Luật
THDCCS 2022, Điều 32) held about ten weeks ago with the Front, its results published, with
questions by village and commitments — one kept, one on a roadmap, one in progress and one late
(due in the past, still open) — and a topic dialogue of a village cluster being prepared, whose
notice is due soon ("Việc của tôi" of the office and the leaders).

Names are invented. The office (vanphong) prepares and records, the Front (mttq) records
questions, the chairman (chutich) makes the commitments and publishes the results.
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.dialogues import services
from danvan.dialogues.models import Dialogue
from danvan.promises import services as promises
from danvan.promises.models import Promise


def play_dialogues(units: dict[str, Unit], *, today: date) -> None:
    commune, front = units["xã"], units["UBMTTQ"]
    office, mttq, chairman = user("vanphong"), user("mttq"), user("chutich")
    held_on = today - timedelta(days=75)
    d = services.dialogue_create(
        commune=commune,
        by=office,
        kind=Dialogue.Kind.YEARLY,
        title=f"Hội nghị trao đổi, đối thoại giữa UBND xã với Nhân dân năm {held_on.year}",
        topic=(
            "Tình hình hoạt động của UBND xã sau sắp xếp đơn vị hành chính; giao thông nông "
            "thôn; thủ tục hành chính tại Trung tâm phục vụ hành chính công xã."
        ),
        held_on=held_on,
        starts_at=None,
        place="Hội trường UBND xã Hồng Phong",
        chairs="Chủ tịch UBND xã; Phó Chủ tịch HĐND xã",
        co_organiser=front,
        villages=[],
        agenda=(
            "Chủ tịch UBND xã báo cáo tình hình hoạt động của UBND xã\n"
            "Nhân dân phát biểu ý kiến, kiến nghị\n"
            "Lãnh đạo UBND xã trả lời, tiếp thu\n"
            "Chủ tịch Ủy ban MTTQ xã phát biểu kết luận"
        ),
        petition_code="",
        invited="Đại diện các hộ dân các thôn Đoàn Kết, Hòa Bình, Tân Tiến; Trưởng thôn; "
        "Ban công tác Mặt trận các thôn; các đoàn thể xã",
    )
    d = services.dialogue_announce(dialogue=d, by=office, notice_on=held_on - timedelta(days=10))
    d = services.attendance_record(
        dialogue=d,
        by=office,
        attendance_total=186,
        officials_present="Chủ tịch, Phó Chủ tịch UBND xã; Phó Chủ tịch HĐND xã; Chủ tịch "
        "Ủy ban MTTQ xã; Trưởng các phòng chuyên môn",
        village_counts={
            units["Thôn Đoàn Kết"]: 72,
            units["Thôn Hòa Bình"]: 61,
            units["Thôn Tân Tiến"]: 48,
        },
    )
    asked = [
        (
            "Thôn Đoàn Kết",
            office,
            "Đoạn đường từ nhà văn hóa thôn ra đường tỉnh bị sạt lở sau mưa bão, xe máy đi lại "
            "rất nguy hiểm. Bao giờ xã sửa?",
            "Xã sẽ khắc phục tạm thời ngay và đưa vào kế hoạch sửa chữa.",
        ),
        (
            "Thôn Hòa Bình",
            mttq,
            "Hệ thống đèn chiếu sáng trục chính của thôn hỏng nhiều bóng, đề nghị thay.",
            "Văn phòng UBND xã phối hợp điện lực thay bóng hỏng.",
        ),
        (
            "Thôn Tân Tiến",
            mttq,
            "Người cao tuổi làm thủ tục ở Trung tâm phục vụ hành chính công phải chờ lâu; đề "
            "nghị có bàn hướng dẫn riêng.",
            "Trung tâm sẽ bố trí bàn hướng dẫn ưu tiên cho người cao tuổi.",
        ),
        (
            "Thôn Đoàn Kết",
            mttq,
            "Đề nghị công khai danh sách hộ được hỗ trợ sửa nhà sau bão.",
            "Danh sách sẽ được niêm yết tại nhà văn hóa các thôn.",
        ),
    ]
    questions = [
        services.question_add(
            dialogue=d,
            by=by,
            text=text,
            village=units[village],
            answer=answer,
            answered_by="Chủ tịch UBND xã",
        )
        for village, by, text, answer in asked
    ]
    road, lights, desk, houses = questions
    kept = services.commitment_add(
        dialogue=d,
        by=chairman,
        question=desk,
        title="Bố trí bàn hướng dẫn ưu tiên cho người cao tuổi tại Trung tâm PVHCC xã",
        owner_unit=units["TT PVHCC"],
        due_on=held_on + timedelta(days=30),
    )
    services.commitment_add(  # due 10 days ago and still open: the late one
        dialogue=d,
        by=chairman,
        question=lights,
        title="Thay bóng đèn chiếu sáng hỏng trên trục chính thôn Hòa Bình",
        owner_unit=units["VP HĐND-UBND"],
        due_on=today - timedelta(days=10),
    )
    roadmap = services.commitment_add(
        dialogue=d,
        by=chairman,
        question=road,
        title="Sửa đoạn đường sạt lở từ nhà văn hóa thôn Đoàn Kết ra đường tỉnh",
        owner_unit=units["Phòng Kinh tế"],
        due_on=held_on + timedelta(days=45),
    )
    services.commitment_add(
        dialogue=d,
        by=chairman,
        question=houses,
        title="Niêm yết danh sách hộ được hỗ trợ sửa nhà sau bão tại các thôn",
        owner_unit=units["Phòng VH-XH"],
        due_on=today + timedelta(days=20),
    )
    services.dialogue_publish(
        dialogue=d,
        by=chairman,
        summary=(
            "Hội nghị có 186 người dự; 4 ý kiến của Nhân dân đều được trả lời tại hội nghị; "
            "UBND xã cam kết 4 việc, có thời hạn và đơn vị thực hiện, theo dõi trên trang "
            "“Chính quyền đã hứa — đã làm”."
        ),
        published_on=held_on + timedelta(days=6),
    )
    promises.promise_report(
        promise=_promise(kept.promise_id),
        by=chairman,
        outcome=Promise.Outcome.KEPT,
        note="Đã bố trí bàn hướng dẫn ưu tiên từ đầu tháng, có công chức trực.",
        on=held_on + timedelta(days=21),
    )
    promises.promise_report(
        promise=_promise(roadmap.promise_id),
        by=chairman,
        outcome=Promise.Outcome.ROADMAP,
        note="Đã khắc phục tạm thời; sửa chữa kiên cố cần vốn, đưa vào kế hoạch quý tới.",
        on=held_on + timedelta(days=40),
        roadmap_due=today + timedelta(days=90),
    )

    services.dialogue_create(
        commune=commune,
        by=office,
        kind=Dialogue.Kind.TOPIC,
        title="Đối thoại về chuyển đổi cơ cấu cây trồng cụm thôn Hòa Bình – Tân Tiến",
        topic="Chuyển đổi cây trồng trên đất lúa kém hiệu quả; hỗ trợ giống, kỹ thuật.",
        held_on=today + timedelta(days=12),
        starts_at=None,
        place="Nhà văn hóa thôn Hòa Bình",
        chairs="Phó Chủ tịch UBND xã",
        co_organiser=front,
        villages=[units["Thôn Hòa Bình"], units["Thôn Tân Tiến"]],
        agenda="Phòng Kinh tế giới thiệu phương án\nNhân dân góp ý\nKết luận",
        petition_code="",
        invited="Các hộ trồng lúa thôn Hòa Bình, Tân Tiến; Hội Nông dân xã",
    )


def _promise(pk: int | None) -> Promise:
    assert pk is not None
    return Promise.objects.get(pk=pk)
