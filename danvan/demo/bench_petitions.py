"""Province-scale petitions for the benchmarks: `generate_petitions(communes, n, seed)`.

The text reads like the petitions a commune receives (land, pollution, roads, benefits, officials,
order…), with what search and duplicate detection must cope with: "ô nhiễm" and "Ô nhiễm" at the
start of a sentence, "đường"/"Đường", text stored in decomposed Unicode (NFD) as some keyboards
send it, and near-miss words ("giao nhiệm vụ", "trách nhiệm") that a careless substring search
mistakes for "o nhiem". Part of the petitions come in *episodes*: many people of one village
writing about one matter within weeks, the clusters that duplicates and hotspots must find.

Statuses and deadlines follow the rules: each petition's life (classification, acceptance,
routing, resolution, extension, pause) is simulated from its received date, and every due date
comes from `core.deadlines.due` itself (memoised: the same rule, start date and
circumstances give the same answer), so a sample recomputed by the services agrees
(`check_deadlines`). Rows are built in Python and inserted with `bulk_create` in batches, in the
order they were received (communes interleaved, as a real register fills up); `search_text` is
`danvan.lib.text.fold(subject + " " + content)`, exactly what `services.petition_receive` stores.

Nothing here decides who may see what; the command `danvan gen-petitions` and the `--petitions`
option of `danvan gen-bench` call this module.
"""

from __future__ import annotations

import json
import random
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import DateField, DateTimeField, JSONField, Max, Model
from django.utils import timezone

from danvan.core.deadlines import Circumstances, due, rule_for
from danvan.core.models import Membership, Role, Unit
from danvan.lib.text import fold
from danvan.petitions import services
from danvan.petitions.models import (
    HotspotRule,
    Petition,
    PetitionEvent,
    PetitionKind,
)

Status = Petition.Status
Topic = Petition.Topic
TRACKING_ALPHABET = services.TRACKING_ALPHABET

FAMILY = ["Nguyễn", "Trần", "Lê", "Hoàng", "Nông", "Vi", "Lương", "Đàm", "Chu", "Mã", "Lục", "Hà"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Đức", "Hà", "Hải", "Hùng", "Lan", "Mai", "Nam", "Oanh"]
GIVEN += ["Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Tuấn", "Vân", "Yến", "Đông", "Đạt", "Dũng"]
ROADS = ["liên thôn", "trục chính", "ra cánh đồng", "vào khu nghĩa trang", "liên xã", "nội đồng"]
STREAMS = ["Khuổi Lầy", "Nà Làng", "Bản Cưởm", "Pác Khuổi", "Còn Nưa"]
PLACES = ["khu chợ xã", "cổng trường tiểu học", "khu vực cầu treo", "nhà văn hóa thôn", "bến đò"]

# (topic, weight, kinds that write about it, subject templates, content sentences)
TOPICS: list[tuple[str, int, list[str], list[str], list[str]]] = [
    (
        Topic.LAND,
        25,
        ["complaint", "recommendation", "reflection", "denunciation", "mixed"],
        [
            "Đề nghị giải quyết tranh chấp ranh giới đất với hộ {person} tại thôn {village}",
            "Khiếu nại việc thu hồi đất để làm đường {road} thôn {village}",
            "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa đất số {n}",
            "Phản ánh việc lấn chiếm đất công tại {place}",
            "Khiếu nại mức bồi thường, hỗ trợ khi thu hồi đất làm đường {road}",
            "Đề nghị đo đạc lại diện tích thửa đất số {n} tờ bản đồ số {m}",
        ],
        [
            "Gia đình tôi sử dụng ổn định thửa đất này từ năm {year} đến nay, không có tranh chấp.",
            "Hộ {person} đã tự ý xây tường rào lấn sang phần đất của gia đình tôi khoảng {n} m².",
            "Mức bồi thường chưa thỏa đáng, thấp hơn giá thị trường tại địa phương.",
            "Việc đo đạc trước đây có sai sót nên diện tích trên giấy tờ không đúng thực tế.",
            "Đường {road} đi qua đất của gia đình nhưng chưa được thông báo, bàn bạc.",
        ],
    ),
    (
        Topic.ENVIRONMENT,
        15,
        ["reflection", "recommendation", "complaint", "mixed"],
        [
            "Ô nhiễm môi trường từ trại chăn nuôi lợn của hộ {person} tại thôn {village}",
            "Phản ánh tình trạng ô nhiễm nguồn nước suối {stream}",
            "Đề nghị xử lý việc đổ rác thải không đúng nơi quy định tại {place}",
            "Ô nhiễm tiếng ồn, khói bụi từ xưởng chế biến gỗ ở thôn {village}",
            "Khói bụi từ lò gạch thủ công gây ô nhiễm không khí",
            "Đề nghị khắc phục ô nhiễm do nước thải chảy ra đường {road}",
        ],
        [
            "Ô nhiễm kéo dài khiến nhiều hộ dân bị ảnh hưởng đến sức khỏe, nhất là trẻ em.",
            "Mùi hôi bốc lên nồng nặc vào buổi tối, nước thải chảy thẳng xuống suối {stream}.",
            "Tình trạng ô nhiễm đã được phản ánh tại buổi tiếp xúc cử tri nhưng chưa được xử lý.",
            "Rác thải tập kết ngay cạnh đường {road}, ruồi muỗi phát sinh nhiều.",
            "Nguồn nước giếng của các hộ xung quanh có màu đục, không dùng để ăn uống được.",
        ],
    ),
    (
        Topic.CONSTRUCTION,
        15,
        ["recommendation", "reflection", "complaint"],
        [
            "Đề nghị sửa chữa đường {road} thôn {village} bị xuống cấp",
            "Phản ánh chất lượng công trình đường bê tông nông thôn thôn {village}",
            "Đề nghị lắp đặt đèn chiếu sáng trên đường {road}",
            "Cống thoát nước bị tắc gây ngập úng đường vào thôn {village}",
            "Đường giao thông {road} sạt lở sau mưa lũ, đi lại khó khăn",
            "Đề nghị làm rõ việc đóng góp xây dựng nhà văn hóa thôn {village}",
        ],
        [
            "Đường {road} mới làm được {n} tháng đã bong tróc, nứt vỡ nhiều đoạn.",
            "Mỗi khi mưa lớn, nước tràn qua mặt đường, học sinh không đến trường được.",
            "Nhân dân đã đóng góp ngày công và tiền nhưng công trình chậm tiến độ.",
            "Đề nghị công khai dự toán và quyết toán công trình để Nhân dân giám sát.",
        ],
    ),
    (
        Topic.SOCIAL,
        12,
        ["recommendation", "complaint", "reflection"],
        [
            "Đề nghị xem xét đưa gia đình {person} vào danh sách hộ nghèo",
            "Kiến nghị về việc chi trả trợ cấp người có công chậm",
            "Đề nghị hỗ trợ nhà ở cho hộ gia đình có hoàn cảnh khó khăn ở thôn {village}",
            "Khiếu nại việc bình xét hộ cận nghèo năm {year} không công khai",
            "Đề nghị giải quyết chế độ bảo hiểm y tế cho người cao tuổi",
        ],
        [
            "Gia đình có {n} nhân khẩu, không có việc làm ổn định, thu nhập thấp.",
            "Việc bình xét tại thôn {village} không tổ chức họp dân, không niêm yết công khai.",
            "Đã nộp hồ sơ từ tháng {month}/{year} nhưng đến nay chưa nhận được trợ cấp.",
        ],
    ),
    (
        Topic.ADMIN,
        10,
        ["reflection", "recommendation", "complaint"],
        [
            "Phản ánh việc chậm giải quyết hồ sơ tại Trung tâm Phục vụ hành chính công",
            "Đề nghị hướng dẫn thủ tục đăng ký khai sinh, kết hôn",
            "Phản ánh việc yêu cầu bổ sung giấy tờ không đúng quy định",
            "Đề nghị rút ngắn thời gian chứng thực hồ sơ đất đai",
        ],
        [
            "Hồ sơ nộp ngày {day}/{month}/{year} đã quá hẹn trả kết quả {n} ngày.",
            "Công chức yêu cầu bổ sung nhiều lần, mỗi lần một loại giấy tờ khác nhau.",
        ],
    ),
    (
        Topic.OFFICIALS,
        8,
        ["denunciation", "reflection", "complaint"],
        [
            "Tố cáo cán bộ địa chính xã có hành vi nhũng nhiễu khi làm thủ tục",
            "Phản ánh thái độ của công chức khi tiếp công dân",
            "Tố cáo việc thu tiền sai quy định của trưởng thôn {village}",
            "Tố cáo việc sử dụng kinh phí hỗ trợ không đúng mục đích",
        ],
        [
            "Người dân phải nộp thêm {n}00.000 đồng mới được giải quyết hồ sơ.",
            "Đề nghị xem xét trách nhiệm của cán bộ có liên quan và xử lý nghiêm.",
            "Số tiền thu không có biên lai, không được công khai trước thôn.",
        ],
    ),
    (
        Topic.SECURITY,
        8,
        ["reflection", "recommendation", "denunciation"],
        [
            "Phản ánh tình trạng đánh bạc tại {place}",
            "Đề nghị xử lý việc tụ tập gây mất trật tự ban đêm ở thôn {village}",
            "Phản ánh xe tải chở quá tải làm hỏng đường {road}",
            "Phản ánh tình trạng trộm cắp gia súc ở thôn {village}",
        ],
        [
            "Sự việc diễn ra thường xuyên vào buổi tối, gây bức xúc trong Nhân dân.",
            "Xe tải trọng lớn chạy suốt ngày đêm, bụi bay mù mịt, đường hư hỏng nặng.",
        ],
    ),
    (
        Topic.OTHER,
        7,
        ["recommendation", "reflection"],
        [
            "Góp ý về việc tổ chức lễ hội truyền thống của thôn {village}",
            "Đề nghị bố trí lịch tiêm chủng cho trẻ em thuận tiện hơn",
            "Kiến nghị về giờ mở cửa của thư viện và nhà văn hóa xã",
        ],
        ["Nhiều ý kiến của Nhân dân thôn {village} đề nghị như trên."],
    ),
]
OPENINGS = [
    "Tôi tên là {name}, trú tại thôn {village}.",
    "Kính gửi Chủ tịch UBND xã.",
    "Chúng tôi gồm {k} hộ dân thôn {village} cùng ký đơn này.",
    "Tôi là {name}, sinh năm {born}, hiện cư trú ở thôn {village}.",
]
CLOSINGS = [
    "Đề nghị UBND xã xem xét, giải quyết dứt điểm.",
    "Đề nghị giao nhiệm vụ cho cơ quan chuyên môn kiểm tra, xử lý.",
    "Đề nghị làm rõ trách nhiệm của các cá nhân có liên quan.",
    "Sự việc kéo dài từ tháng {month}/{year} đến nay nhưng chưa được trả lời.",
    "Tôi xin cam đoan những nội dung trên là đúng sự thật.",
    "Kính mong lãnh đạo xã quan tâm, giải quyết sớm cho Nhân dân.",
    "Đường sá, giao thông đi lại của bà con cũng bị ảnh hưởng.",
]
CHANNELS = [
    (Petition.Channel.IN_PERSON, 40),
    (Petition.Channel.POST, 15),
    (Petition.Channel.PORTAL, 25),
    (Petition.Channel.HOTLINE, 8),
    (Petition.Channel.EMAIL, 4),
    (Petition.Channel.FORWARDED, 8),
]
KIND_WEIGHTS = {
    "reflection": 36,
    "recommendation": 30,
    "complaint": 20,
    "denunciation": 9,
    "mixed": 5,
}
NFD_SHARE = 0.03  # rows stored in decomposed Unicode, as some input methods send it
EPISODE_SHARE = 0.12  # petitions that belong to a many-people matter (clusters)
YEARS_BACK = 3


def circumstances(p: Petition) -> Circumstances:
    """What the deadline of a petition depends on, as the services read it."""
    return Circumstances(
        complex=p.complex,
        very_complex=p.very_complex,
        remote=p.remote,
        several_places=p.several_places,
        extensions=p.extensions,
        paused_days=p.paused_days,
    )


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


@dataclass
class Episode:
    """One matter many people of a village write about within a few weeks."""

    commune_id: int
    village: Unit
    topic: str
    subject: str
    sentences: list[str]
    start: date
    days: int
    size: int
    first: Petition | None = None


@dataclass(slots=True)
class EventRow:
    """A PetitionEvent row to insert (attribute names are the model's column attnames): a
    million model instances cost minutes of object set-up for nothing."""

    kind: str
    on: date
    note: str
    by_id: int | None
    public: bool
    id: int = 0
    petition_id: int = 0
    created_at: datetime | None = None


@dataclass
class Place:
    commune: Unit
    villages: list[Unit]
    officers: list[tuple[int, int]]  # (user id, office unit id)
    phones: list[str]
    weight: float


@dataclass
class Stats:
    petitions: int = 0
    events: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    statuses: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    nfd: int = 0
    episodes: int = 0
    in_episodes: int = 0
    linked: int = 0
    deadline_keys: int = 0
    thresholds: dict[int, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        total = sum(self.seconds.values())
        rate = self.petitions / max(self.seconds["insert petitions"], 1e-9)
        return [
            f"petitions {self.petitions:,}, events {self.events:,}, episodes {self.episodes:,} "
            f"({self.in_episodes:,} petitions, {self.linked:,} linked), NFD rows {self.nfd:,}",
            "time: "
            + ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
            + f"; total {total:.1f} s; {rate:,.0f} petitions/s inserted",
            f"kinds {dict(self.kinds)}",
            f"statuses {dict(self.statuses)}",
            f"distinct deadline computations {self.deadline_keys:,}",
        ]


@contextmanager
def _timed(stats: Stats, name: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        stats.seconds[name] += time.perf_counter() - t0


class _Rows:
    """Fast inserts of fully built model instances, ids included.

    `bulk_create` on SQLite splits rows into statements of at most 999 parameters (22 petitions
    each), which makes a million rows take a quarter of an hour; one prepared statement run
    with executemany (SQLite) or COPY (PostgreSQL) loads the same rows in a minute. Values are
    adapted as Django would for these field types (dates, datetimes, JSON, booleans).
    """

    def __init__(self, model: type[Model]) -> None:
        self.fields = [f for f in model._meta.concrete_fields]
        self.table = model._meta.db_table
        ops = connection.ops
        self.adapt: list[Callable[[Any], Any]] = []
        for f in self.fields:
            if isinstance(f, JSONField):
                self.adapt.append(lambda v: json.dumps(v, ensure_ascii=False))
            elif isinstance(f, DateTimeField):
                self.adapt.append(ops.adapt_datetimefield_value)
            elif isinstance(f, DateField):
                self.adapt.append(ops.adapt_datefield_value)
            else:
                self.adapt.append(lambda v: v)
        self.names = [f.attname for f in self.fields]
        cols = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.copy_sql = f"COPY {connection.ops.quote_name(self.table)} ({cols}) FROM STDIN"
        marks = ", ".join(["%s"] * len(self.fields))
        self.insert_sql = (
            f"INSERT INTO {connection.ops.quote_name(self.table)} ({cols}) VALUES ({marks})"  # noqa: S608
        )

    def insert(self, objs: Sequence[Model] | Sequence[EventRow]) -> None:
        pairs = list(zip(self.names, self.adapt, strict=True))
        values = [tuple(adapt(getattr(o, name)) for name, adapt in pairs) for o in objs]
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                with cur.cursor.copy(self.copy_sql) as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                cur.executemany(self.insert_sql, values)


def _reset_sequences() -> None:
    """After inserting explicit ids, PostgreSQL's sequences must move past them."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the largest id inserted
    sql = connection.ops.sequence_reset_sql(no_style(), [Petition, PetitionEvent])
    with connection.cursor() as cur:
        for statement in sql:
            cur.execute(statement)


class _Deadlines:
    """`core.deadlines.due`, remembered per (rule, start, circumstances): a bulk load asks the
    same question thousands of times, and the answer must be the services' own."""

    def __init__(self) -> None:
        self._memo: dict[tuple[Any, ...], tuple[date, list[str]]] = {}

    def __call__(
        self, procedure: str, step: str, start: date, c: Circumstances
    ) -> tuple[date, list[str]]:
        key: tuple[Any, ...] = (procedure, step, start, c.complex, c.very_complex, c.remote)
        key = (*key, c.several_places, c.extensions, c.paused_days)
        hit = self._memo.get(key)
        if hit is None:
            result, _rule = due(procedure, step, start, c)
            hit = self._memo[key] = (result.due, result.steps)
        return hit

    def __len__(self) -> int:
        return len(self._memo)


class _Builder:
    def __init__(self, rng: random.Random, today: date, places: dict[int, Place]) -> None:
        self.rng = rng
        self.today = today
        self.places = places
        self.deadlines = _Deadlines()
        self.codes: set[str] = set(Petition.objects.values_list("tracking_code", flat=True))
        self.tz = timezone.get_current_timezone()
        kinds = list(KIND_WEIGHTS)
        self.kinds, self.kind_weights = kinds, [KIND_WEIGHTS[k] for k in kinds]

    # --- text ----------------------------------------------------------------------------------

    def fill(self, template: str, village: str) -> str:
        rng = self.rng
        return template.format(
            person=person(rng),
            name=person(rng),
            village=village,
            road=rng.choice(ROADS),
            stream=rng.choice(STREAMS),
            place=rng.choice(PLACES),
            n=rng.randint(2, 120),
            m=rng.randint(1, 40),
            k=rng.randint(5, 30),
            year=rng.randint(2015, self.today.year),
            born=rng.randint(1950, 2000),
            day=rng.randint(1, 28),
            month=rng.randint(1, 12),
        )

    def text(
        self, topic_row: tuple[str, int, list[str], list[str], list[str]], village: str
    ) -> tuple[str, str]:
        rng = self.rng
        _topic, _w, _kinds, subjects, sentences = topic_row
        subject = self.fill(rng.choice(subjects), village)
        body = [self.fill(rng.choice(OPENINGS), village)]
        body += [self.fill(s, village) for s in rng.sample(sentences, min(len(sentences), 2))]
        body += [self.fill(s, village) for s in rng.sample(CLOSINGS, rng.randint(1, 3))]
        return subject, " ".join(body)

    def tracking_code(self) -> str:
        while True:
            code = "".join(self.rng.choice(TRACKING_ALPHABET) for _ in range(10))
            if code not in self.codes:
                self.codes.add(code)
                return code

    # --- one petition's life -------------------------------------------------------------------

    def petition(
        self, place: Place, received: date, episode: Episode | None
    ) -> tuple[Petition, list[EventRow]]:
        rng = self.rng
        if episode:
            topic_row = next(t for t in TOPICS if t[0] == episode.topic)
            village: Unit | None = episode.village
            subject = (
                episode.subject
                if rng.random() < 0.6
                else self.fill(rng.choice(topic_row[3]), episode.village.name.removeprefix("Thôn "))
            )
            _s, content = self.text(topic_row, episode.village.name.removeprefix("Thôn "))
            content = " ".join([self.fill(rng.choice(episode.sentences), ""), content])
        else:
            topic_row = rng.choices(TOPICS, weights=[t[1] for t in TOPICS])[0]
            village = rng.choice(place.villages) if place.villages and rng.random() < 0.8 else None
            vname = village.name.removeprefix("Thôn ") if village else rng.choice(STREAMS)
            subject, content = self.text(topic_row, vname)
        kind = (
            rng.choice(topic_row[2])
            if rng.random() < 0.7
            else rng.choices(self.kinds, weights=self.kind_weights)[0]
        )
        if rng.random() < NFD_SHARE:
            subject = unicodedata.normalize("NFD", subject)
            content = unicodedata.normalize("NFD", content)
        signatories = rng.choice([5, 7, 12, 25, 40]) if rng.random() < 0.04 else 1
        if episode and rng.random() < 0.2:
            signatories = rng.randint(5, 30)
        denunciation = kind == PetitionKind.DENUNCIATION
        anonymous = rng.random() < (0.25 if denunciation else 0.03)
        p = Petition(
            commune_id=place.commune.pk,
            year=received.year,
            tracking_code=self.tracking_code(),
            channel=rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0],
            kind=kind,
            # A second complaint is forwarded above the commune on the day it arrives
            # (petitions.services): the commune's book runs none, so none is generated.
            second_complaint=False,
            topic=topic_row[0],
            subject=subject[:300],
            content=content,
            village=village,
            received_on=received,
            signatories=signatories,
            anonymous=anonymous,
            sensitive=rng.random() < 0.02,
            search_text=fold(f"{subject[:300]} {content}"),
            created_at=datetime(received.year, received.month, received.day, 8, tzinfo=self.tz)
            + timedelta(seconds=rng.randint(0, 9 * 3600)),
        )
        if not denunciation and not anonymous:
            # Denouncers' identities live in the vault, never on the row (Luật Tố cáo Art. 47).
            p.petitioner_name = person(rng)
            p.petitioner_address = f"Thôn {village.name.removeprefix('Thôn ')}" if village else ""
            p.petitioner_phone = rng.choice(place.phones) if rng.random() < 0.85 else ""
        events = self.life(p, place)
        return p, events

    def _due(self, p: Petition) -> None:
        assert p.step_started_on is not None
        p.due_on, p.due_explained = self.deadlines(
            p.procedure, p.step, p.step_started_on, circumstances(p)
        )

    def _event(self, p: Petition, kind: str, on: date, note: str) -> EventRow:
        return EventRow(kind=kind, on=on, note=note, by_id=p.handler_id, public=True)

    def _close(self, p: Petition, status: str, on: date, note: str) -> EventRow:
        # As services._close: on time when closed by the due date then running.
        p.status, p.closed_on = status, on
        p.closed_on_time = p.due_on is None or on <= p.due_on
        p.outcome = note
        return self._event(p, status, on, note)

    def life(self, p: Petition, place: Place) -> list[EventRow]:
        """Classification, then routing or acceptance, extension, pause and decision, each on a
        date that has come (today or before) and in the order the services allow."""
        rng, today = self.rng, self.today
        events = [self._event(p, "received", p.received_on, "Tiếp nhận đơn.")]
        p.procedure, p.step = services.first_step(p)
        p.step_started_on = p.received_on
        self._due(p)
        assert p.due_on is not None
        classified = p.received_on + timedelta(days=rng.randint(1, 6))
        if classified > today:
            return events  # still just received
        p.competent = rng.random() < 0.85
        p.conditions_met = p.competent and rng.random() < 0.95
        p.complex = rng.random() < 0.15
        p.very_complex = p.complex and rng.random() < 0.2
        p.remote = rng.random() < 0.1
        if p.procedure == "to-cao":
            p.several_places = rng.random() < 0.1
        self._due(p)
        # The first step's date: mostly in time, sometimes late.
        span = max(1, (p.due_on - p.received_on).days)
        acted = p.received_on + timedelta(
            days=rng.randint(1, span + (8 if rng.random() < 0.08 else 0))
        )
        if acted > today:
            return events
        if p.kind == PetitionKind.DENUNCIATION and p.anonymous:
            events.append(
                self._close(p, Status.INFORMATION, acted, services.ROUTES[Status.INFORMATION])
            )
            return events
        if not (p.competent and p.conditions_met):
            outcome = rng.choices(
                [Status.GUIDED, Status.FORWARDED, Status.RETURNED, Status.FILED], [45, 35, 12, 8]
            )[0]
            events.append(self._close(p, outcome, acted, services.ROUTES[outcome]))
            return events
        # Accept (thụ lý): the resolution period runs from the day after.
        p.status, p.accepted_on = Status.ACCEPTED, acted
        if place.officers:
            p.handler_id, p.handling_unit_id = rng.choice(place.officers)
        events.append(self._event(p, "accepted", acted, "Thụ lý đơn."))
        # Every accepted case, kiến nghị and phản ánh included, runs the `giai-quyet` step of
        # its procedure (services.first_step; the tiep-cong-dan row of petitions migration 0013).
        p.step, p.step_started_on = "giai-quyet", acted
        self._due(p)
        assert p.due_on is not None
        rule = rule_for(p.procedure, p.step, acted)
        allowed = (
            rule.max_extensions_very_complex if p.very_complex
            else rule.max_extensions_complex if p.complex else 0
        )  # fmt: skip
        before_due = p.due_on - timedelta(days=rng.randint(0, 5))
        if allowed and rng.random() < 0.5 and before_due > acted and before_due <= today:
            p.extensions = 1
            self._due(p)
            events.append(self._event(p, "extended", before_due, "Vụ việc phức tạp."))
        if rng.random() < 0.04:
            paused = acted + timedelta(days=rng.randint(3, 15))
            if paused <= today:
                p.status, p.paused_on = Status.PAUSED, paused
                events.append(self._event(p, "paused", paused, "Chờ kết quả giám định."))
                resumed = paused + timedelta(days=rng.randint(5, 40))
                if resumed > today:
                    return events
                p.paused_days = (resumed - paused).days
                p.status, p.paused_on = Status.ACCEPTED, None
                self._due(p)
                events.append(self._event(p, "resumed", resumed, "Đã có kết quả giám định."))
        span = max(1, (p.due_on - acted).days)
        late = rng.randint(1, 25) if rng.random() < 0.1 else 0
        decided = acted + timedelta(days=rng.randint(max(1, span // 3), span) + late)
        if decided > today:
            return events
        events.append(
            self._close(p, Status.RESOLVED, decided, "Đã có kết luận, quyết định giải quyết.")
        )
        p.public_answer = "UBND xã đã kiểm tra, có văn bản trả lời gửi công dân."
        return events


def _places(communes: Sequence[Unit], rng: random.Random) -> dict[int, Place]:
    villages: dict[int, list[Unit]] = defaultdict(list)
    for v in Unit.objects.filter(
        kind=Unit.Kind.VILLAGE, commune_id__in=[c.pk for c in communes]
    ).order_by("pk"):
        villages[v.commune_id].append(v)  # type: ignore[index]
    officers: dict[int, list[tuple[int, int]]] = defaultdict(list)
    rows = Membership.objects.filter(
        role=Role.OFFICER,
        unit__kind=Unit.Kind.OFFICE,
        unit__commune_id__in=[c.pk for c in communes],
    ).values_list("user_id", "unit_id", "unit__commune_id")
    for user_id, unit_id, commune_id in rows.order_by("pk"):
        if commune_id is not None:
            officers[commune_id].append((user_id, unit_id))
    places = {}
    for c in communes:
        phones = [f"09{rng.randint(10_000_000, 99_999_999)}" for _ in range(4000)]
        places[c.pk] = Place(c, villages[c.pk], officers[c.pk], phones, rng.uniform(0.6, 1.4))
    return places


def _episodes(
    places: dict[int, Place], target: int, start: date, today: date, b: _Builder
) -> list[Episode]:
    rng = b.rng
    episodes: list[Episode] = []
    made = 0
    eligible = [p for p in places.values() if p.villages]
    while eligible and made < target:
        place = rng.choices(eligible, weights=[p.weight for p in eligible])[0]
        topic_row = rng.choices(TOPICS[:4] + TOPICS[6:7], weights=[25, 30, 20, 10, 15])[0]
        village = rng.choice(place.villages)
        vname = village.name.removeprefix("Thôn ")
        size = min(target - made, rng.randint(20, 120))
        days = rng.randint(10, 45)
        first = start + timedelta(days=rng.randint(0, max(0, (today - start).days - 5)))
        episodes.append(
            Episode(
                commune_id=place.commune.pk,
                village=village,
                topic=topic_row[0],
                subject=b.fill(rng.choice(topic_row[3]), vname),
                sentences=[b.fill(s, vname) for s in topic_row[4]],
                start=first,
                days=days,
                size=size,
            )
        )
        made += size
    return episodes


def generate_petitions(
    communes: Sequence[Unit],
    n: int,
    seed: int,
    *,
    today: date | None = None,
    batch_size: int = 5000,
    events: bool = True,
    say: Callable[[str], None] = print,
) -> Stats:
    """Insert `n` petitions spread over `communes` and the last three years; returns what it did.

    Also marks each commune's "VP HĐND-UBND" office as the petition desk (as the demo does), so
    its officers see the whole register, and stores a HotspotRule per commune scaled to this
    data's density (benchmark communes receive far more petitions than real ones: the legal-
    scale default of 5 in 30 days would flag every village).
    """
    if n < 1 or not communes:
        raise ValueError("nothing to generate: give communes and n ≥ 1")
    rng = random.Random(seed)  # noqa: S311 - reproducible fake data
    today = today or timezone.localdate()
    start = today - timedelta(days=365 * YEARS_BACK)
    stats = Stats()
    Unit.objects.filter(
        commune_id__in=[c.pk for c in communes], kind=Unit.Kind.OFFICE, short_name="VP HĐND-UBND"
    ).update(receives_petitions=True)
    with _timed(stats, "prepare"):
        places = _places(communes, rng)
        b = _Builder(rng, today, places)
        episodes = _episodes(places, round(n * EPISODE_SHARE), start, today, b)
        weights = [p.weight for p in places.values()]
        plan: list[tuple[date, int, Episode | None]] = []
        for episode in episodes:
            for _ in range(episode.size):
                day = min(today, episode.start + timedelta(days=rng.randint(0, episode.days)))
                plan.append((day, episode.commune_id, episode))
        plain = n - len(plan)
        span = (today - start).days
        pids = list(places)
        for _ in range(plain):
            # Slightly more petitions in recent months, as intake grows with the portal.
            day = start + timedelta(days=min(span, int(span * rng.random() ** 0.85)))
            plan.append((day, rng.choices(pids, weights=weights)[0], None))
        plan.sort(key=lambda x: x[0])
    existing = (
        Petition.objects.filter(commune_id__in=pids)
        .values_list("commune_id", "year")
        .annotate(m=Max("number"))
    )
    numbers: Counter[tuple[int, int]] = Counter({(c, y): m for c, y, m in existing})
    next_id = (Petition.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    next_event = (PetitionEvent.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    stats.episodes, stats.in_episodes = len(episodes), n - plain
    petition_rows, event_rows = _Rows(Petition), _Rows(PetitionEvent)
    if connection.vendor == "sqlite":
        # A million rows update indexes all over the file: give this connection a page cache
        # of 256 MiB instead of SQLite's 2 MiB default (the pages are written the same).
        with connection.cursor() as cur:
            cur.execute("PRAGMA cache_size = -262144")
    t_start = time.perf_counter()
    for i in range(0, len(plan), batch_size):
        chunk = plan[i : i + batch_size]
        rows: list[Petition] = []
        evs: list[EventRow] = []
        with _timed(stats, "build"):
            for day, commune_id, ep in chunk:
                p, pe = b.petition(places[commune_id], day, ep)
                p.pk, next_id = next_id, next_id + 1
                numbers[(commune_id, p.year)] += 1
                p.number = numbers[(commune_id, p.year)]
                if ep is not None:
                    if ep.first is None:
                        ep.first = p
                    elif rng.random() < 0.5:
                        same = (
                            p.petitioner_phone and p.petitioner_phone == ep.first.petitioner_phone
                        )
                        p.linked_to_id = ep.first.pk
                        p.link_kind = "repeat" if same else "same_matter"
                        stats.linked += 1
                for e in pe:
                    e.id, next_event = next_event, next_event + 1
                    e.petition_id = p.pk
                    e.created_at = datetime.combine(e.on, datetime.min.time(), tzinfo=b.tz)
                rows.append(p)
                evs.extend(pe)
                stats.statuses[str(p.status)] += 1
                stats.kinds[str(p.kind)] += 1
                stats.nfd += p.subject != unicodedata.normalize("NFC", p.subject)
        with _timed(stats, "insert petitions"), transaction.atomic():
            petition_rows.insert(rows)
        if events:
            with _timed(stats, "insert events"), transaction.atomic():
                event_rows.insert(evs)
            stats.events += len(evs)
        stats.petitions += len(rows)
        if (i // batch_size) % 40 == 39:
            say(f"  … {stats.petitions:,} petitions, {time.perf_counter() - t_start:.0f} s")
    with _timed(stats, "sequences"):
        _reset_sequences()
    stats.deadline_keys = len(b.deadlines)
    with _timed(stats, "hotspot rules"):
        stats.thresholds = _hotspot_rules(places, n, span)
    return stats


def _hotspot_rules(places: dict[int, Place], n: int, span_days: int) -> dict[int, int]:
    """Per commune: a threshold about twice the usual 30-day count of its busiest village and
    topic, so that only the generated episodes stand out."""
    out = {}
    total_weight = sum(p.weight for p in places.values())
    busiest_topic = max(t[1] for t in TOPICS) / sum(t[1] for t in TOPICS)
    for pk, place in places.items():
        per_day = n * (1 - EPISODE_SHARE) * place.weight / total_weight / max(span_days, 1)
        cells = max(1, len(place.villages))
        usual = per_day * 30 * 0.8 / cells * busiest_topic
        threshold = max(5, round(usual * 2))
        HotspotRule.objects.update_or_create(
            commune_id=pk, defaults={"threshold": threshold, "window_days": 30}
        )
        out[pk] = threshold
    return out


def check_deadlines(sample: int = 300, seed: int = 1) -> tuple[int, int]:
    """Recompute sampled open petitions' due dates with the services: (checked, disagreeing)."""
    rng = random.Random(seed)  # noqa: S311
    ids = list(Petition.objects.open().exclude(step="").values_list("pk", flat=True)[:200_000])
    picked = rng.sample(ids, min(sample, len(ids)))
    bad = 0
    for p in Petition.objects.filter(pk__in=picked):
        assert p.step_started_on is not None
        result, _rule = due(p.procedure, p.step, p.step_started_on, circumstances(p))
        bad += result.due != p.due_on
    return len(picked), bad
