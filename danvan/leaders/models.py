"""Directives (chỉ đạo, đôn đốc) and periodic reports of the leaders' loop."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneQuerySet, CommuneRecord, Unit, by_whom, legal_source


class DirectiveQuerySet(CommuneQuerySet["Directive"]):
    def waiting(self) -> DirectiveQuerySet:
        """Still waiting for its recipients' answer."""
        return self.filter(status=Directive.Status.OPEN)

    def late_on(self, day: date) -> DirectiveQuerySet:
        """Open past its due day (late from the day after, like every time limit here)."""
        return self.waiting().filter(due_on__lt=day)

    def on(self, obj: models.Model) -> DirectiveQuerySet:
        """The directives sent about one item (a task, a petition…)."""
        return self.filter(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk)


class Directive(CommuneRecord):
    """A leader's directive (chỉ đạo) or chase (đôn đốc) about one item of any app, to a unit
    or to one person, to be answered by a day.

    The item (`target`) is any record with `commune_id` and `get_absolute_url()` among
    `leaders.directives.TARGETS`; the directive carries only what its sender typed, never a
    copy of the item (a denunciation's denouncer stays in the petition's vault). It is open
    until a recipient answers; the sender then accepts the answer (closed) or sends it back
    with a comment (open again). Late: open past `due_on`.
    """

    class Kind(models.TextChoices):
        INSTRUCTION = "instruction", _("Chỉ đạo")
        CHASE = "chase", _("Đôn đốc")

    class Status(models.TextChoices):
        OPEN = "open", _("Chờ trả lời")
        ANSWERED = "answered", _("Đã trả lời, chờ người gửi xem xét")
        CLOSED = "closed", _("Đã kết thúc")

    target_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("nội dung"))
    due_on = models.DateField(_("hạn trả lời"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người gửi")
    )
    sent_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now)
    to_unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gửi đơn vị"),
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gửi cá nhân"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_by = by_whom(_("người trả lời"))
    # Empty while open: a sent-back answer is open again (the history keeps the earlier one).
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    # The sender's comment when sending the answer back; the recipients read it.
    return_comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ đạo, đôn đốc")
        verbose_name_plural = _("chỉ đạo, đôn đốc")
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["commune", "status", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_unit__isnull=False, to_user__isnull=True)
                | Q(to_unit__isnull=True, to_user__isnull=False),
                name="directive_one_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ngày {timezone.localtime(self.sent_at):%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("leaders:directive", args=[self.pk])

    @property
    def recipient(self) -> Any:
        return self.to_user if self.to_user_id else self.to_unit

    def is_late(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.due_on < today

    def readable_by(self, user: Any) -> bool:
        from danvan.leaders.directives import can_see

        return can_see(user, self)


# --- the periodic report to the province ----------------------------------------------------


class ReportingPeriodQuerySet(models.QuerySet["ReportingPeriod"]):
    def effective_on(self, day: date) -> ReportingPeriodQuerySet:
        return self.filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day), effective_from__lte=day
        )


class ReportingPeriod(models.Model):
    """A periodic report's cut-off rule as data, with its source: the figures of the report of
    year Y run from (start_day/start_month of Y−1 when `starts_previous_year`, else of Y) to
    end_day/end_month of Y (Nghị định 09/2019/NĐ-CP, Điều 12; docs/legal-rules.md)."""

    class Kind(models.TextChoices):
        HALF_YEAR = "half_year", _("6 tháng")
        YEAR = "year", _("Năm")

    kind = models.CharField(_("kỳ báo cáo"), max_length=10, choices=Kind.choices)
    start_month = models.PositiveSmallIntegerField(_("tháng bắt đầu"))
    start_day = models.PositiveSmallIntegerField(_("ngày bắt đầu"))
    starts_previous_year = models.BooleanField(_("bắt đầu từ năm trước"), default=True)
    end_month = models.PositiveSmallIntegerField(_("tháng kết thúc"))
    end_day = models.PositiveSmallIntegerField(_("ngày kết thúc"))
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    source = legal_source()

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỳ báo cáo định kỳ")
        verbose_name_plural = _("kỳ báo cáo định kỳ")
        ordering = ["kind", "-effective_from"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.describe()} ({self.source})"

    def describe(self) -> str:
        previous = " năm trước" if self.starts_previous_year else ""
        return (
            f"từ {self.start_day:02d}/{self.start_month:02d}{previous} "
            f"đến {self.end_day:02d}/{self.end_month:02d}"
        )

    def dates(self, year: int) -> tuple[date, date]:
        """The first and last day of the figures of the report of `year`."""
        start_year = year - 1 if self.starts_previous_year else year
        return (
            date(start_year, self.start_month, self.start_day),
            date(year, self.end_month, self.end_day),
        )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        try:
            start, end = self.dates(2024)  # a leap year: 29/02 is a possible day
        except (TypeError, ValueError) as e:
            raise ValidationError(_("Ngày, tháng của kỳ báo cáo không hợp lệ.")) from e
        if end < start:
            raise ValidationError(_("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."))


class PeriodicReport(CommuneRecord):
    """The commune's periodic report (6 months, year) to the province: the figures of every
    app (leaders.overview.compose), live while a draft, frozen when submitted; the narrative
    the office edits; each save and each submission kept as a ReportVersion."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Đã gửi")

    kind = models.CharField(_("kỳ báo cáo"), max_length=10, choices=ReportingPeriod.Kind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.ForeignKey(
        ReportingPeriod, models.PROTECT, related_name="+", verbose_name=_("quy tắc kỳ báo cáo")
    )
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    number = models.CharField(_("số văn bản"), max_length=20, blank=True)
    narrative = models.JSONField(_("nội dung"), default=dict, blank=True)
    # Empty until submitted; then the figures as they stood that day (compose's shape).
    figures = models.JSONField(_("số liệu đã chốt"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    submitted_by = by_whom(_("người gửi"))
    version = models.PositiveIntegerField(_("phiên bản"), default=0)
    created_by = by_whom(_("người lập"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["-year", "kind", "commune_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "kind", "year"], name="periodic_report_unique"
            )
        ]

    def __str__(self) -> str:
        label = "6 tháng đầu năm" if self.kind == ReportingPeriod.Kind.HALF_YEAR else "năm"
        return f"Báo cáo {label} {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("leaders:report", args=[self.pk])


class ReportVersion(models.Model):
    """One kept state of a periodic report: each save of the narrative, each submission and
    each reopening, with who, when, the figures and the narrative as they were."""

    class Event(models.TextChoices):
        SAVED = "saved", _("Lưu nội dung")
        SUBMITTED = "submitted", _("Gửi báo cáo")
        REOPENED = "reopened", _("Mở lại để sửa")

    report = models.ForeignKey(
        PeriodicReport, models.CASCADE, related_name="versions", verbose_name=_("báo cáo")
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    event = models.CharField(_("việc"), max_length=10, choices=Event.choices)
    by = by_whom(_("người thực hiện"))
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    narrative = models.JSONField(_("nội dung"), default=dict)
    figures = models.JSONField(_("số liệu"), default=dict)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=PeriodicReport.Status.choices)

    class Meta:
        verbose_name = _("phiên bản báo cáo")
        verbose_name_plural = _("phiên bản báo cáo")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} – phiên bản {self.number}"
