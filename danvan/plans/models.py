"""Plans, their sections and tasks, progress reports, reminders and the legal-document register."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.access import get_access
from danvan.core.models import CommuneQuerySet, CommuneRecord, Unit


class LegalDocument(models.Model):
    """A document plans rest on (văn bản căn cứ): a register shared by every commune."""

    doc_type = models.CharField(_("loại văn bản"), max_length=40)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("văn bản căn cứ")
        ordering = ["-issued_on", "doc_type", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_type", "number"], condition=~Q(number=""), name="legaldoc_number"
            ),
            models.UniqueConstraint(
                fields=["doc_type", "title"], condition=Q(number=""), name="legaldoc_unnumbered"
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            when = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
            return f"{self.doc_type} số {self.number}{when}"
        return f"{self.doc_type} {self.title}".strip()


class PlanQuerySet(CommuneQuerySet["Plan"]):
    """Plans; `readable(access)` (core.models.CommuneQuerySet) keeps those a user reads."""


class Plan(CommuneRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")
        CLOSED = "closed", _("Đã kết thúc")

    issuing_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="issued_plans", verbose_name=_("cơ quan ban hành")
    )
    # The unit the plan charges with following it ("chủ trì ... theo dõi, đôn đốc việc triển
    # khai thực hiện Kế hoạch này"): its officers maintain the plan (plans/access.py).
    lead_unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="led_plans",
        verbose_name=_("đơn vị chủ trì theo dõi"),
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_plans",
        verbose_name=_("kế hoạch cấp trên"),
    )
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND")
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    legal_documents: models.ManyToManyField[LegalDocument, PlanReference] = models.ManyToManyField(
        LegalDocument, through="PlanReference", blank=True, verbose_name=_("văn bản căn cứ")
    )
    footnotes = models.JSONField(_("chú thích"), default=list, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    source_text = models.TextField(_("văn bản gốc"), blank=True)
    # What the importer was unsure of, shown to the reviewer of a draft.
    import_warnings = models.JSONField(_("cảnh báo khi nhập"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-issued_on", "-id"]
        indexes = [
            models.Index(fields=["commune", "-year"]),
            # Every read of live tasks asks for the draft plans' ids (`draft_plans`), few rows:
            # without it PostgreSQL scanned every plan for them in each query (2,730 plans of
            # the benchmark: 0.4-1 ms, twice a task list).
            models.Index(fields=["status"], condition=Q(status="draft"), name="plan_drafts"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        """`61/KH-UBND`, or `…/KH-UBND` while the number is still blank."""
        return f"{self.number or '…'}/{self.symbol}"


class PlanReference(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE)
    document = models.ForeignKey(LegalDocument, models.PROTECT, verbose_name=_("văn bản"))
    sections = models.JSONField(_("mục trích dẫn"), default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("căn cứ của kế hoạch")
        constraints = [models.UniqueConstraint(fields=["plan", "document"], name="planref_unique")]

    def __str__(self) -> str:
        return str(self.document)


class Section(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children"
    )
    number = models.CharField(_("số mục"), max_length=10, blank=True)
    title = models.CharField(_("tên mục"), max_length=500)
    text = models.TextField(_("nội dung"), blank=True)
    position = models.PositiveIntegerField(default=0)
    path = models.CharField(_("mục"), max_length=40, blank=True)  # "II.5", kept for display

    class Meta:
        verbose_name = verbose_name_plural = _("mục")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"{self.path}. {self.title}" if self.path else self.title


class Recurrence(models.TextChoices):
    ONCE = "once", _("Một lần")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")
    ONGOING = "ongoing", _("Thường xuyên")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    ON_TRACK = "on_track", _("Đang thực hiện")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    DONE = "done", _("Hoàn thành")


# The labels as plain strings: a plan's tree shows hundreds of them per page.
STATUS_LABELS = {s.value: str(s.label) for s in TaskStatus}
# A draft plan's task has no status yet: it is nobody's work until the plan is issued.
DRAFT_STATUS = "draft"
STATUS_LABELS[DRAFT_STATUS] = "Chưa ban hành"


def draft_plans() -> models.QuerySet[Plan, Any]:
    """The ids of draft plans, as a subquery: few rows, so `plan_id IN (...)` costs no join."""
    return Plan.objects.filter(status=Plan.Status.DRAFT).values("pk")


class TaskQuerySet(CommuneQuerySet["Task"]):
    def for_units(self, unit_ids: set[int]) -> TaskQuerySet:
        """Tasks the units lead or coordinate. The coordinated ones as a subquery, not a join:
        joined, a task coordinated by two of the units came twice and needed a DISTINCT, which
        a page of ids chosen in a subquery (selectors.listed_tasks) cannot carry."""
        coordinated = self.model.coordinating_units.through.objects.filter(unit_id__in=unit_ids)
        return self.filter(Q(lead_unit_id__in=unit_ids) | Q(pk__in=coordinated.values("task_id")))

    def with_status(self, today: date | None = None) -> TaskQuerySet:
        """Annotate `status_code`, computed in SQL from the stored schedule and today's date."""
        today = today or timezone.localdate()
        return self.annotate(status_code=status_expression(today))

    def open(self) -> TaskQuerySet:
        return self.filter(done_on__isnull=True)

    def live(self) -> TaskQuerySet:
        """Tasks that count: a draft plan's tasks are nobody's work yet (no list, dashboard,
        reminder, report figure or public page shows them) until the plan is issued."""
        return self.exclude(plan_id__in=draft_plans())


def status_expression(today: date, *, issued: bool = False) -> Case:
    """`issued`: the tasks are known to be of issued plans (`live()`), so no branch asks for
    drafts (a subquery on every row)."""
    # Keep in step with status_on and status_filter (which leave the plan's status to their
    # caller).
    draft = [] if issued else [When(plan_id__in=draft_plans(), then=Value(DRAFT_STATUS))]
    return Case(
        *draft,
        When(done_on__isnull=False, then=Value(TaskStatus.DONE)),
        When(next_due__lt=today, then=Value(TaskStatus.OVERDUE)),
        When(warn_from__lte=today, then=Value(TaskStatus.DUE_SOON)),
        When(last_report_on__isnull=True, then=Value(TaskStatus.NOT_STARTED)),
        default=Value(TaskStatus.ON_TRACK),
        output_field=models.CharField(),
    )


def status_on(
    today: date,
    done_on: date | None,
    next_due: date | None,
    warn_from: date | None,
    last_report_on: date | None,
) -> str:
    """A task's status from its stored schedule, as `status_expression` computes it in SQL for
    a task of an issued plan: a page that reads a few rows as values asks this instead of
    compiling the expression into its query."""
    if done_on:
        return TaskStatus.DONE
    if next_due and next_due < today:
        return TaskStatus.OVERDUE
    if warn_from and warn_from <= today:
        return TaskStatus.DUE_SOON
    if last_report_on is None:
        return TaskStatus.NOT_STARTED
    return TaskStatus.ON_TRACK


def status_filter(status: str, today: date) -> Q:
    """The tasks of an issued plan (`live()`) whose `status_expression` is `status`, as a plain
    filter: no CASE for the database to evaluate on each row, nor for Django to compile."""
    overdue = Q(next_due__lt=today)
    soon = Q(warn_from__lte=today)
    open_ = Q(done_on__isnull=True)
    # ~Q() of a nullable column is "NOT (x AND column IS NOT NULL)": a NULL deadline is not past.
    return {
        TaskStatus.DONE: ~open_,
        TaskStatus.OVERDUE: open_ & overdue,
        TaskStatus.DUE_SOON: open_ & ~overdue & soon,
        TaskStatus.NOT_STARTED: open_ & ~overdue & ~soon & Q(last_report_on__isnull=True),
        TaskStatus.ON_TRACK: open_ & ~overdue & ~soon & Q(last_report_on__isnull=False),
    }[TaskStatus(status)]


class Task(CommuneRecord):
    """A duty with an owner and a deadline: a plan's duty today, any promise tomorrow.

    `next_due` is the deadline that matters now (for a recurring task, the end of the earliest
    period without a report) and `warn_from` the day reminders start; `plans.services` keeps
    both in step with reports and with the working-day calendar.
    """

    plan = models.ForeignKey(
        Plan,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("kế hoạch"),
    )
    section = models.ForeignKey(
        Section, models.SET_NULL, null=True, blank=True, related_name="tasks", verbose_name=_("mục")
    )
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    description = models.TextField(_("nội dung"), blank=True)
    expected_result = models.TextField(_("kết quả cần đạt"), blank=True)
    lead_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="led_tasks", verbose_name=_("đơn vị chủ trì")
    )
    coordinating_units = models.ManyToManyField(
        Unit, blank=True, related_name="coordinated_tasks", verbose_name=_("đơn vị phối hợp")
    )
    recurrence = models.CharField(
        _("tần suất"), max_length=12, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    # Kept by plans.services; never edited by hand.
    next_due = models.DateField(_("hạn gần nhất"), null=True, blank=True, editable=False)
    warn_from = models.DateField(null=True, blank=True, editable=False)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0, editable=False)
    last_report_on = models.DateField(null=True, blank=True, editable=False)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position", "id"]
        indexes = [
            models.Index(fields=["commune", "next_due"]),
            models.Index(fields=["lead_unit", "next_due"]),
            models.Index(fields=["plan", "position"]),
            # The task list's count of a commune's live tasks reads this index alone, without
            # a row per task for its plan (SQLite: 0.56 -> 0.25 ms a commune, 14 -> 2.3 the
            # province's ten on var/prof.sqlite3).
            models.Index(fields=["commune", "plan"], name="task_commune_plan"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:task", args=[self.pk])

    def status_on(self, today: date) -> str:
        return status_on(today, self.done_on, self.next_due, self.warn_from, self.last_report_on)

    @property
    def status(self) -> str:
        return getattr(self, "status_code", None) or self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def effective_percent(self) -> int:
        return 100 if self.done_on else self.percent


class ProgressReportQuerySet(models.QuerySet["ProgressReport"]):
    def pending(self) -> ProgressReportQuerySet:
        return self.filter(review=ProgressReport.Review.PENDING)

    def accepted(self) -> ProgressReportQuerySet:
        return self.filter(review=ProgressReport.Review.ACCEPTED)


class ProgressReport(models.Model):
    """What a unit reports on a task for a period (`period_end`, the last day it covers).

    A report with a percent waits for review (issue 12: progress that is checked): a leader of
    the commune reviews the lead unit's reports, the lead unit (or a leader) a coordinating
    unit's contributions (plans/access.py `can_review`). Only the lead unit's ACCEPTED reports
    move the task (plans.services `task_derive_progress`); a returned report counts for nothing.
    A report without a percent is a note: kept and shown, never reviewed, never counted.
    """

    class Kind(models.TextChoices):
        LEAD = "lead", _("Báo cáo của đơn vị chủ trì")
        CONTRIBUTION = "contribution", _("Đóng góp của đơn vị phối hợp")

    class Review(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        ACCEPTED = "accepted", _("Đã chấp nhận")
        RETURNED = "returned", _("Đã trả lại")
        NOTE = "note", _("Ghi chú, không tính tiến độ")

    task = models.ForeignKey(Task, models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # The last day of the period this report answers for: a recurring task's period, or the
    # day a one-off or ongoing task's progress is stated up to.
    period_end = models.DateField(_("kỳ báo cáo"))
    text = models.TextField(_("kết quả thực hiện"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), null=True, blank=True)
    milestone = models.CharField(_("mốc đã đạt"), max_length=300, blank=True)
    is_final = models.BooleanField(_("đã hoàn thành nhiệm vụ"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    reported_on = models.DateField(_("ngày báo cáo"))
    review = models.CharField(
        _("duyệt"), max_length=10, choices=Review.choices, default=Review.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    reviewed_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    review_comment = models.TextField(_("nhận xét khi duyệt"), blank=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["review", "task"], name="report_review_task")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.reported_on:%d/%m/%Y}"

    @property
    def is_pending(self) -> bool:
        return self.review == self.Review.PENDING

    def readable_by(self, user: Any) -> bool:
        """Who may download the report's evidence: whoever reads the task's commune."""
        commune_id = Task.objects.filter(pk=self.task_id).values_list("commune_id", flat=True)
        return get_access(user).can_read(commune_id.first())


class Reminder(models.Model):
    """A reminder that was sent; the unique key makes `danvan remind` safe to run twice."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")
        ESCALATION = "escalation", _("Báo cáo lãnh đạo")

    task = models.ForeignKey(Task, models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    due = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lần đôn đốc")
        verbose_name_plural = _("đôn đốc")
        constraints = [
            models.UniqueConstraint(fields=["task", "kind", "due"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due:%d/%m/%Y}"
