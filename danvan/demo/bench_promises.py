"""Province-scale promises for `danvan gen-promises`, inserted in bulk on bench communes.

Each bench commune (made by `danvan gen-bench`) gets about `per_commune` promises over the
years since 2024: said at events of its four sources (a dialogue, a voters' meeting, a council
session's questioning, an inspection's conclusion; several promises each), each owed by one of
its offices, its Front or an organisation, most about one of its villages, about 5 % internal
with a reason. Each owns a task of the commune's yearly `PromisePlan`, as
`promises.services.promise_create` makes it (one-off, started the day it was said, due by the
date promised or by the roadmap's date), with the stored schedule fields the services would
compute (`plans.services.task_schedule`) and, for an outcome, the lead unit's report the
service records (final and accepted for kept and explained, a note for a roadmap). Audit
entries follow what the services log (plan, task, promise created, promise reported), then are
chained. Nothing goes through the per-row services; no evidence files are made.

The outcomes are a realistic mix: a promise past its date was mostly kept (on time or late),
some explained or moved onto a roadmap, some still open (late); a promise not yet due is mostly
open, some already kept. Statuses are counted afterwards with `Promise.status`.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from danvan.core.audit import chain_unhashed
from danvan.core.calendar import work_calendar
from danvan.core.models import AuditEntry, Membership, Role, Unit, User
from danvan.demo import bench_data as bd
from danvan.lib.text import fold
from danvan.plans.models import Plan, ProgressReport, Recurrence, Task
from danvan.plans.services import task_schedule
from danvan.promises.models import Outcome, Promise, PromisePlan, Source

FIRST_YEAR = 2024
# Events per source (weights) and how many promises one event yields.
SOURCE_WEIGHTS = {
    Source.DIALOGUE: 30,
    Source.VOTERS: 35,
    Source.QUESTIONING: 15,
    Source.INSPECTION: 20,
}
PER_EVENT = (3, 14)
INTERNAL_SHARE = 0.05
INTERNAL_REASONS = [
    "Liên quan đến vụ việc đang thanh tra, chưa công bố kết luận",
    "Bảo vệ thông tin cá nhân của hộ gia đình được hỗ trợ",
    "Nội dung liên quan đến đơn tố cáo đang giải quyết",
    "Chờ ý kiến của cơ quan cấp tỉnh trước khi công khai",
]

# What a commune promises: (weight, title, problem the people raised). {village} is "thôn X"
# or a place of the commune; a rare one ("cầu treo") gives the benchmark's rare search word.
PROMISES: list[tuple[int, str, str]] = [
    (10, "Sửa chữa tuyến đường liên thôn {village} bị sạt lở sau mưa lũ",
     "đường liên thôn xuống cấp, sạt lở, đi lại khó khăn vào mùa mưa"),
    (8, "Bê tông hóa đường ngõ xóm {village}",
     "đường ngõ xóm lầy lội, xe cứu thương không vào được"),
    (8, "Lắp đặt hệ thống đèn chiếu sáng công cộng {village}",
     "khu dân cư chưa có đèn chiếu sáng, mất an ninh trật tự ban đêm"),
    (7, "Nạo vét kênh mương nội đồng {village} trước vụ xuân",
     "kênh mương bồi lắng, không đủ nước tưới cho vụ xuân"),
    (7, "Xử lý dứt điểm tình trạng ô nhiễm môi trường do cơ sở chăn nuôi {village}",
     "mùi hôi và nước thải chăn nuôi gây ô nhiễm nguồn nước sinh hoạt"),
    (6, "Bố trí điểm tập kết và thu gom rác thải sinh hoạt {village}",
     "rác thải tồn đọng ven đường, chưa có lịch thu gom"),
    (6, "Khắc phục tình trạng mất nước sinh hoạt kéo dài {village}",
     "công trình nước sạch hư hỏng, nhiều hộ thiếu nước sinh hoạt"),
    (6, "Giải quyết hồ sơ cấp giấy chứng nhận quyền sử dụng đất cho các hộ {village}",
     "hồ sơ cấp giấy chứng nhận quyền sử dụng đất để lâu chưa được giải quyết"),
    (5, "Chi trả tiền bồi thường, hỗ trợ giải phóng mặt bằng cho các hộ dân {village}",
     "tiền bồi thường giải phóng mặt bằng chậm chi trả"),
    (5, "Công khai dự toán, quyết toán kinh phí xây dựng nhà văn hóa {village}",
     "các khoản đóng góp xây dựng nhà văn hóa chưa được công khai"),
    (5, "Hỗ trợ sửa chữa nhà ở cho hộ nghèo, hộ có hoàn cảnh khó khăn {village}",
     "nhà ở của một số hộ nghèo dột nát, xuống cấp"),
    (4, "Kiểm tra, xử lý việc lấn chiếm hành lang an toàn giao thông {village}",
     "lấn chiếm lòng lề đường để buôn bán, dựng lều quán"),
    (4, "Rút ngắn thời gian giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công",
     "hồ sơ thủ tục hành chính trễ hẹn, phải đi lại nhiều lần"),
    (4, "Cắm biển cảnh báo và gia cố điểm sạt lở taluy dương {village}",
     "taluy dương sạt lở đe dọa an toàn các hộ dân sống ven đồi"),
    (3, "Tổ chức tiêm phòng dịch bệnh cho đàn gia súc, gia cầm {village}",
     "dịch bệnh trên gia súc chưa được kiểm soát kịp thời"),
    (3, "Sửa chữa phòng học và công trình vệ sinh tại điểm trường {village}",
     "phòng học xuống cấp, công trình vệ sinh của điểm trường hư hỏng"),
    (1, "Sửa chữa cầu treo {village} đảm bảo an toàn cho học sinh qua suối",
     "cầu treo hư hỏng, mất an toàn cho học sinh và người dân qua suối"),
]  # fmt: skip
# What an inspection's conclusion orders remedied.
REMEDIES: list[tuple[int, str, str]] = [
    (5, "Khắc phục thiếu sót trong việc công khai danh sách hộ nghèo, hộ cận nghèo {village}",
     "danh sách hộ nghèo, hộ cận nghèo chưa được niêm yết đủ thời gian"),
    (4, "Chấn chỉnh việc tiếp công dân định kỳ của Chủ tịch UBND xã",
     "lịch tiếp công dân định kỳ không được duy trì đầy đủ"),
    (4, "Bổ sung hồ sơ, hoàn thiện quy trình lấy ý kiến Nhân dân về quy hoạch sử dụng đất",
     "hồ sơ lấy ý kiến Nhân dân chưa đủ biên bản tổng hợp ý kiến"),
    (3, "Thu hồi khoản hỗ trợ chi sai đối tượng {village}",
     "một số khoản hỗ trợ được chi cho hộ không đủ điều kiện"),
    (3, "Kiểm điểm trách nhiệm và khắc phục việc giải quyết đơn thư quá hạn",
     "một số đơn kiến nghị, phản ánh giải quyết quá thời hạn luật định"),
]  # fmt: skip
PLACES = ["tại khu vực chợ trung tâm", "trên địa bàn xã", "ở khu dân cư mới", "dọc Quốc lộ 4B"]
NOTES = {
    "kept": [
        "Đã hoàn thành, nghiệm thu và bàn giao đưa vào sử dụng; thông báo kết quả tới Nhân dân.",
        "Đã thực hiện xong; kết quả được niêm yết tại nhà văn hóa thôn và thông báo trên loa.",
        "Đã giải quyết dứt điểm; các hộ dân phản ánh đã được trả lời bằng văn bản.",
    ],
    "explained": [
        "Nội dung vượt thẩm quyền của xã; UBND xã đã kiến nghị cấp tỉnh và giải trình với cử tri.",
        "Chưa đủ nguồn lực trong năm; đã giải trình tại hội nghị và thông tin lại cho Nhân dân.",
    ],
    "roadmap": [
        "Đã bố trí kinh phí trong kế hoạch đầu tư công năm sau; thực hiện theo lộ trình.",
        "Đang khảo sát, lập hồ sơ thiết kế; dự kiến hoàn thành theo thời hạn mới.",
    ],
}
LEADER_TITLES = ["Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", "Chủ tịch HĐND xã"]


@dataclass
class Event:
    source: str
    on: date
    label: str


@dataclass
class Stats:
    communes: int = 0
    promises: int = 0
    plans: int = 0
    reports: int = 0
    audit: int = 0
    chained: int = 0
    sources: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    internal: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [
            f"{self.promises:,} promises over {self.communes} communes, {self.plans} yearly "
            f"promise plans, {self.reports:,} progress reports, {self.audit:,} audit entries "
            f"({self.chained:,} chained)",
            "sources: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.sources.items())),
            "statuses today: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.statuses.items())),
            f"internal (not on the portal): {self.internal:,}",
            "time: " + ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items()),
        ]


@contextmanager
def historical_timestamps(*fields: Any) -> Iterator[None]:
    """Let bulk inserts keep the `created_at` given instead of `auto_now_add`'s now()."""
    saved = [(f, f.auto_now_add) for f in fields]
    for f, _ in saved:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in saved:
            f.auto_now_add = value


def bench_communes() -> list[Unit]:
    """The communes `gen-bench` made (each has a `bench_` leader), in id order."""
    leaders = Membership.objects.filter(
        user__username__startswith=bd.BENCH_PREFIX, role=Role.LEADER, unit__kind=Unit.Kind.COMMUNE
    ).values_list("unit_id", flat=True)
    return list(Unit.objects.filter(pk__in=leaders).order_by("pk"))


def _day(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))


def _label(rng: random.Random, source: str, on: date, year: int, villages: list[Unit]) -> str:
    d = f"{on:%d/%m/%Y}"
    session = rng.randint(2, 14)
    if source == Source.DIALOGUE:
        return rng.choice(
            [
                f"Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm {year} ({d})",
                f"Đối thoại chuyên đề với Nhân dân {rng.choice(villages).name} ({d})",
            ]
        )
    if source == Source.VOTERS:
        return rng.choice(
            [
                f"Tiếp xúc cử tri trước kỳ họp thứ {session} HĐND xã ({d})",
                f"Kiến nghị cử tri {rng.choice(villages).name} sau kỳ họp thứ {session} ({d})",
            ]
        )
    if source == Source.QUESTIONING:
        return f"Chất vấn tại kỳ họp thứ {session} HĐND xã ({d})"
    return rng.choice(
        [
            f"Kết luận kiểm tra số {rng.randint(1, 60)}/KL-UBND ngày {d}",
            f"Kết luận kiểm tra việc thực hiện dân chủ ở cơ sở ({d})",
        ]
    )


def _events(rng: random.Random, n: int, today: date, villages: list[Unit]) -> list[Event]:
    """Events of one commune, dated since 1/1/FIRST_YEAR, enough for `n` promises."""
    kinds = list(SOURCE_WEIGHTS)
    weights = [SOURCE_WEIGHTS[k] for k in kinds]
    first = date(FIRST_YEAR, 1, 1)
    out = []
    for _ in range(max(1, n // ((PER_EVENT[0] + PER_EVENT[1]) // 2) + 1)):
        source = rng.choices(kinds, weights)[0]
        on = _day(rng, first, today - timedelta(days=1))
        out.append(Event(source, on, _label(rng, source, on, on.year, villages)))
    return out


def _pick(rng: random.Random, table: list[tuple[int, str, str]]) -> tuple[str, str]:
    _w, title, problem = rng.choices(table, weights=[w for w, _t, _p in table])[0]
    return title, problem


@dataclass
class Made:
    """One promise, its task and what the services would have logged and recorded."""

    promise: Promise
    task: Task
    report: ProgressReport | None
    reporter: User


def _outcome(
    rng: random.Random, made_on: date, promised_due: date, today: date
) -> tuple[str, date | None, date]:
    """(outcome, outcome_on, due_on now) of a promise, as of today."""
    r = rng.random()
    if r >= 0.85 and (today - promised_due).days > 365 and rng.random() < 0.7:
        r = rng.random() * 0.85  # a promise a year past its date was mostly settled since
    if promised_due < today:
        if r < 0.52:  # kept on time
            return Outcome.KEPT, _day(rng, made_on, promised_due), promised_due
        if r < 0.68:  # kept late, some after a roadmap had moved the date
            on = _day(
                rng, promised_due + timedelta(days=1), min(today, promised_due + timedelta(120))
            )
            moved = (
                promised_due + timedelta(days=rng.randint(20, 120))
                if rng.random() < 0.3
                else promised_due
            )
            return Outcome.KEPT, on, moved
        if r < 0.76:
            return (
                Outcome.EXPLAINED,
                _day(rng, made_on, min(today, promised_due + timedelta(30))),
                promised_due,
            )
        if r < 0.85:  # a roadmap: reported near the date promised, a new date (maybe past too)
            on = max(made_on, min(today, promised_due - timedelta(days=rng.randint(0, 20))))
            return Outcome.ROADMAP, on, on + timedelta(days=rng.randint(30, 300))
        return "", None, promised_due  # still open: late
    if r < 0.22:
        return Outcome.KEPT, _day(rng, made_on, today), promised_due
    if r < 0.27:
        return Outcome.EXPLAINED, _day(rng, made_on, today), promised_due
    if r < 0.32:
        on = _day(rng, made_on, today)
        return Outcome.ROADMAP, on, promised_due + timedelta(days=rng.randint(30, 200))
    return "", None, promised_due


def generate(
    communes: list[Unit],
    per_commune: int,
    seed: int,
    *,
    batch_size: int = 2000,
    say: Callable[[str], Any] = print,
) -> Stats:
    """Bulk-create about `per_commune` promises in each of `communes` (their plans, tasks,
    reports and audit entries), one transaction per commune, then chain the audit entries."""
    import time

    rng = random.Random(seed)  # noqa: S311 - reproducible fake data
    today = timezone.localdate()
    cal = bd.cached_calendar(work_calendar())
    ct: dict[Any, ContentType] = {
        m: ContentType.objects.get_for_model(m) for m in (Plan, Task, Promise)
    }
    stats = Stats(communes=len(communes))
    started = time.perf_counter()

    def stamp(day: date) -> datetime:
        return _at(rng, day)

    people: dict[int, User] = {}  # unit id -> its bench officer or leader
    for m in Membership.objects.filter(
        user__username__startswith=bd.BENCH_PREFIX, unit__commune__in=communes
    ).select_related("user"):
        if m.role in (Role.LEADER, Role.OFFICER):
            people.setdefault(m.unit_id, m.user)
    fields = [Promise._meta.get_field("created_at"), ProgressReport._meta.get_field("created_at")]
    fields += [AuditEntry._meta.get_field("created_at"), Plan._meta.get_field("created_at")]
    with historical_timestamps(*fields):
        for i, commune in enumerate(communes):
            with transaction.atomic():
                _commune(rng, commune, per_commune, today, cal, ct, people, stamp, stats,
                         batch_size)  # fmt: skip
            if (i + 1) % 10 == 0 or i + 1 == len(communes):
                say(
                    f"  … {i + 1}/{len(communes)} communes, {stats.promises:,} promises, "
                    f"{time.perf_counter() - started:.1f} s"
                )
    stats.seconds["insert"] = time.perf_counter() - started
    t0 = time.perf_counter()
    stats.chained = chain_unhashed()
    stats.seconds["audit chain"] = time.perf_counter() - t0
    for p in Promise.objects.only("outcome", "outcome_on", "promised_due", "due_on").iterator(
        chunk_size=5000
    ):
        stats.statuses[p.status(today)] += 1
    return stats


def _commune(
    rng: random.Random,
    commune: Unit,
    n: int,
    today: date,
    cal: bd.CachedCalendar,
    ct: dict[Any, ContentType],
    people: dict[int, User],
    stamp: Callable[[date], datetime],
    stats: Stats,
    batch_size: int,
) -> None:
    units = list(Unit.objects.filter(commune=commune).exclude(pk=commune.pk).order_by("pk"))
    villages = [u for u in units if u.kind == Unit.Kind.VILLAGE]
    owners = [u for u in units if u.kind != Unit.Kind.VILLAGE]
    owner_weights = [6 if u.kind == Unit.Kind.OFFICE else 1 for u in owners]
    leader = people[commune.pk]
    events = _events(rng, n, today, villages)
    plans: dict[int, Plan] = {}
    for year in sorted({e.on.year for e in events}):
        first = min(e.on for e in events if e.on.year == year)
        plans[year] = Plan(
            commune=commune,
            issuing_unit=commune,
            title=f"Kế hoạch theo dõi thực hiện các cam kết, lời hứa với Nhân dân năm {year}",
            year=year,
            status=Plan.Status.ISSUED,
            issued_on=first,  # issued with its first task (task_create_issued)
            created_at=stamp(first),
        )
    Plan.objects.bulk_create(plans.values(), batch_size=batch_size)
    PromisePlan.objects.bulk_create(
        [PromisePlan(commune=commune, year=y, plan=p) for y, p in plans.items()]
    )
    stats.plans += len(plans)
    made: list[Made] = []
    positions: Counter[int] = Counter()
    for _ in range(n):
        event = rng.choice(events)
        made.append(_one(rng, commune, event, owners, owner_weights, villages, leader, people,
                         plans, positions, today, cal))  # fmt: skip
    made.sort(key=lambda m: (m.promise.made_on, m.task.position))
    Task.objects.bulk_create([m.task for m in made], batch_size=batch_size)
    for m in made:
        m.promise.task = m.task
        if m.report:
            m.report.task = m.task
    Promise.objects.bulk_create([m.promise for m in made], batch_size=batch_size)
    reports = [m.report for m in made if m.report]
    ProgressReport.objects.bulk_create(reports, batch_size=batch_size)
    entries = [
        AuditEntry(
            created_at=p.created_at,
            actor=leader,
            commune_id=commune.pk,
            action="plans.plan_created",
            content_type=ct[Plan],
            object_id=str(p.pk),
            object_repr=p.title[:300],
            changes={"title": p.title},
        )
        for p in plans.values()
    ]
    for m in made:
        p, t = m.promise, m.task
        at = p.created_at
        entries.append(
            AuditEntry(
                created_at=at,
                actor=leader,
                commune_id=commune.pk,
                action="plans.task_created",
                content_type=ct[Task],
                object_id=str(t.pk),
                object_repr=t.title[:300],
                changes={
                    "lead_unit": p.owner_unit.label,
                    "coordinating_units": [],
                    "next_due": cal.roll_forward(p.promised_due).isoformat(),
                },
            )
        )
        entries.append(
            AuditEntry(
                created_at=at,
                actor=leader,
                commune_id=commune.pk,
                action="promises.promise_created",
                content_type=ct[Promise],
                object_id=str(p.pk),
                object_repr=p.title[:300],
                changes={
                    "source": p.source,
                    "owner_unit": str(p.owner_unit),
                    "due_on": p.promised_due.isoformat(),
                    "task": t.pk,
                    "public": p.public,
                },
            )
        )
        if p.outcome and p.outcome_on:
            changes: dict[str, Any] = {"outcome": ["", p.outcome]}
            if p.due_on != p.promised_due:
                changes["due_on"] = [p.promised_due.isoformat(), p.due_on.isoformat()]
            changes.update(outcome_on=p.outcome_on.isoformat(), files=0)
            entries.append(
                AuditEntry(
                    created_at=m.report.created_at if m.report else stamp(p.outcome_on),
                    actor=m.reporter,
                    commune_id=commune.pk,
                    action="promises.promise_reported",
                    content_type=ct[Promise],
                    object_id=str(p.pk),
                    object_repr=p.title[:300],
                    changes=changes,
                )
            )
        if not p.public:
            entries.append(
                AuditEntry(
                    created_at=at + timedelta(hours=1),
                    actor=leader,
                    commune_id=commune.pk,
                    action="promises.promise_hidden",
                    content_type=ct[Promise],
                    object_id=str(p.pk),
                    object_repr=p.title[:300],
                    changes={"public": False, "reason": p.internal_reason},
                )
            )
    AuditEntry.objects.bulk_create(entries, batch_size=batch_size)
    stats.promises += len(made)
    stats.reports += len(reports)
    stats.audit += len(entries)
    stats.internal += sum(1 for m in made if not m.promise.public)
    stats.sources.update(m.promise.source for m in made)


def _one(
    rng: random.Random,
    commune: Unit,
    event: Event,
    owners: list[Unit],
    owner_weights: list[int],
    villages: list[Unit],
    leader: User,
    people: dict[int, User],
    plans: dict[int, Plan],
    positions: Counter[int],
    today: date,
    cal: bd.CachedCalendar,
) -> Made:
    inspection = event.source == Source.INSPECTION
    title, problem = _pick(rng, REMEDIES if inspection else PROMISES)
    village = rng.choice(villages) if "{village}" in title and rng.random() < 0.75 else None
    where = f"tại thôn {village.name.removeprefix('Thôn ')}" if village else rng.choice(PLACES)
    title = title.format(village=where)
    owner = rng.choices(owners, owner_weights)[0]
    made_on = event.on
    days = rng.randint(20, 90) if inspection else rng.randint(30, 300)
    promised_due = made_on + timedelta(days=days)
    outcome, outcome_on, due_on = _outcome(rng, made_on, promised_due, today)
    named = "" if inspection or rng.random() < 0.4 else rng.choice(LEADER_TITLES)
    person = f"{bd.person_name(rng)}, {named}" if named else ""
    if inspection:
        content = (
            f"Qua kiểm tra: {problem}. Kết luận yêu cầu {owner.name} {title[0].lower()}"
            f"{title[1:]}, báo cáo kết quả trước ngày {promised_due:%d/%m/%Y}."
        )
    else:
        content = (
            f"Nhân dân phản ánh {problem}. {named or 'Lãnh đạo UBND xã'} trả lời và cam kết "
            f"giao {owner.name} {title[0].lower()}{title[1:]}, hoàn thành trước ngày "
            f"{promised_due:%d/%m/%Y}."
        )
    public = rng.random() >= INTERNAL_SHARE
    promise = Promise(
        commune=commune,
        source=event.source,
        source_label=event.label,
        title=title,
        content=content,
        owner_unit=owner,
        owner_person=person,
        village=village,
        made_on=made_on,
        promised_due=promised_due,
        due_on=due_on,
        outcome=outcome,
        outcome_note=rng.choice(NOTES[outcome]) if outcome else "",
        outcome_on=outcome_on,
        public=public,
        internal_reason="" if public else rng.choice(INTERNAL_REASONS),
        created_by=leader,
        created_at=_at(rng, made_on),
    )
    parts = [title, content, event.label, owner.name, person]
    if village:
        parts.append(village.name)
    promise.search_text = fold(" ".join(parts))  # as promises.services._search_text folds
    plan = plans[made_on.year]
    done = outcome_on if outcome in (Outcome.KEPT, Outcome.EXPLAINED) else None
    task = Task(
        commune_id=commune.pk,
        plan=plan,
        title=f"{title} ({event.label})"[:500],
        description=content,
        expected_result="Thực hiện cam kết, báo cáo kết quả và công khai cho Nhân dân "
        f"({Source(event.source).label}).",
        lead_unit=owner,
        recurrence=Recurrence.ONCE,
        start_date=made_on,
        due_date=due_on,
        position=positions[plan.pk],
        percent=100 if done else 0,
        last_report_on=done,
        done_on=done,
    )
    task.search_text = fold(task.title)
    positions[plan.pk] += 1
    task.next_due, task.warn_from = task_schedule(task, cal, set())
    reporter = people.get(owner.pk, leader)
    report = None
    if outcome and outcome_on:
        closing = done is not None
        report = ProgressReport(
            unit=owner,
            kind=ProgressReport.Kind.LEAD,
            period_end=outcome_on,
            text=f"{Outcome(outcome).label}: {promise.outcome_note}",
            percent=100 if closing else None,
            is_final=closing,
            created_by=reporter,
            reported_on=outcome_on,
            review=ProgressReport.Review.ACCEPTED if closing else ProgressReport.Review.NOTE,
            reviewed_by=reporter if closing else None,
            created_at=_at(rng, outcome_on),
        )
        if closing:
            report.reviewed_at = report.created_at
    return Made(promise, task, report, reporter)


def _at(rng: random.Random, day: date) -> datetime:
    tz = timezone.get_current_timezone()
    at = datetime(day.year, day.month, day.day, 8, tzinfo=tz)
    return min(at + timedelta(seconds=rng.randint(0, 9 * 3600)), datetime.now(UTC))
