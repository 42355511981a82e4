"""Grassroots mediation (hòa giải ở cơ sở): a team per village, its mediators, its cases and their
outcome, the yearly figures.

Luật Hòa giải ở cơ sở 2013 (35/2013/QH13) was not read in its text (docs/research/promises-law.md
§5): the one time limit used, "start within 3 days of the assignment", ships as an UNVERIFIED row
of the rule table (`hoa-giai` / `bat-dau`, migration 0002). A team's minimum size is not shipped.

The parties' names are personal data: a case is read by the commune's officers and leaders, the
Front (which organises the teams) and the village head of the team's village only, never by a
province viewer or a read-only member, and never leaves the commune but in the ledger those
same people download. A mediated matter that comes back as a petition is linked by the
petition's case code; the page shows the code only (the petitions app decides who opens it).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Unit


class MatterKind(models.Model):
    """What a case is about (đất đai, hôn nhân gia đình…): the commune's own table, not law."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("loại vụ, việc"), max_length=120)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("loại vụ, việc hòa giải")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class MediationTeam(CommuneRecord):
    """The mediation team (tổ hòa giải) of one village, recognised by the commune chairman's
    decision."""

    name = models.CharField(_("tên tổ hòa giải"), max_length=200)
    village = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("thôn, tổ dân phố")
    )
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định công nhận"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("tổ hòa giải")
        ordering = ["commune", "name"]
        constraints = [
            models.UniqueConstraint(fields=["village"], name="mediation_team_per_village")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mediation:team", args=[self.pk])

    @property
    def decision_label(self) -> str:
        if not self.decision_number:
            return ""
        when = f" ngày {self.decision_date:%d/%m/%Y}" if self.decision_date else ""
        return f"Quyết định số {self.decision_number}{when}"


class Mediator(models.Model):
    """A mediator (hòa giải viên) of a team, or its leader (tổ trưởng)."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Tổ trưởng")
        MEMBER = "member", _("Hòa giải viên")

    team = models.ForeignKey(
        MediationTeam, models.PROTECT, related_name="mediators", verbose_name=_("tổ hòa giải")
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    village = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("thôn")
    )
    role = models.CharField(_("vai trò"), max_length=8, choices=Role.choices)
    recognised_on = models.DateField(_("ngày được công nhận"), null=True, blank=True)
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("hòa giải viên")
        ordering = ["team", "role", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class CaseQuerySet(models.QuerySet["MediationCase"]):
    def waiting_start(self) -> CaseQuerySet:
        return self.filter(started_on__isnull=True, outcome=MediationCase.Outcome.PENDING)


class MediationCase(CommuneRecord):
    """A matter brought to a team (vụ, việc hòa giải), numbered per commune and year."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Đang hòa giải")
        SUCCESS = "success", _("Hòa giải thành")
        FAILED = "failed", _("Hòa giải không thành")
        REFERRED = "referred", _("Chuyển cơ quan có thẩm quyền")

    class Kept(models.TextChoices):
        UNKNOWN = "unknown", _("Chưa rõ")
        YES = "yes", _("Các bên đã thực hiện thỏa thuận")
        NO = "no", _("Không thực hiện thỏa thuận")

    team = models.ForeignKey(
        MediationTeam, models.PROTECT, related_name="cases", verbose_name=_("tổ hòa giải")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    received_on = models.DateField(_("ngày nhận vụ, việc"))
    assigned_on = models.DateField(_("ngày phân công hòa giải viên"))
    mediators = models.ManyToManyField(
        Mediator, related_name="cases", verbose_name=_("hòa giải viên được phân công")
    )
    # Personal data: the page of the case and the ledger only (see the module's docstring).
    parties = models.TextField(_("các bên (họ tên, tuổi, địa chỉ)"))
    matter = models.ForeignKey(
        MatterKind, models.PROTECT, related_name="+", verbose_name=_("loại vụ, việc")
    )
    summary = models.TextField(_("nội dung chủ yếu của vụ, việc"))
    # 3 days from the assignment (rule hoa-giai/bat-dau, UNVERIFIED); empty without a rule.
    start_due = models.DateField(_("hạn bắt đầu hòa giải"), null=True, blank=True)
    start_due_source = models.CharField(_("căn cứ hạn bắt đầu"), max_length=300, blank=True)
    started_on = models.DateField(_("ngày bắt đầu hòa giải"), null=True, blank=True)
    start_note = models.CharField(_("lý do bắt đầu sau hạn (nếu có)"), max_length=300, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_on = models.DateField(_("ngày có kết quả"), null=True, blank=True)
    agreement = models.TextField(_("thỏa thuận của các bên (hoặc yêu cầu của mỗi bên)"), blank=True)
    referred_to = models.CharField(_("chuyển đến cơ quan"), max_length=200, blank=True)
    agreement_kept = models.CharField(
        _("việc thực hiện thỏa thuận"), max_length=8, choices=Kept.choices, default=Kept.UNKNOWN
    )
    kept_checked_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    kept_note = models.CharField(_("ghi chú kiểm tra"), max_length=300, blank=True)
    petition = models.ForeignKey(
        "petitions.Petition",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn thư liên quan"),
    )
    # When the village head was told it had not started in time (danvan remind, once).
    start_reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("vụ, việc hòa giải")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"], name="mediation_case_number"
            )
        ]
        indexes = [models.Index(fields=["commune", "year", "outcome"])]

    def __str__(self) -> str:
        # No party's name: the title goes into audit entries and notifications.
        return f"Vụ, việc hòa giải số {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("mediation:case", args=[self.pk])

    @property
    def code(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def closed(self) -> bool:
        return self.outcome != self.Outcome.PENDING

    def readable_by(self, user: object) -> bool:
        from danvan.mediation.access import reads_case

        return reads_case(user, self)  # type: ignore[arg-type]

    def start_state(self, today: date) -> str:
        """started / started_late / waiting / late: what the page says of the start."""
        if self.started_on:
            if self.start_due and self.started_on > self.start_due:
                return "started_late"
            return "started"
        if self.closed:
            return "started"
        if self.start_due and today > self.start_due:
            return "late"
        return "waiting"


START_LABELS = {
    "started": "Đã bắt đầu hòa giải",
    "started_late": "Bắt đầu sau hạn 03 ngày",
    "waiting": "Chờ bắt đầu hòa giải",
    "late": "Quá hạn bắt đầu, chưa hòa giải",
}
