"""`danvan gen-bench`: province-scale benchmark data, inserted in bulk.

    danvan gen-bench --communes 65 --tasks 200000 --seed 42

One province (Lạng Sơn, code 20) and its real communes from vietnam-provinces, each with the
offices, Front, organisations and villages of the demo commune; one leader per commune
(`bench_leader_<n>`), one officer per office (`bench_officer_<n>_<k>`) and a province viewer
(`bench_province`), all with the password `bench-pass-123`; one commune plan per commune and year
(sections I/II/III) with a sub-plan per office; tasks with coordinating units, progress reports
and audit entries. Deadlines are computed with `plans.services.task_schedule`; nothing goes
through the per-row services. It refuses a database that holds anything but bench data (the
demo!) unless --force, and always refuses a database that already holds bench data.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.db.models import Count, F
from django.utils import timezone

from danvan.core.audit import chain_unhashed
from danvan.core.calendar import work_calendar
from danvan.core.models import AuditEntry, Membership, Role, Unit, User
from danvan.demo import bench_data as bd
from danvan.lib.text import fold
from danvan.plans import services
from danvan.plans.models import Plan, ProgressReport, Section, Task


@contextmanager
def historical_timestamps(*fields: models.Field) -> Iterator[None]:
    """Let bulk inserts keep the `created_at` we give them instead of `auto_now_add`'s now()."""
    saved = [(f, f.auto_now_add) for f in fields]  # type: ignore[attr-defined]
    for f, _ in saved:
        f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f, value in saved:
            f.auto_now_add = value  # type: ignore[attr-defined]


class Timer:
    def __init__(self, out: Any) -> None:
        self.out = out
        self.totals: dict[str, float] = defaultdict(float)
        self.started = time.perf_counter()

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.totals[name] += time.perf_counter() - t0

    def say(self, name: str, detail: str = "") -> None:
        self.out.write(f"  {name:<22} {self.totals[name]:7.2f} s  {detail}".rstrip())


@dataclass
class CommuneSet:
    commune: Unit
    number: int
    units: dict[str, Unit]  # short name -> unit
    villages: list[str]
    leader: User | None = None
    officers: dict[int, User] = field(default_factory=dict)  # office unit id -> officer

    @property
    def offices(self) -> list[Unit]:
        return [u for u in self.units.values() if u.kind == Unit.Kind.OFFICE]

    @property
    def task_units(self) -> list[Unit]:
        return list(self.units.values())


@dataclass
class PlanSet:
    plan: Plan
    sections: list[Section]  # sections tasks hang under
    office: Unit | None  # the office of a sub-plan


class Command(BaseCommand):
    help = "Generate province-scale benchmark data (units, users, plans, tasks) in bulk."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--communes", type=int, default=65)
        parser.add_argument("--tasks", type=int, default=200_000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--first-year", type=int, default=2020)
        parser.add_argument("--last-year", type=int, default=2026)
        parser.add_argument(
            "--reports-per-task",
            type=float,
            default=0.5,
            help="progress reports per task, on average (open tasks keep every report their "
            "schedule rests on, whatever this says)",
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--force", action="store_true", help="add bench data to a database with other data"
        )

    def handle(self, *args: object, **opts: Any) -> None:
        self.rng = random.Random(opts["seed"])  # noqa: S311 - reproducible fake data
        self.batch = opts["batch_size"]
        self.today = timezone.localdate()
        self.tz = timezone.get_current_timezone()
        years = list(range(opts["first_year"], opts["last_year"] + 1))
        if not years or opts["communes"] < 1 or opts["tasks"] < 1:
            raise CommandError("Nothing to generate: check --communes, --tasks and the years.")
        self._check_database(force=opts["force"])
        timer = Timer(self.stdout)
        self.stdout.write(
            f"gen-bench: {opts['communes']} communes, {opts['tasks']} tasks, years "
            f"{years[0]}–{years[-1]}, seed {opts['seed']}, today {self.today:%d/%m/%Y}"
        )
        self.cal = bd.cached_calendar(work_calendar())
        self.ct_task = ContentType.objects.get_for_model(Task)
        self.ct_plan = ContentType.objects.get_for_model(Plan)
        with timer.step("password hash"):
            self.password = make_password(bd.BENCH_PASSWORD)
        timer.say("password hash", "(once, reused by every account)")
        with timer.step("units"), transaction.atomic():
            communes = self._units(opts["communes"])
        timer.say("units", f"{Unit.objects.count()} units")
        with timer.step("users"), transaction.atomic():
            self._users(communes)
        timer.say("users", f"{User.objects.count()} users")
        with (
            timer.step("plans, sections"),
            transaction.atomic(),
            historical_timestamps(Plan._meta.get_field("created_at")),  # type: ignore[arg-type]
        ):
            plans = self._plans(communes, years)
        timer.say(
            "plans, sections", f"{Plan.objects.count()} plans, {Section.objects.count()} sections"
        )
        per_commune_year = self._spread(opts["tasks"], len(communes) * len(years))
        counts: Counter[str] = Counter()
        stamped = [
            ProgressReport._meta.get_field("created_at"),
            AuditEntry._meta.get_field("created_at"),
        ]
        with historical_timestamps(*stamped):  # type: ignore[arg-type]
            for i, cs in enumerate(communes):
                with transaction.atomic():
                    n_tasks = per_commune_year[i * len(years) : (i + 1) * len(years)]
                    self._commune_tasks(cs, plans[cs.commune.pk], n_tasks, timer, counts, opts)
                if (i + 1) % 10 == 0 or i + 1 == len(communes):
                    self.stdout.write(
                        f"  … {i + 1}/{len(communes)} communes, {counts['tasks']} tasks, "
                        f"{time.perf_counter() - timer.started:.1f} s"
                    )
        timer.say("tasks (build)", "titles, schedules via plans.services.task_schedule")
        timer.say("tasks (insert)", f"{counts['tasks']} tasks")
        timer.say("coordinating units", f"{counts['coordinators']} links")
        timer.say("progress reports", f"{counts['reports']} reports")
        with timer.step("audit chain"):
            chained = chain_unhashed()  # bulk inserts bypass log_action: hash them in order
        timer.say("audit entries", f"{AuditEntry.objects.count()} entries, {chained} chained")
        with timer.step("self-check"):
            checked, bad = self._self_check()
        timer.say("self-check", f"{checked - bad}/{checked} open tasks' deadlines match services")
        if bad:
            raise CommandError(f"{bad} sampled tasks disagree with plans.services: fix gen-bench")
        self._print_statuses()
        total = time.perf_counter() - timer.started
        self.stdout.write(self.style.SUCCESS(f"gen-bench done in {total:.1f} s"))

    # --- safety --------------------------------------------------------------------------------

    def _check_database(self, *, force: bool) -> None:
        if User.objects.filter(username__startswith=bd.BENCH_PREFIX).exists():
            raise CommandError(
                "This database already holds bench data. Start from a fresh database "
                "(benchmarks/run.sh creates one)."
            )
        other = {
            "units": Unit.objects.count(),
            "users": User.objects.count(),
            "plans": Plan.objects.count(),
            "tasks": Task.objects.count(),
        }
        if any(other.values()) and not force:
            found = ", ".join(f"{n} {k}" for k, n in other.items() if n)
            raise CommandError(
                f"This database holds data that is not bench data ({found}): is it the demo? "
                "Refusing to touch it. Use a fresh database, or --force to add bench data anyway."
            )

    # --- units and people ----------------------------------------------------------------------

    def _units(self, count: int) -> list[CommuneSet]:
        wards = bd.bench_wards(count)
        provinces: dict[int, Unit] = {}
        for code in sorted({int(w.province_code) for w in wards}):
            province = bd.vp.Province.from_code(bd.vp.ProvinceCode(code))
            provinces[code], _ = Unit.objects.get_or_create(
                code=f"{code:02d}",
                defaults={"kind": Unit.Kind.PROVINCE, "name": f"Tỉnh {province.name}"},
            )
        existing = {u.code: u for u in Unit.objects.filter(kind=Unit.Kind.COMMUNE)}
        new = [
            Unit(
                kind=Unit.Kind.COMMUNE,
                name=w.name,
                code=f"{int(w.code):05d}",
                parent=provinces[int(w.province_code)],
            )
            for w in wards
            if f"{int(w.code):05d}" not in existing
        ]
        Unit.objects.bulk_create(new, batch_size=self.batch)
        Unit.objects.filter(pk__in=[u.pk for u in new]).update(commune_id=F("id"))
        by_code = {u.code: u for u in Unit.objects.filter(kind=Unit.Kind.COMMUNE)}
        communes = [by_code[f"{int(w.code):05d}"] for w in wards]
        sets = []
        first_pass: list[tuple[CommuneSet, Unit, str | None]] = []
        second_pass: list[tuple[CommuneSet, Unit, str | None]] = []
        for n, commune in enumerate(communes, start=1):
            villages = self.rng.sample(bd.VILLAGE_NAMES, bd.VILLAGES_PER_COMMUNE)
            cs = CommuneSet(commune, n, {}, villages)
            for short, name, kind, parent in bd.COMMUNE_UNITS:
                unit = Unit(kind=kind, name=name, short_name=short, commune=commune)
                unit.parent = commune
                (second_pass if parent else first_pass).append((cs, unit, parent))
            for v in villages:
                unit = Unit(
                    kind=Unit.Kind.VILLAGE,
                    name=f"Thôn {v}",
                    short_name=f"Thôn {v}",
                    commune=commune,
                )
                unit.parent = commune
                first_pass.append((cs, unit, None))
            sets.append(cs)
        for batch in (first_pass, second_pass):
            for cs, unit, parent in batch:
                if parent:
                    unit.parent = cs.units[parent]
            Unit.objects.bulk_create([u for _, u, _ in batch], batch_size=self.batch)
            for cs, unit, _ in batch:
                cs.units[unit.short_name] = unit
        return sets

    def _users(self, communes: list[CommuneSet]) -> None:
        users: list[User] = []
        roles: list[tuple[User, Unit, str]] = []

        def add(username: str, position: str, unit: Unit, role: str) -> User:
            user = User(
                username=username,
                password=self.password,
                full_name=bd.person_name(self.rng),
                position=position,
                email=f"{username}@bench.example",
            )
            users.append(user)
            roles.append((user, unit, role))
            return user

        for cs in communes:
            cs.leader = add(
                f"{bd.BENCH_PREFIX}leader_{cs.number}",
                f"Chủ tịch UBND {cs.commune.name}",
                cs.commune,
                Role.LEADER,
            )
            for k, office in enumerate(cs.offices, start=1):
                cs.officers[office.pk] = add(
                    f"{bd.BENCH_PREFIX}officer_{cs.number}_{k}",
                    f"Công chức {office.name}",
                    office,
                    Role.OFFICER,
                )
        province = communes[0].commune.parent
        assert province is not None
        add(f"{bd.BENCH_PREFIX}province", "Chuyên viên Sở Nội vụ", province, Role.PROVINCE_VIEWER)
        User.objects.bulk_create(users, batch_size=self.batch)
        Membership.objects.bulk_create(
            [Membership(user=u, unit=unit, role=role) for u, unit, role in roles],
            batch_size=self.batch,
        )

    # --- plans ---------------------------------------------------------------------------------

    def _plans(self, communes: list[CommuneSet], years: list[int]) -> dict[int, list[PlanSet]]:
        """Per commune: for each year the commune plan, then one sub-plan per office."""
        out: dict[int, list[PlanSet]] = {}
        parents: list[Plan] = []
        for cs in communes:
            for year in years:
                parents.append(self._plan(cs, year, cs.commune, None))
        Plan.objects.bulk_create(parents, batch_size=self.batch)
        children: list[Plan] = []
        for parent in parents:
            cs = next(c for c in communes if c.commune.pk == parent.commune_id)
            for office in cs.offices:
                children.append(self._plan(cs, parent.year, office, parent))
        Plan.objects.bulk_create(children, batch_size=self.batch)
        top: list[tuple[Plan, Section]] = []
        nested: list[tuple[Plan, Section, str]] = []
        for plan in [*parents, *children]:
            layout = bd.COMMUNE_SECTIONS if plan.parent_id is None else bd.SUB_PLAN_SECTIONS
            for position, (number, title, parent_number) in enumerate(layout):
                path = f"{parent_number}.{number}" if parent_number else number
                section = Section(
                    plan=plan, number=number, title=title, position=position, path=path
                )
                if parent_number:
                    nested.append((plan, section, parent_number))
                else:
                    top.append((plan, section))
        Section.objects.bulk_create([s for _, s in top], batch_size=self.batch)
        by_path = {(p.pk, s.path): s for p, s in top}
        for plan, section, parent_number in nested:
            section.parent = by_path[(plan.pk, parent_number)]
        Section.objects.bulk_create([s for _, s, _ in nested], batch_size=self.batch)
        task_sections: dict[int, list[Section]] = defaultdict(list)
        for plan, section, _ in nested:
            task_sections[plan.pk].append(section)
        for plan, section in top:
            if plan.parent_id is not None and section.path == "II":
                task_sections[plan.pk].append(section)
        offices = {u.pk: u for cs in communes for u in cs.offices}
        for plan in [*parents, *children]:
            sub_office = offices.get(plan.issuing_unit_id) if plan.parent_id else None
            out.setdefault(plan.commune_id, []).append(
                PlanSet(plan, task_sections[plan.pk], sub_office)
            )
        entries = [
            AuditEntry(
                created_at=self._stamp(plan.issued_on or date(plan.year, 1, 1), 8),
                actor=cs_leader,
                commune_id=plan.commune_id,
                action="plans.plan_created",
                content_type=self.ct_plan,
                object_id=str(plan.pk),
                object_repr=plan.title[:300],
                changes={"title": plan.title},
            )
            for plan, cs_leader in (
                (p, next(c.leader for c in communes if c.commune.pk == p.commune_id))
                for p in [*parents, *children]
            )
        ]
        with historical_timestamps(AuditEntry._meta.get_field("created_at")):  # type: ignore[arg-type]
            AuditEntry.objects.bulk_create(entries, batch_size=self.batch)
        return out

    def _plan(self, cs: CommuneSet, year: int, issuer: Unit, parent: Plan | None) -> Plan:
        issued = date(year, 1, self.rng.randint(5, 25))
        if parent:
            issued = (parent.issued_on or issued) + timedelta(days=self.rng.randint(3, 20))
            title = f"Kế hoạch triển khai công tác dân vận chính quyền năm {year} của {issuer.name}"
        else:
            title = f"Kế hoạch thực hiện công tác dân vận chính quyền năm {year}"
        recent = year >= self.today.year - 1
        return Plan(
            commune=cs.commune,
            issuing_unit=issuer,
            parent=parent,
            number=str(self.rng.randint(5, 250)),
            symbol="KH-UBND" if parent is None else "KH",
            issued_on=issued,
            place=cs.commune.name.removeprefix("Xã ").removeprefix("Phường "),
            title=title,
            year=year,
            status=Plan.Status.ISSUED if recent else Plan.Status.CLOSED,
            signer_title="CHỦ TỊCH" if parent is None else "TRƯỞNG PHÒNG",
            created_at=self._stamp(issued, 8),
        )

    # --- tasks and what follows from them ------------------------------------------------------

    @staticmethod
    def _spread(total: int, buckets: int) -> list[int]:
        base, extra = divmod(total, buckets)
        return [base + (1 if i < extra else 0) for i in range(buckets)]

    def _stamp(self, day: date, hour: int) -> datetime:
        return datetime(day.year, day.month, day.day, hour, tzinfo=self.tz) + timedelta(
            seconds=self.rng.randint(0, 8 * 3600)
        )

    def _commune_tasks(
        self,
        cs: CommuneSet,
        plan_sets: list[PlanSet],
        per_year: list[int],
        timer: Timer,
        counts: Counter[str],
        opts: dict[str, Any],
    ) -> None:
        rng = self.rng
        units = cs.task_units
        by_year: dict[int, list[PlanSet]] = defaultdict(list)
        for ps in plan_sets:
            by_year[ps.plan.year].append(ps)
        tasks: list[Task] = []
        meta: list[tuple[Task, bd.Outcome, list[Unit]]] = []
        with timer.step("tasks (build)"):
            for year, n in zip(sorted(by_year), per_year, strict=True):
                sets = by_year[year]  # the commune plan first, then the offices' sub-plans
                weights = [40] + [60 / max(1, len(sets) - 1)] * (len(sets) - 1)
                positions: Counter[int] = Counter()
                for _ in range(n):
                    ps = rng.choices(sets, weights=weights)[0]
                    own_office = ps.office and rng.random() < 0.85
                    lead = ps.office if own_office and ps.office else rng.choice(units)
                    others = [u for u in units if u.pk != lead.pk]
                    coordinators = rng.sample(
                        others, rng.choices([0, 1, 2, 3], [30, 35, 25, 10])[0]
                    )
                    recurrence = bd.pick_recurrence(rng)
                    start = ps.plan.issued_on or date(year, 1, 1)
                    due = bd.due_date_for(rng, recurrence, start)
                    outcome = bd.simulate(
                        rng, recurrence=recurrence, start=start, due=due, today=self.today,
                        cal=self.cal,
                    )  # fmt: skip
                    title = bd.task_title(rng, year, cs.villages)
                    task = Task(
                        commune_id=cs.commune.pk,
                        plan_id=ps.plan.pk,
                        section_id=rng.choice(ps.sections).pk,
                        title=title,
                        lead_unit_id=lead.pk,
                        recurrence=recurrence,
                        start_date=start,
                        due_date=due,
                        position=positions[ps.plan.pk],
                        next_due=outcome.next_due,
                        warn_from=outcome.warn_from,
                        percent=outcome.percent,
                        last_report_on=outcome.last_report_on,
                        done_on=outcome.done_on,
                        search_text=fold(title),
                    )
                    positions[ps.plan.pk] += 1
                    tasks.append(task)
                    meta.append((task, outcome, coordinators))
        with timer.step("tasks (insert)"):
            Task.objects.bulk_create(tasks, batch_size=self.batch)
        counts["tasks"] += len(tasks)
        with timer.step("coordinating units"):
            through = Task.coordinating_units.through
            links = [
                through(task_id=t.pk, unit_id=u.pk)
                for t, _, coordinators in meta
                for u in coordinators
            ]
            through.objects.bulk_create(links, batch_size=self.batch)
        counts["coordinators"] += len(links)
        with timer.step("progress reports"):
            reports = self._reports(cs, meta, target=round(len(tasks) * opts["reports_per_task"]))
            ProgressReport.objects.bulk_create(reports, batch_size=self.batch)
        counts["reports"] += len(reports)
        with timer.step("audit entries"):
            self._audit(cs, meta, reports)

    def _author(self, cs: CommuneSet, unit_id: int) -> User:
        author = cs.officers.get(unit_id) or cs.leader
        assert author is not None
        return author

    def _reports(
        self, cs: CommuneSet, meta: list[tuple[Task, bd.Outcome, list[Unit]]], *, target: int
    ) -> list[ProgressReport]:
        """Every report an open task's schedule rests on, then done tasks' final reports and
        coordinating units' contributions, sampled up to `target`."""
        rng = self.rng
        mandatory: list[ProgressReport] = []
        optional: list[ProgressReport] = []
        for task, outcome, coordinators in meta:
            for r in outcome.reports:
                report = ProgressReport(
                    task=task,
                    unit_id=task.lead_unit_id,
                    kind=ProgressReport.Kind.LEAD,
                    # A one-off task's report states its progress up to the day it was made.
                    period_end=r.period_end or r.reported_on,
                    text=rng.choice(bd.REPORT_TEXTS),
                    percent=r.percent,
                    is_final=r.is_final,
                    # The stored schedule rests on these reports: they were accepted.
                    review=ProgressReport.Review.ACCEPTED,
                    reviewed_by=cs.leader,
                    created_by=self._author(cs, task.lead_unit_id),
                    reported_on=r.reported_on,
                    created_at=self._stamp(r.reported_on, 8),
                )
                report.reviewed_at = report.created_at + timedelta(days=1)
                (optional if r.is_final else mandatory).append(report)
            if coordinators and outcome.last_report_on:
                unit = coordinators[0]
                on = max(
                    task.start_date, outcome.last_report_on - timedelta(days=rng.randint(0, 20))
                )
                optional.append(
                    ProgressReport(
                        task=task,
                        unit_id=unit.pk,
                        kind=ProgressReport.Kind.CONTRIBUTION,
                        period_end=on,
                        review=ProgressReport.Review.NOTE,  # no percent: a note
                        text=rng.choice(bd.REPORT_TEXTS),
                        created_by=self._author(cs, unit.pk),
                        reported_on=on,
                        created_at=self._stamp(on, 8),
                    )
                )
        keep = max(0, min(len(optional), target - len(mandatory)))
        return mandatory + rng.sample(optional, keep)

    def _audit(
        self,
        cs: CommuneSet,
        meta: list[tuple[Task, bd.Outcome, list[Unit]]],
        reports: list[ProgressReport],
    ) -> None:
        labels = {u.pk: u.label for u in cs.task_units}
        entries = [
            AuditEntry(
                created_at=self._stamp(task.start_date, 8),
                actor=cs.leader,
                commune_id=cs.commune.pk,
                action="plans.task_created",
                content_type=self.ct_task,
                object_id=str(task.pk),
                object_repr=task.title[:300],
                changes={
                    "lead_unit": labels[task.lead_unit_id],
                    "coordinating_units": [u.label for u in coordinators],
                    "next_due": task.next_due.isoformat() if task.next_due else None,
                },
            )
            for task, _, coordinators in meta
        ]
        for r in reports:
            task = r.task
            lead = r.kind == ProgressReport.Kind.LEAD
            changes: dict[str, Any] = {"unit": labels[r.unit_id], "report": r.pk, "files": 0}
            if lead:
                changes["percent"] = [None, r.percent]
                if r.is_final:
                    changes["done_on"] = [None, r.reported_on.isoformat()]
            entries.append(
                AuditEntry(
                    created_at=r.created_at,
                    actor=r.created_by,
                    commune_id=cs.commune.pk,
                    action="plans.progress_reported" if lead else "plans.contribution_added",
                    content_type=self.ct_task,
                    object_id=str(task.pk),
                    object_repr=task.title[:300],
                    changes=changes,
                )
            )
        AuditEntry.objects.bulk_create(entries, batch_size=self.batch)

    # --- checks --------------------------------------------------------------------------------

    def _self_check(self, sample: int = 400) -> tuple[int, int]:
        """Recompute sampled open tasks' deadlines from their stored reports with the services."""
        ids = list(Task.objects.open().exclude(recurrence="ongoing").values_list("pk", flat=True))
        picked = self.rng.sample(ids, min(sample, len(ids)))
        bad = 0
        for task in Task.objects.filter(pk__in=picked):
            stored = (task.next_due, task.warn_from)
            services.task_refresh_schedule(task, cal=self.cal)
            if (task.next_due, task.warn_from) != stored:
                bad += 1
                if bad <= 3:
                    self.stderr.write(
                        f"  task {task.pk}: stored {stored}, services {task.next_due}"
                    )
        return len(picked), bad

    def _print_statuses(self) -> None:
        rows = (
            Task.objects.with_status(self.today)
            .values_list("plan__year", "status_code")  # type: ignore[misc]
            .annotate(n=Count("id"))
        )
        table: dict[int, Counter[str]] = defaultdict(Counter)
        for year, status, n in rows:
            table[year][status] += n
        order = ["done", "overdue", "due_soon", "on_track", "not_started"]
        self.stdout.write("  statuses today:  " + " ".join(f"{s:>11}" for s in order))
        for year in sorted(table):
            self.stdout.write(
                f"  {year}:           " + " ".join(f"{table[year][s]:>11}" for s in order)
            )
