"""Self-assessment of dân vận work: the province's scorecard (criteria, maximum points, bonus and
penalty, grade bands) kept as data, and the commune's own scoring with evidence links into the
product.

The scorecard is a table the platform's operator keeps in the admin (core.admin.RuleAdmin), with
its source (issuer, document number and day) and a `verified` flag: the criteria of the Ministry
of Home Affairs' 2025 guidance as a province adopted them could not be read in any text (the
report of issue 14), so the one shipped by migration 0002 is a sample marked UNVERIFIED ("bộ
tiêu chí mẫu, cần đối chiếu văn bản của tỉnh") that the operator replaces with the province's.

A commune's `Assessment` of a year is a draft until the office submits it; submitting freezes
it: the scores, the totals, the grade and the scorecard's text as it stood are copied into
`snapshot`, which the page, the spreadsheet and the report read from then on, so a later change
of the scorecard never rewrites what was submitted. A leader may reopen it with a reason
(audited); it is then a draft over the scorecard as it stands.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Created, Unit, by_whom, legal_source


def points_field(verbose_name: Any, *, null: bool = False) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=6, decimal_places=2, null=null, blank=null)


class Scorecard(models.Model):
    """A set of criteria by which the province grades its communes' dân vận work."""

    name = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    number = models.CharField(_("số, ký hiệu văn bản"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    source = legal_source(_("căn cứ (văn bản, điều, khoản)"))
    province = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Unit.Kind.PROVINCE},
        verbose_name=_("tỉnh áp dụng (trống: mọi tỉnh)"),
    )
    from_year = models.PositiveSmallIntegerField(_("áp dụng từ năm"))
    until_year = models.PositiveSmallIntegerField(
        _("áp dụng đến năm (trống: chưa thay thế)"), null=True, blank=True
    )
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Bỏ trống khi chưa đối chiếu với văn bản của tỉnh (bộ tiêu chí mẫu)."),
    )
    note = models.TextField(_("ghi chú (điều cần đối chiếu)"), blank=True)
    bonus_cap = points_field(_("điểm thưởng tối đa (trống: không giới hạn)"), null=True)
    total_cap = points_field(_("tổng điểm tối đa (trống: không giới hạn)"), null=True)

    class Meta:
        verbose_name = verbose_name_plural = _("bộ tiêu chí tự đánh giá công tác dân vận")
        ordering = ["-from_year", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def document(self) -> str:
        if not self.number:
            return self.issuer
        day = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        return f"{self.number}{day} của {self.issuer}"

    def in_force(self, year: int) -> bool:
        return self.from_year <= year and (self.until_year is None or year <= self.until_year)


class Criterion(models.Model):
    """A criterion (or a group of them, when others name it as parent) with its maximum points.

    A penalty's maximum is the most that may be deducted. Only criteria without children are
    scored; a group's maximum is shown as written."""

    class Kind(models.TextChoices):
        NORMAL = "normal", _("Tiêu chí chấm điểm")
        BONUS = "bonus", _("Điểm thưởng")
        PENALTY = "penalty", _("Điểm trừ")

    scorecard = models.ForeignKey(
        Scorecard, models.CASCADE, related_name="criteria", verbose_name=_("bộ tiêu chí")
    )
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thuộc nhóm"),
    )
    code = models.CharField(_("mã"), max_length=12, help_text=_("Ví dụ: 1, 1.2, T.1"))
    text = models.TextField(_("nội dung tiêu chí"))
    max_points = points_field(_("điểm tối đa"))
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default=Kind.NORMAL)
    evidence_hint = models.CharField(_("gợi ý minh chứng"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["scorecard", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "code"], name="scorecard_criterion_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"


class GradeBand(models.Model):
    """A grade and the fewest points that earn it (the highest band reached is the grade)."""

    scorecard = models.ForeignKey(
        Scorecard, models.CASCADE, related_name="bands", verbose_name=_("bộ tiêu chí")
    )
    name = models.CharField(_("mức xếp loại"), max_length=100)
    min_points = points_field(_("từ (điểm)"))

    class Meta:
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")
        ordering = ["scorecard", "-min_points"]

    def __str__(self) -> str:
        return f"{self.name} (từ {self.min_points} điểm)"


class Assessment(CommuneRecord, Created):
    """A commune's self-assessment of one year against one scorecard."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang chấm điểm")
        SUBMITTED = "submitted", _("Đã gửi")

    year = models.PositiveSmallIntegerField(_("năm"))
    scorecard = models.ForeignKey(
        Scorecard, models.PROTECT, related_name="+", verbose_name=_("bộ tiêu chí")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    submitted_by = by_whom(_("người gửi"))
    # Set when submitted: the result as it stood (services.freeze), read instead of the live
    # scorecard and scores.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    total = points_field(_("tổng điểm"), null=True)
    grade = models.CharField(_("xếp loại"), max_length=100, blank=True)
    missing = models.PositiveSmallIntegerField(
        _("số tiêu chí chưa có minh chứng"), null=True, blank=True
    )

    class Meta:
        verbose_name = verbose_name_plural = _("bản tự đánh giá")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="scorecard_one_per_year")
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"Tự đánh giá công tác dân vận năm {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("scorecard:assessment", args=[self.pk])

    @property
    def total_shown(self) -> str:
        from danvan.scorecard.templatetags.scorecard import points

        return points(self.total)

    @property
    def submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def readable_by(self, user: Any) -> bool:
        from danvan.scorecard.access import reads

        return reads(user, self)


class Score(models.Model):
    """The points a commune gives itself on one criterion, with its evidence."""

    assessment = models.ForeignKey(
        Assessment, models.CASCADE, related_name="scores", verbose_name=_("bản tự đánh giá")
    )
    criterion = models.ForeignKey(
        Criterion, models.PROTECT, related_name="+", verbose_name=_("tiêu chí")
    )
    points = points_field(_("điểm tự chấm"), null=True)
    note = models.TextField(_("giải trình"), blank=True)
    # Paths of pages of this site ("/can-bo/cong-khai/12/"), each checked with resolve().
    links = models.JSONField(_("liên kết minh chứng"), default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("điểm tự chấm")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="scorecard_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"Điểm tiêu chí {self.criterion.code}"

    @property
    def commune_id(self) -> int:
        return self.assessment.commune_id

    def readable_by(self, user: Any) -> bool:
        return self.assessment.readable_by(user)


ZERO = Decimal("0")
