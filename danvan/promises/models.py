"""Promises kept: every commitment, pledge, answer and remedy the commune owes the people.

Something was said or found in public — a leader's commitment at a dialogue, a pledge answering
a council question, the answer owed to a voters' recommendation, the remedy an inspection's
conclusion orders — and a unit owes it by a date. Each is a `Promise` here, owning a task of the
plans app (one task model for every promise, DESIGN.md): the task carries the reminders, "Việc
của tôi", the overview and the late lists; the promise carries what the people see on the
portal's "Chính quyền đã hứa — đã làm": where it was said, what, who, by when, and whether it
was kept, with the evidence. The source apps (dialogues, voters, questioning, inspections) keep
their own record and point at its promise; this app imports none of them.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneQuerySet, CommuneRecord, Created, Unit
from danvan.plans.models import Plan, Task


class Source(models.TextChoices):
    DIALOGUE = "dialogue", _("Đối thoại với Nhân dân")
    VOTERS = "voters", _("Kiến nghị cử tri")
    QUESTIONING = "questioning", _("Chất vấn tại kỳ họp HĐND")
    INSPECTION = "inspection", _("Kết luận kiểm tra")


class Outcome(models.TextChoices):
    """What the owner reported; the three answers a voters' recommendation may get, which fit
    every promise: done, being done on a roadmap with a new date, or explained to the people."""

    KEPT = "kept", _("Đã thực hiện")
    ROADMAP = "roadmap", _("Đang thực hiện theo lộ trình")
    EXPLAINED = "explained", _("Đã giải trình, thông tin lại")


# Promise.status(today): what the officers' list and the portal say, with its colour class (the
# plans' status colours, _status.html).
STATUS_LABELS = {
    "open": "Đang thực hiện",
    "late": "Quá hạn, chưa thực hiện",
    "roadmap": "Đang thực hiện theo lộ trình",
    "kept": "Đã thực hiện đúng hạn",
    "kept_late": "Đã thực hiện, chậm so với hạn",
    "explained": "Đã giải trình, thông tin lại",
}
STATUS_CSS = {
    "open": "on_track",
    "late": "overdue",
    "roadmap": "due_soon",
    "kept": "done",
    "kept_late": "done",
    "explained": "not_started",
}
# The statuses a list may filter on, and the outcomes that close a promise (its task done).
CLOSING = (Outcome.KEPT, Outcome.EXPLAINED)


class PromisePlan(models.Model):
    """The commune's yearly plan that carries the promises' tasks, made on first need."""

    commune = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    plan = models.OneToOneField(Plan, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("kế hoạch theo dõi cam kết")
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="promise_plan_once")
        ]

    def __str__(self) -> str:
        return str(self.plan)


class PromiseQuerySet(CommuneQuerySet["Promise"]):
    def public(self) -> PromiseQuerySet:
        return self.filter(public=True)

    def with_status(self, status: str, today: date) -> PromiseQuerySet:
        """The promises whose `status(today)` is `status`, as a filter."""
        open_ = models.Q(outcome="")
        return self.filter(
            {
                "open": open_ & models.Q(due_on__gte=today),
                "late": open_ & models.Q(due_on__lt=today)
                | models.Q(outcome=Outcome.ROADMAP, due_on__lt=today),
                "roadmap": models.Q(outcome=Outcome.ROADMAP, due_on__gte=today),
                "kept": models.Q(outcome=Outcome.KEPT, outcome_on__lte=models.F("promised_due")),
                "kept_late": models.Q(
                    outcome=Outcome.KEPT, outcome_on__gt=models.F("promised_due")
                ),
                "explained": models.Q(outcome=Outcome.EXPLAINED),
            }[status]
        )


class Promise(CommuneRecord, Created):
    """One thing the commune owes the people, where it was said, and what became of it."""

    Source = Source
    Outcome = Outcome

    source = models.CharField(_("nguồn"), max_length=12, choices=Source.choices)
    source_label = models.CharField(_("hứa, kết luận tại"), max_length=300)
    source_url = models.CharField(max_length=200, blank=True)  # the source record's officer page
    public_url = models.CharField(max_length=200, blank=True)  # its portal page, if any
    title = models.CharField(_("cam kết"), max_length=300)
    content = models.TextField(_("nội dung"), blank=True)
    owner_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị thực hiện")
    )
    owner_person = models.CharField(_("người chịu trách nhiệm"), max_length=200, blank=True)
    village = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("thôn")
    )
    made_on = models.DateField(_("ngày hứa"))
    # The date promised, kept when a roadmap moves `due_on`: the people judge by what was said.
    promised_due = models.DateField(_("hạn đã hứa"))
    due_on = models.DateField(_("hạn thực hiện"))
    task = models.OneToOneField(
        Task, models.PROTECT, related_name="promise", verbose_name=_("nhiệm vụ")
    )
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("kết quả thực hiện"), blank=True)
    outcome_on = models.DateField(_("ngày có kết quả"), null=True, blank=True)
    public = models.BooleanField(_("công khai"), default=True)
    internal_reason = models.CharField(_("lý do không công khai"), max_length=300, blank=True)
    search_text = models.TextField(editable=False, blank=True)

    objects = PromiseQuerySet.as_manager()

    class Meta:
        verbose_name = _("cam kết, lời hứa")
        verbose_name_plural = _("cam kết, lời hứa")
        ordering = ["-made_on", "-id"]
        indexes = [
            models.Index(fields=["commune", "-made_on", "-id"], name="promise_commune_newest"),
            models.Index(fields=["commune", "public", "-made_on"], name="promise_public_newest"),
            models.Index(fields=["owner_unit", "outcome", "due_on"], name="promise_owner_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(public=True) | ~models.Q(internal_reason=""),
                name="promise_internal_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("promises:detail", args=[self.pk])

    def status(self, today: date) -> str:
        if self.outcome == Outcome.KEPT:
            late = self.outcome_on and self.outcome_on > self.promised_due
            return "kept_late" if late else "kept"
        if self.outcome == Outcome.EXPLAINED:
            return "explained"
        if today > self.due_on:
            return "late"
        return "roadmap" if self.outcome == Outcome.ROADMAP else "open"

    @property
    def is_closed(self) -> bool:
        return self.outcome in CLOSING
