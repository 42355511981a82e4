"""Study and outreach sessions (học tập, quán triệt nghị quyết; phổ biến, giáo dục pháp luật;
tuyên truyền; tập huấn) that teach the resolutions and laws the plan cites (plan II.1): the
documents taught (rows of the shared register `plans.LegalDocument`), the attendance of each
unit, the materials (slides, outlines, photos of the session).

A session is planned for a day; it is held (with its attendance) or cancelled with a reason.
The planned day is the commune's own date, not a legal time limit: a session is late when its
day has passed and nobody recorded it held or cancelled.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneQuerySet, CommuneRecord, Created, Unit


class Kind(models.TextChoices):
    STUDY = "study", _("Học tập, quán triệt nghị quyết")
    LAW = "law", _("Phổ biến, giáo dục pháp luật")
    OUTREACH = "outreach", _("Tuyên truyền")
    TRAINING = "training", _("Tập huấn nghiệp vụ")


class Audience(models.TextChoices):
    OFFICIALS = "officials", _("Cán bộ, công chức, viên chức")
    PARTY = "party", _("Đảng viên")
    MEMBERS = "members", _("Hội viên, đoàn viên các đoàn thể")
    VILLAGERS = "villagers", _("Nhân dân thôn, tổ dân phố")
    MIXED = "mixed", _("Nhiều đối tượng")


class SessionQuerySet(CommuneQuerySet["StudySession"]):
    def overdue(self, today: object) -> SessionQuerySet:
        """Planned, its day passed, neither held nor cancelled."""
        return self.filter(status=StudySession.Status.PLANNED, planned_on__lt=today)


class StudySession(CommuneRecord, Created):
    """A session (hội nghị, buổi học tập, buổi tuyên truyền) organised by a unit of the commune."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        HELD = "held", _("Đã tổ chức")
        CANCELLED = "cancelled", _("Đã hủy")

    title = models.CharField(_("tên buổi học tập, tuyên truyền"), max_length=300)
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices)
    audience = models.CharField(_("đối tượng"), max_length=10, choices=Audience.choices)
    organiser = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị tổ chức")
    )
    presenter = models.CharField(_("báo cáo viên"), max_length=200, blank=True)
    place = models.CharField(_("địa điểm"), max_length=200)
    planned_on = models.DateField(_("ngày dự kiến"))
    held_on = models.DateField(_("ngày tổ chức"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    cancelled_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=300, blank=True)
    documents = models.ManyToManyField(
        "plans.LegalDocument",
        blank=True,
        related_name="study_sessions",
        verbose_name=_("văn bản được học tập, phổ biến"),
    )
    village = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thôn, tổ dân phố (buổi tổ chức cho Nhân dân)"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    # Kept by the services (attendance_record, the documents' count): the list, the overview and the summary add them up
    # without reading the attendance rows.
    expected_total = models.PositiveIntegerField(_("số người được triệu tập"), default=0)
    counted_present = models.PositiveIntegerField(
        _("số người dự (đơn vị có số triệu tập)"), default=0
    )
    present_total = models.PositiveIntegerField(_("số người dự"), default=0)
    documents_count = models.PositiveSmallIntegerField(_("số văn bản"), default=0)
    # Folded (lib.text.fold) title, presenter, place and documents: the search.
    search_text = models.TextField(editable=False, blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("buổi học tập, tuyên truyền")
        ordering = ["-planned_on", "-id"]
        indexes = [
            models.Index(fields=["commune", "planned_on"], name="study_commune_day"),
            models.Index(fields=["organiser", "status"], name="study_organiser_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="held", held_on__isnull=False) | ~Q(status="held"),
                name="study_held_has_day",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("study:detail", args=[self.pk])

    @property
    def rate(self) -> int | None:
        """Present ÷ called, in whole percent, over the units that have a number called."""
        if not self.expected_total:
            return None
        return round(100 * self.counted_present / self.expected_total)

    def clean(self) -> None:
        if self.village_id and self.village and self.village.kind != Unit.Kind.VILLAGE:
            raise ValidationError({"village": "Chọn một thôn, tổ dân phố của xã."})


class Attendance(models.Model):
    """One unit's attendance at a session: how many were called, how many came, why the others
    did not. A village's row at a session for villagers may hold only the number present."""

    session = models.ForeignKey(
        StudySession, models.CASCADE, related_name="attendances", verbose_name=_("buổi")
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    expected = models.PositiveIntegerField(_("số được triệu tập"), null=True, blank=True)
    present = models.PositiveIntegerField(_("số có mặt"))
    absent_reasons = models.CharField(_("lý do vắng"), max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("điểm danh")
        ordering = ["session", "unit__kind", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "unit"], name="study_attendance_unit"),
            models.CheckConstraint(
                condition=Q(expected__isnull=True) | Q(present__lte=F("expected")),
                name="study_present_within_expected",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.session}"

    @property
    def rate(self) -> int | None:
        if not self.expected:
            return None
        return round(100 * self.present / self.expected)
