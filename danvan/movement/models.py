"""The "Dân vận khéo" movement: models (mô hình) and exemplars (điển hình) registered each year,
followed with evidence, scored by several reviewers against criteria kept as data, recognised,
proposed upward, awarded, replicated, shown in the portal's gallery.

What is not law but a list (the fields, the criteria and their points, the levels of
recognition) is a table an administrator edits, each row with its source (migration 0002).
There is no district level since 01/07/2025: the levels are the commune, the province and the
centre. The guidance the commune follows (the Ban Tuyên giáo và Dân vận's since 2025, the
province's) is kept in the register of legal documents (`plans.LegalDocument`, number and
date) and linked to each practice.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Created, Unit, by_whom, legal_source


class Field(models.Model):
    """A field of the movement (lĩnh vực): kinh tế, văn hóa - xã hội, quốc phòng - an ninh,
    xây dựng hệ thống chính trị."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("lĩnh vực"), max_length=120)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    source = legal_source(_("căn cứ"))
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("lĩnh vực Dân vận khéo")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Applies(models.TextChoices):
    BOTH = "both", _("Mô hình và điển hình")
    MODELS = "models", _("Mô hình")
    EXEMPLARS = "exemplars", _("Điển hình")


class Criterion(models.Model):
    """A criterion a reviewer scores (tiêu chí chấm điểm), up to its points."""

    name = models.CharField(_("tiêu chí"), max_length=200)
    hint = models.CharField(_("gợi ý chấm"), max_length=300, blank=True)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    applies_to = models.CharField(
        _("áp dụng cho"), max_length=10, choices=Applies.choices, default=Applies.BOTH
    )
    source = legal_source(_("căn cứ"))
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("tiêu chí chấm điểm Dân vận khéo")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.max_points} điểm)"


class RecognitionLevel(models.Model):
    """A level that recognises a practice (cấp công nhận): the commune, the province, the
    centre. No district (abolished on 01/07/2025)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("cấp công nhận"), max_length=120)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_commune = models.BooleanField(
        _("cấp xã"), default=False, help_text=_("Cấp mà Chủ tịch UBND xã công nhận.")
    )
    source = legal_source(_("căn cứ"))
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("cấp công nhận Dân vận khéo")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    MODEL = "model", _("Mô hình")
    COLLECTIVE = "collective", _("Điển hình tập thể")
    INDIVIDUAL = "individual", _("Điển hình cá nhân")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    FOLLOWING = "following", _("Đang theo dõi")
    REVIEWED = "reviewed", _("Đã chấm điểm")
    RECOGNISED = "recognised", _("Được công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không công nhận")


STATUS_CSS = {
    Status.REGISTERED: "not_started",
    Status.FOLLOWING: "on_track",
    Status.REVIEWED: "due_soon",
    Status.RECOGNISED: "done",
    Status.NOT_RECOGNISED: "overdue",
}

# What the registration holds, in the order of the provincial forms, with its label: the
# register form, the detail page, the export and the search read this one list.
REGISTRATION = (
    ("situation", "Thực trạng, sự cần thiết (lý do xây dựng)"),
    ("goals", "Mục tiêu và cách đánh giá kết quả"),
    ("content", "Nội dung, cách làm"),
    ("place_people", "Địa bàn, đối tượng tác động"),
    ("lead_partners", "Chủ trì và phối hợp"),
    ("resources", "Nguồn lực (nhân lực, kinh phí, vật chất)"),
    ("timeline", "Tiến độ, lộ trình thực hiện"),
    ("outputs", "Sản phẩm, kết quả kiểm chứng được"),
    ("sustainability", "Khả năng duy trì, nhân rộng"),
)


class PracticeQuerySet(models.QuerySet["Practice"]):
    def gallery(self) -> PracticeQuerySet:
        """What the portal shows: recognised practices marked public."""
        return self.filter(public=True, status=Status.RECOGNISED)


class Practice(CommuneRecord, Created):
    """A model or an exemplar registered for a year (mô hình, điển hình "Dân vận khéo")."""

    year = models.PositiveSmallIntegerField(_("năm"))
    registered_on = models.DateField(_("ngày đăng ký"))
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("tên mô hình, điển hình"), max_length=300)
    field = models.ForeignKey(Field, models.PROTECT, related_name="+", verbose_name=_("lĩnh vực"))
    village = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thôn (nơi thực hiện)"),
    )
    registrant = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị đăng ký")
    )
    person_name = models.CharField(_("cá nhân (điển hình cá nhân)"), max_length=120, blank=True)
    situation = models.TextField(_("thực trạng, sự cần thiết"))
    goals = models.TextField(_("mục tiêu và cách đánh giá"))
    content = models.TextField(_("nội dung, cách làm"))
    place_people = models.TextField(_("địa bàn, đối tượng"))
    lead_partners = models.TextField(_("chủ trì và phối hợp"))
    resources = models.TextField(_("nguồn lực"), blank=True)
    timeline = models.TextField(_("tiến độ, lộ trình"))
    starts_on = models.DateField(_("bắt đầu từ"))
    ends_on = models.DateField(_("dự kiến hoàn thành"), null=True, blank=True)
    outputs = models.TextField(_("sản phẩm kiểm chứng được"))
    sustainability = models.TextField(_("khả năng duy trì, nhân rộng"))
    guidance = models.ManyToManyField(
        "plans.LegalDocument", blank=True, related_name="+", verbose_name=_("văn bản hướng dẫn")
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.REGISTERED
    )
    # The average of the reviewers' totals, kept when a review is written.
    score = models.DecimalField(
        _("điểm bình quân"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    reviews_count = models.PositiveSmallIntegerField(_("số người chấm"), default=0)
    # Recognition at the commune's level (or not) by its leaders.
    level = models.ForeignKey(
        RecognitionLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cấp công nhận"),
    )
    decided_on = models.DateField(_("ngày công nhận (hoặc không)"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_note = models.CharField(_("ý kiến khi xét"), max_length=500, blank=True)
    decided_by = by_whom(_("người xét công nhận"))
    # A proposal to a higher level (the province, the centre).
    proposed_level = models.ForeignKey(
        RecognitionLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đề nghị cấp trên công nhận"),
    )
    proposed_on = models.DateField(_("ngày đề nghị"), null=True, blank=True)
    proposal_number = models.CharField(
        _("số tờ trình, công văn đề nghị"), max_length=60, blank=True
    )
    public = models.BooleanField(_("hiện trên cổng thông tin"), default=False)
    # The commune's award for it (commendations: its decision's .docx, its certificate).
    award = models.ForeignKey(
        "commendations.Award",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("khen thưởng"),
    )
    search = models.TextField(editable=False, db_index=True, default="")

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("mô hình, điển hình Dân vận khéo")
        ordering = ["-year", "-pk"]
        indexes = [
            models.Index(fields=["commune", "year", "status"]),
            models.Index(fields=["public", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} “{self.name}”"

    def get_absolute_url(self) -> str:
        return reverse("movement:detail", args=[self.pk])

    @property
    def is_model(self) -> bool:
        return self.kind == Kind.MODEL

    @property
    def is_exemplar(self) -> bool:
        return self.kind != Kind.MODEL

    @property
    def status_css(self) -> str:
        return STATUS_CSS.get(self.status, "not_started")  # type: ignore[call-overload]

    def registration(self) -> list[tuple[str, str]]:
        return [(label, getattr(self, name)) for name, label in REGISTRATION]


class FollowUp(Created):
    """A dated note on how the practice goes, with its evidence (photos, documents: core.uploads,
    owned by the follow-up). Photos of a practice shown in the gallery are public."""

    practice = models.ForeignKey(
        Practice, models.CASCADE, related_name="follow_ups", verbose_name=_("mô hình, điển hình")
    )
    on = models.DateField(_("ngày"))
    note = models.TextField(_("nội dung theo dõi"))

    class Meta:
        verbose_name = verbose_name_plural = _("theo dõi mô hình, điển hình")
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"Theo dõi ngày {self.on:%d/%m/%Y}"

    def readable_by(self, user: Any) -> bool:
        return self.practice.readable_by(user)


class Review(models.Model):
    """One reviewer's scores for a practice (one per reviewer; written again replaces it).
    `scores` keeps each criterion as it was scored: [{"id", "name", "max", "points"}]."""

    practice = models.ForeignKey(
        Practice, models.CASCADE, related_name="reviews", verbose_name=_("mô hình, điển hình")
    )
    reviewer = models.ForeignKey(
        "core.User", models.PROTECT, related_name="+", verbose_name=_("người chấm")
    )
    scores = models.JSONField(_("điểm từng tiêu chí"), default=list)
    total = models.DecimalField(_("tổng điểm"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("nhận xét"), blank=True)
    reviewed_on = models.DateField(_("ngày chấm"))

    class Meta:
        verbose_name = verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["practice", "reviewed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "reviewer"], name="movement_review_once")
        ]

    def __str__(self) -> str:
        return f"Phiếu chấm của {self.reviewer} ({self.total} điểm)"


class Replication(Created):
    """Who copied a model, where and from when (nhân rộng)."""

    practice = models.ForeignKey(
        Practice, models.CASCADE, related_name="replications", verbose_name=_("mô hình")
    )
    adopter = models.CharField(_("đơn vị, tập thể, cá nhân áp dụng"), max_length=200)
    village = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thôn của xã (nếu áp dụng trong xã)"),
    )
    place = models.CharField(_("nơi áp dụng (xã khác, tỉnh khác…)"), max_length=200, blank=True)
    since = models.DateField(_("áp dụng từ"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("nhân rộng mô hình")
        ordering = ["-since", "-pk"]

    def __str__(self) -> str:
        return f"{self.adopter} ({self.where})"

    @property
    def where(self) -> str:
        return self.village.name if self.village_id and self.village else self.place


def average(totals: list[Decimal]) -> Decimal | None:
    if not totals:
        return None
    return (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01"))
