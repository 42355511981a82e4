"""The demo's study and outreach sessions (plan II.1), played by load-demo after the promises.

The office (vanphong) held the commune's conference teaching Luật Thực hiện dân chủ ở cơ sở
2022, Nghị định 59/2023/NĐ-CP and Chỉ thị 33/CT-TTg (documents the demo plan cites, found in
the register its import filled) to the officials of every office and the Front's
organisations, with their attendance; the Front took Nghị định 61/2023/NĐ-CP on the village
covenant to the people of Thôn Đoàn Kết; Phòng VH-XH (vhxh) let one session's day pass
unrecorded (it waits on "Việc của tôi") and plans the next one. Names are invented.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q

from danvan.core.models import Unit
from danvan.demo.units import user
from danvan.plans.models import LegalDocument
from danvan.study import services
from danvan.study.models import Audience, Kind, StudySession
from danvan.study.services import AttendanceRow

# (doc_type, number, or the title of an unnumbered one) as the demo plan cites them.
LAW = ("Luật", "", "Thực hiện dân chủ ở cơ sở")
DECREE_59 = ("Nghị định", "59/2023/NĐ-CP", "")
DIRECTIVE_33 = ("Chỉ thị", "33/CT-TTg", "")
DECREE_61 = ("Nghị định", "61/2023/NĐ-CP", "")
RESOLUTION_57 = ("Nghị quyết", "57-NQ/TW", "")
CONFERENCE = "Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở và Chỉ thị 33/CT-TTg"

# Attendance of the conference: unit → (called, present, why the others were absent).
ATTENDANCE = {
    "VP HĐND-UBND": (10, 10, ""),
    "Phòng VH-XH": (9, 8, "01 đồng chí ốm"),
    "Phòng Kinh tế": (8, 7, "01 đồng chí đi công tác tỉnh"),
    "TT PVHCC": (10, 9, "01 đồng chí trực bộ phận một cửa"),
    "UBMTTQ": (4, 4, ""),
    "Hội Nông dân": (3, 3, ""),
    "Hội Phụ nữ": (3, 2, "01 đồng chí nghỉ thai sản"),
}


def _documents(*keys: tuple[str, str, str]) -> list[LegalDocument]:
    match = Q(pk__in=[])
    for doc_type, number, title in keys:
        match |= Q(doc_type=doc_type, number=number, **({} if number else {"title": title}))
    return list(LegalDocument.objects.filter(match))


def play_study(units: dict[str, Unit], *, today: date) -> None:
    commune = units["xã"]
    if StudySession.objects.filter(commune=commune).exists():
        return
    clerk, culture, front = user("vanphong"), user("vhxh"), user("mttq")

    held_on = min(date(2026, 3, 12), today - timedelta(days=7))
    conference = services.session_create(
        commune=commune,
        by=clerk,
        title=CONFERENCE,
        kind=Kind.STUDY,
        audience=Audience.OFFICIALS,
        organiser=units["VP HĐND-UBND"],
        presenter="Trần Thị Bình, Phó Chủ tịch UBND xã",
        place="Hội trường UBND xã",
        planned_on=held_on,
        documents=_documents(LAW, DECREE_59, DIRECTIVE_33),
        note="Kết hợp hội nghị trực tuyến đến các thôn.",
    )
    services.session_mark_held(session=conference, by=clerk, held_on=held_on)
    services.attendance_record(
        session=conference,
        by=clerk,
        rows=[AttendanceRow(units[u], *numbers) for u, numbers in ATTENDANCE.items()],
    )

    village_day = min(date(2026, 5, 20), today - timedelta(days=3))
    covenant = services.session_create(
        commune=commune,
        by=front,
        title="Tuyên truyền Nghị định 61/2023/NĐ-CP về hương ước, quy ước tại thôn Đoàn Kết",
        kind=Kind.OUTREACH,
        audience=Audience.VILLAGERS,
        organiser=units["UBMTTQ"],
        presenter="Chu Văn Minh, Chủ tịch Ủy ban MTTQ xã",
        place="Nhà văn hóa thôn Đoàn Kết",
        planned_on=village_day,
        village=units["Thôn Đoàn Kết"],
        documents=_documents(DECREE_61, LAW),
    )
    services.session_mark_held(session=covenant, by=front, held_on=village_day)
    services.attendance_record(
        session=covenant,
        by=front,
        rows=[
            AttendanceRow(units["Thôn Đoàn Kết"], None, 68),
            AttendanceRow(units["UBMTTQ"], 2, 2),
        ],
    )

    # Its day passed two days ago and nobody recorded it: "Việc của tôi" of Phòng VH-XH.
    services.session_create(
        commune=commune,
        by=culture,
        title="Tập huấn kỹ năng dân vận cho công chức tiếp công dân",
        kind=Kind.TRAINING,
        audience=Audience.OFFICIALS,
        organiser=units["Phòng VH-XH"],
        place="Phòng họp UBND xã",
        planned_on=today - timedelta(days=2),
        documents=_documents(DIRECTIVE_33),
    )
    services.session_create(
        commune=commune,
        by=culture,
        title="Tuyên truyền Nghị quyết 57-NQ/TW về chuyển đổi số cho đoàn viên thanh niên",
        kind=Kind.OUTREACH,
        audience=Audience.MEMBERS,
        organiser=units["Phòng VH-XH"],
        presenter="Hoàng Thị Dung, Trưởng phòng Văn hóa - Xã hội",
        place="Hội trường UBND xã",
        planned_on=today + timedelta(days=12),
        documents=_documents(RESOLUTION_57),
    )
