"""Province-scale records of issue 14 for `danvan gen-unitwork`, inserted in bulk on the
communes `danvan gen-bench` made: what the lists of the movement, the commendations, the news
and broadcasts, public opinion, ethnic and religious work, study sessions and the one-stop
centre hold after a few years.

Per commune and `scale` 1 (the benchmark's): 300 practices of the movement (2024–2026, a
fifth recognised and shown in the gallery), 40 commendation decisions of 25 awards each and
100 proposals, 600 articles (most published) and 1,500 broadcasts, 1,500 notes of public
opinion, 150 respected persons and 40 religious establishments, 300 study sessions, 2,000
one-stop dossiers: about 6,500 rows a commune, 420,000 over 65. Each row holds what its
app's services would store, its folded search text made by the app's own function; nothing
goes through the per-row services, no files are made, and no audit entry is written (the
benchmark's pages are measured both kept and with nothing kept).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.commendations.models import Award, AwardForm, Decision, Proposal
from danvan.core.models import Membership, Role, Unit
from danvan.demo import bench_data as bd
from danvan.demo.bench_promises import bench_communes
from danvan.ethnic_religious.models import (
    Establishment,
    EstablishmentKind,
    EthnicGroup,
    KeyPerson,
    Religion,
    Standing,
)
from danvan.lib.text import fold
from danvan.movement import services as movement_services
from danvan.movement.models import Field, Kind, Practice, RecognitionLevel, Status
from danvan.news.models import Article, Broadcast
from danvan.onestop.models import Dossier
from danvan.opinion import services as opinion_services
from danvan.opinion.models import OpinionNote, OpinionTopic, SourceKind
from danvan.study import services as study_services
from danvan.study.models import StudySession

FIRST_YEAR = 2024
# Rows per commune at scale 1.
SIZES = {
    "practices": 300,
    "decisions": 40,
    "awards_per_decision": 25,
    "proposals": 100,
    "articles": 600,
    "broadcasts": 1500,
    "notes": 1500,
    "persons": 150,
    "establishments": 40,
    "sessions": 300,
    "dossiers": 2000,
}

PRACTICES = [
    "Dân vận khéo trong xây dựng đường giao thông nông thôn {village}",
    "Mô hình “Camera an ninh” {village}",
    "Tổ liên gia tự quản về an ninh trật tự {village}",
    "Mô hình trồng rừng gỗ lớn gắn với chế biến {village}",
    "Câu lạc bộ hát then, đàn tính {village}",
    "Mô hình “Tuyến đường hoa, đường tự quản” {village}",
    "Mô hình nuôi ong lấy mật giúp hộ nghèo {village}",
    "Hiến đất mở rộng đường ngõ xóm {village}",
    "Dân vận khéo trong chuyển đổi số, thanh toán không dùng tiền mặt {village}",
    "Mô hình phân loại rác thải tại nguồn {village}",
    "Tổ hòa giải giỏi {village}",
    "Mô hình cầu treo dân tự góp công {village}",
]
ACHIEVEMENTS = [
    "Có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo” năm {year}",
    "Đã có thành tích trong công tác hòa giải ở cơ sở năm {year}",
    "Hoàn thành xuất sắc nhiệm vụ tiếp nhận và trả kết quả hồ sơ năm {year}",
    "Đã tích cực hiến đất xây dựng đường giao thông nông thôn năm {year}",
    "Có thành tích trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}",
]
ARTICLES = [
    (
        "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân {village}",
        "Hơn 100 đại biểu dự, 12 ý kiến được trả lời trực tiếp tại hội nghị.",
    ),
    (
        "Thông báo lịch tiếp công dân tháng {month}",
        "Chủ tịch UBND xã tiếp công dân định kỳ vào thứ Năm hằng tuần tại trụ sở.",
    ),
    (
        "Nhân dân {village} hiến đất làm đường",
        "Các hộ dân tự nguyện hiến hơn 2.000 m² đất để mở rộng đường liên thôn.",
    ),
    (
        "Ra quân tổng vệ sinh môi trường {village}",
        "Đoàn viên, hội viên và Nhân dân ra quân thu gom rác thải, phát quang đường làng.",
    ),
    (
        "Tuyên truyền phòng, chống lừa đảo qua mạng",
        "Công an xã khuyến cáo người dân cảnh giác với các cuộc gọi giả danh cơ quan nhà nước.",
    ),
    ("Khánh thành cầu treo {village}", "Cây cầu do Nhân dân góp công, Nhà nước hỗ trợ vật liệu."),
]
NOTES = [
    "Người dân {village} băn khoăn về tiến độ chi trả tiền bồi thường giải phóng mặt bằng",
    "Dư luận {village} phản ánh mùi hôi từ cơ sở chăn nuôi gần khu dân cư",
    "Nhiều hộ {village} lo ngại giá phân bón tăng cao trước vụ xuân",
    "Người dân {village} đồng tình với chủ trương sáp nhập thôn",
    "Một số người {village} chia sẻ thông tin chưa chính xác trên mạng xã hội về đất đai",
    "Dư luận {village} quan tâm việc sửa chữa cầu treo bị hư hỏng",
]
SESSIONS = [
    "Quán triệt Nghị quyết của Đảng ủy xã về công tác dân vận năm {year}",
    "Phổ biến Luật Thực hiện dân chủ ở cơ sở cho Nhân dân {village}",
    "Tập huấn kỹ năng dân vận cho cán bộ, công chức năm {year}",
    "Tuyên truyền pháp luật về đất đai {village}",
]
PROCEDURES = [
    "Chứng thực bản sao từ bản chính",
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Đăng ký biến động đất đai",
    "Trợ cấp xã hội hằng tháng",
]


class Stats(Counter[str]):
    def lines(self) -> list[str]:
        return [f"{k}: {v:,}" for k, v in sorted(self.items())]


def _day(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))


class Commune:
    """A bench commune with what its rows point at."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        children = list(Unit.objects.filter(parent=unit))
        self.villages = [u for u in children if u.kind == Unit.Kind.VILLAGE]
        self.offices = [u for u in children if u.kind == Unit.Kind.OFFICE]
        self.organisers = [
            u
            for u in children
            if u.kind in (Unit.Kind.OFFICE, Unit.Kind.FRONT, Unit.Kind.ORGANISATION)
        ]
        leader = Membership.objects.filter(unit=unit, role=Role.LEADER).select_related("user")
        self.leader = leader.first().user  # type: ignore[union-attr]

    def place(self, rng: random.Random) -> tuple[Unit | None, str]:
        if rng.random() < 0.15:
            return None, "trên địa bàn xã"
        village = rng.choice(self.villages)
        return village, village.name


def generate(
    communes: list[Unit],
    scale: float,
    seed: int,
    *,
    batch_size: int = 2000,
    say: Callable[[str], Any] = print,
) -> Stats:
    today = timezone.localdate()
    sizes = {k: max(1, round(v * scale)) for k, v in SIZES.items()}
    tables = {
        "fields": list(Field.objects.filter(is_active=True)),
        "commune_level": RecognitionLevel.objects.filter(is_commune=True).first(),
        "forms": list(AwardForm.objects.filter(is_active=True, level="commune")),
        "topics": list(OpinionTopic.objects.all()),
        "source_kinds": list(SourceKind.objects.all()),
        "groups": list(EthnicGroup.objects.filter(code__in=["tay", "nung", "kinh", "dao"]))
        or list(EthnicGroup.objects.all()[:4]),
        "standings": list(Standing.objects.all()),
        "religions": list(Religion.objects.all()),
        "kinds": list(EstablishmentKind.objects.all()),
    }
    stats = Stats()
    for n, unit in enumerate(communes, start=1):
        rng = random.Random(seed * 100_003 + unit.pk)  # noqa: S311 - invented bench data
        c = Commune(unit)
        with transaction.atomic():
            for make in (practices, commendations, news, opinion, people, study, dossiers):
                for model, rows in make(c, rng, sizes, tables, today).items():
                    model.objects.bulk_create(rows, batch_size=batch_size)
                    stats[model.__name__] += len(rows)
        if n % 10 == 0 or n == len(communes):
            say(f"  {n}/{len(communes)} communes")
    return stats


Rows = dict[Any, list[Any]]


def practices(
    c: Commune, rng: random.Random, sizes: dict[str, int], t: dict[str, Any], today: date
) -> Rows:
    rows = []
    for _ in range(sizes["practices"]):
        year = rng.randint(FIRST_YEAR, today.year)
        registered = _day(rng, date(year, 1, 15), min(date(year, 6, 30), today))
        village, where = c.place(rng)
        kind = rng.choices([Kind.MODEL, Kind.COLLECTIVE, Kind.INDIVIDUAL], [70, 20, 10])[0]
        p = Practice(
            commune=c.unit,
            created_by=c.leader,
            year=year,
            registered_on=registered,
            kind=kind,
            name=rng.choice(PRACTICES).format(village=where),
            field=rng.choice(t["fields"]),
            village=village,
            registrant=village or rng.choice(c.organisers),
            person_name=bd.person_name(rng) if kind == Kind.INDIVIDUAL else "",
            situation="Nhân dân còn khó khăn, cần cách làm phù hợp.",
            goals="Nâng cao đời sống và sự đồng thuận của Nhân dân; đo bằng số hộ tham gia.",
            content="Vận động Nhân dân cùng bàn, cùng làm, cùng kiểm tra, cùng hưởng thụ.",
            place_people=where,
            lead_partners="Ban công tác Mặt trận thôn chủ trì; các đoàn thể phối hợp.",
            timeline=f"Năm {year}",
            starts_on=registered,
            outputs="Số hộ tham gia, số mét đường, số buổi sinh hoạt có biên bản.",
            sustainability="Duy trì qua quy ước thôn, nhân rộng sang các thôn khác.",
        )
        decided = year < today.year or rng.random() < 0.3
        roll = rng.random()
        if decided and roll < 0.25:
            p.status, p.level, p.public = Status.RECOGNISED, t["commune_level"], rng.random() < 0.8
            p.decided_on = min(date(year, 12, 10), today)
            p.decision_number = f"{rng.randint(100, 999)}/QĐ-UBND"
            p.decided_by, p.score, p.reviews_count = c.leader, rng.randint(70, 98), 3
        elif decided and roll < 0.35:
            p.status, p.decided_on, p.decided_by = (
                Status.NOT_RECOGNISED,
                min(date(year, 12, 10), today),
                c.leader,
            )
            p.score, p.reviews_count = rng.randint(30, 60), 3
        elif roll < 0.6:
            p.status = Status.FOLLOWING
        p.search = movement_services._search_text(p)
        rows.append(p)
    return {Practice: rows}


def commendations(
    c: Commune, rng: random.Random, sizes: dict[str, int], t: dict[str, Any], today: date
) -> Rows:
    decisions, awards, proposals = [], [], []
    for k in range(sizes["decisions"]):
        signed = _day(rng, date(FIRST_YEAR, 1, 10), today)
        decisions.append(
            Decision(
                commune=c.unit, created_by=c.leader, number=f"{k + 1}/QĐ-UBND-{signed.year}",
                signed_on=signed, signer_name="Chủ tịch UBND xã", signer_title="Chủ tịch",
                form=rng.choice(t["forms"]), summary="Khen thưởng các tập thể, cá nhân",
            )
        )  # fmt: skip
    Decision.objects.bulk_create(decisions)
    sources = ["movement", "inspection", "mediation", "other"]
    for d in decisions:
        for _ in range(sizes["awards_per_decision"]):
            collective = rng.random() < 0.4
            unit = rng.choice(c.villages + c.organisers) if collective else None
            recipient = unit.name if unit else bd.person_name(rng)
            achievement = rng.choice(ACHIEVEMENTS).format(year=d.signed_on.year)
            source = rng.choices(sources, [50, 15, 15, 20])[0]
            label = "Phong trào “Dân vận khéo”" if source == "movement" else ""
            awards.append(
                Award(
                    commune=c.unit, created_by=c.leader, decision=d, source=source,
                    source_label=label, recipient=recipient,
                    recipient_kind="collective" if collective else "individual",
                    recipient_unit=unit, achievement=achievement, year=d.signed_on.year,
                    search=fold(" ".join([recipient, achievement, label])),
                )
            )  # fmt: skip
    for _ in range(sizes["proposals"]):
        refused = rng.random() < 0.4
        proposed = _day(rng, date(FIRST_YEAR, 1, 10), today)
        proposals.append(
            Proposal(
                commune=c.unit, created_by=c.leader, source="movement",
                recipient=bd.person_name(rng), recipient_kind="individual",
                achievement=rng.choice(ACHIEVEMENTS).format(year=proposed.year),
                form=rng.choice(t["forms"]), proposing_unit=rng.choice(c.organisers),
                status="refused" if refused else "pending", proposed_on=proposed,
                decided_on=proposed if refused else None,
                refusal_reason="Chưa đủ tiêu chuẩn" if refused else "",
            )
        )  # fmt: skip
    return {Award: awards, Proposal: proposals}


def news(
    c: Commune, rng: random.Random, sizes: dict[str, int], t: dict[str, Any], today: date
) -> Rows:
    articles, broadcasts = [], []
    centre = next((u for u in c.offices if "Dịch vụ công ích" in u.name), c.offices[0])
    for _ in range(sizes["articles"]):
        day = _day(rng, date(FIRST_YEAR, 1, 2), today)
        _village, where = c.place(rng)
        title, summary = rng.choice(ARTICLES)
        title = title.format(village=where, month=f"{day:%m/%Y}")
        status = rng.choices(["published", "draft", "withdrawn"], [90, 7, 3])[0]
        published = status != "draft"
        articles.append(
            Article(
                commune=c.unit, created_by=c.leader, unit=centre,
                kind=rng.choices(["news", "story", "notice"], [60, 20, 20])[0],
                title=title, summary=summary, body=f"{summary}\n\nNội dung chi tiết của tin.",
                status=status,
                published_at=timezone.make_aware(datetime.combine(day, time(8, 0)))
                if published else None,
                published_on=day if published else None,
                published_by=c.leader if published else None,
                withdrawn_reason="Thông tin đã cũ" if status == "withdrawn" else "",
                search=fold(f"{title} {summary}")[:1000],
            )
        )  # fmt: skip
    numbers: Counter[int] = Counter()
    days = sorted(_day(rng, date(FIRST_YEAR, 1, 2), today) for _ in range(sizes["broadcasts"]))
    for day in days:
        numbers[day.year] += 1
        title, _summary = rng.choice(ARTICLES)
        broadcasts.append(
            Broadcast(
                commune=c.unit, created_by=c.leader, year=day.year, number=numbers[day.year],
                aired_on=day, starts_at=time(rng.choice((6, 17)), 0), minutes=15,
                title=title.format(village="các thôn", month=f"{day:%m/%Y}"), all_villages=True,
                read_by="Phát thanh viên",
            )
        )  # fmt: skip
    return {Article: articles, Broadcast: broadcasts}


def opinion(
    c: Commune, rng: random.Random, sizes: dict[str, int], t: dict[str, Any], today: date
) -> Rows:
    notes = []
    for _ in range(sizes["notes"]):
        noted = _day(rng, date(FIRST_YEAR, 1, 2), today)
        village, where = c.place(rng)
        urgency = rng.choices(["normal", "attention", "urgent"], [75, 18, 7])[0]
        handled = noted < today - timedelta(days=20) and rng.random() < 0.85
        note = OpinionNote(
            commune=c.unit, created_by=c.leader, noted_on=noted, topic=rng.choice(t["topics"]),
            village=village, place="", source_kind=rng.choice(t["source_kinds"]),
            reporting_unit=village or rng.choice(c.organisers),
            content=rng.choice(NOTES).format(village=where), urgency=urgency,
            trend=rng.choice(["new", "rising", "steady", "falling"]),
            due_on=noted + timedelta(days=3) if urgency == "urgent" else None,
            status="handled" if handled else "open",
            handled_on=noted + timedelta(days=rng.randint(1, 15)) if handled else None,
            handling="Đã trao đổi, giải thích với Nhân dân" if handled else "",
            handled_by=c.leader if handled else None,
        )  # fmt: skip
        note.search_text = opinion_services._search_text(note)
        notes.append(note)
    return {OpinionNote: notes}


def people(
    c: Commune, rng: random.Random, sizes: dict[str, int], t: dict[str, Any], today: date
) -> Rows:
    persons, places = [], []
    for _ in range(sizes["persons"]):
        p = KeyPerson(
            commune=c.unit, created_by=c.leader, village=rng.choice(c.villages),
            internal=rng.random() < 0.05, full_name=bd.person_name(rng),
            birth_year=rng.randint(1940, 1975), ethnic_group=rng.choice(t["groups"]),
            standing=rng.choice(t["standings"]), recognised_year=rng.randint(2020, today.year),
            decision_number=f"{rng.randint(10, 999)}/QĐ-UBND",
        )  # fmt: skip
        p.search = fold(p.folded())[:600]
        persons.append(p)
    for k in range(sizes["establishments"]):
        e = Establishment(
            commune=c.unit, created_by=c.leader, village=rng.choice(c.villages),
            name=f"{rng.choice(['Chùa', 'Đền', 'Miếu', 'Nhà thờ'])} {rng.choice(bd.VILLAGE_NAMES)} {k + 1}",
            kind=rng.choice(t["kinds"]), religion=rng.choice(t["religions"]),
            legal_status=rng.choice(["recognised", "registered", "none"]),
        )  # fmt: skip
        e.search = fold(e.folded())[:600]
        places.append(e)
    return {KeyPerson: persons, Establishment: places}


def study(
    c: Commune, rng: random.Random, sizes: dict[str, int], t: dict[str, Any], today: date
) -> Rows:
    sessions = []
    for _ in range(sizes["sessions"]):
        planned = _day(rng, date(FIRST_YEAR, 1, 10), today + timedelta(days=60))
        village, where = c.place(rng)
        held = planned <= today and rng.random() < 0.9
        expected = rng.randint(20, 120)
        s = StudySession(
            commune=c.unit, created_by=c.leader,
            title=rng.choice(SESSIONS).format(year=planned.year, village=where),
            kind=rng.choice(["study", "law", "outreach", "training"]),
            audience=rng.choice(["officials", "party", "members", "villagers", "mixed"]),
            organiser=rng.choice(c.organisers), presenter=bd.person_name(rng),
            place=f"Hội trường {where}", planned_on=planned, held_on=planned if held else None,
            status="held" if held else "planned", village=village,
            expected_total=expected, present_total=round(expected * rng.uniform(0.7, 1.0)) if held else 0,
            counted_present=expected if held else 0,
        )  # fmt: skip
        s.search_text = study_services._search_text(s, [])
        sessions.append(s)
    return {StudySession: sessions}


def dossiers(
    c: Commune, rng: random.Random, sizes: dict[str, int], t: dict[str, Any], today: date
) -> Rows:
    rows = []
    now = timezone.now()
    for k in range(sizes["dossiers"]):
        received = _day(rng, date(today.year - 1, 1, 2), today)
        due = received + timedelta(days=rng.randint(1, 15))
        roll = rng.random()
        returned = (
            None
            if due >= today and roll < 0.5
            else due + timedelta(days=rng.randint(1, 4))
            if roll < 0.1
            else due - timedelta(days=rng.randint(0, 2))
        )
        if returned is not None and returned > today:
            returned = None
        code = f"H{c.unit.code}-{received:%y%m%d}-{k + 1:05d}"
        procedure = rng.choice(PROCEDURES)
        rows.append(
            Dossier(
                commune=c.unit, code=code, procedure=procedure, received_on=received, due_on=due,
                returned_on=returned, status="Đã trả kết quả" if returned else "Đang giải quyết",
                satisfaction=rng.choice(["Hài lòng", "Rất hài lòng", ""]) if returned else "",
                search=fold(f"{code} {procedure}")[:700], imported_at=now,
            )
        )  # fmt: skip
    return {Dossier: rows}


__all__ = ["SIZES", "bench_communes", "generate"]
