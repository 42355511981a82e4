"""Voter meetings of the council's delegates, chaired by the Fatherland Front, and the voters'
recommendations: classified, forwarded, answered, published.

NQLT 72/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN (20/02/2025) details how delegates meet voters;
its commune-level articles were not read (docs/research/promises-law.md §3), so no time limit of
it is shipped as fact. A recommendation within the commune's competence is given to a unit of
the commune and becomes a promise (danvan.promises), whose report is its answer; one beyond it is
forwarded to the province (never a "huyện": no district since 01/07/2025) and the office records
the answer received, chasing it from a day it types.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.access import get_access
from danvan.core.models import CommuneRecord, Unit


class VoterMeeting(CommuneRecord):
    """A meeting of the council's delegates with voters (hội nghị tiếp xúc cử tri)."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Trước kỳ họp HĐND")
        AFTER = "after", _("Sau kỳ họp HĐND")
        RESIDENCE = "residence", _("Theo nơi cư trú")
        THEMATIC = "thematic", _("Theo chuyên đề")

    kind = models.CharField(_("hình thức tiếp xúc"), max_length=10, choices=Kind.choices)
    session_label = models.CharField(_("kỳ họp HĐND liên quan"), max_length=200, blank=True)
    session_on = models.DateField(_("ngày khai mạc kỳ họp"), null=True, blank=True)
    topic = models.CharField(_("chuyên đề"), max_length=300, blank=True)
    held_on = models.DateField(_("ngày tiếp xúc"))
    place = models.CharField(_("địa điểm"), max_length=200)
    villages = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("thôn (tổ dân phố) có cử tri dự")
    )
    chaired_by = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("Mặt trận chủ trì")
    )
    delegates = models.TextField(_("đại biểu HĐND dự (mỗi dòng một người)"))
    voters_count = models.PositiveIntegerField(_("số cử tri dự"))
    published_at = models.DateTimeField(_("ngày công bố kết quả"), null=True, blank=True)
    posted_until = models.DateField(_("niêm yết đến ngày"), null=True, blank=True)
    posting_source = models.CharField(_("căn cứ thời gian niêm yết"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("hội nghị tiếp xúc cử tri")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["commune", "-held_on"])]

    def __str__(self) -> str:
        kind = str(self.get_kind_display())
        return f"Tiếp xúc cử tri {kind[:1].lower()}{kind[1:]} ngày {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("voters:meeting", args=[self.pk])

    @property
    def label(self) -> str:
        """Where the recommendations were said: the promise's source label."""
        about = self.session_label or self.topic
        return f"{self} – {about}" if about else str(self)

    @property
    def delegate_list(self) -> list[str]:
        return [line.strip() for line in self.delegates.splitlines() if line.strip()]

    def readable_by(self, user: Any) -> bool:
        """Who may download the minutes: whoever reads the commune."""
        return get_access(user).can_read(self.commune_id)


class Field(models.TextChoices):
    """The field a recommendation is about (lĩnh vực), for the report and the filters."""

    LAND = "land", _("Đất đai, tài nguyên")
    INFRASTRUCTURE = "infrastructure", _("Giao thông, hạ tầng, điện, nước")
    AGRICULTURE = "agriculture", _("Nông nghiệp, nông thôn mới")
    SOCIAL = "social", _("Chính sách xã hội, việc làm")
    HEALTH = "health", _("Y tế, bảo hiểm")
    EDUCATION = "education", _("Giáo dục, văn hóa")
    ENVIRONMENT = "environment", _("Môi trường")
    ORDER = "order", _("An ninh, trật tự")
    ADMINISTRATION = "administration", _("Thủ tục hành chính, cán bộ")
    OTHER = "other", _("Lĩnh vực khác")


class Competence(models.TextChoices):
    PENDING = "pending", _("Chưa phân loại")
    COMMUNE = "commune", _("Thuộc thẩm quyền của xã")
    PROVINCE = "province", _("Chuyển cấp trên (tỉnh, trung ương)")


class Outcome(models.TextChoices):
    """The three answers a recommendation may get (the promise's outcomes, in voters' words)."""

    KEPT = "kept", _("Đã giải quyết")
    ROADMAP = "roadmap", _("Đang giải quyết, có lộ trình và thời hạn")
    EXPLAINED = "explained", _("Đã giải trình, thông tin lại cho cử tri")


# Where a recommendation stands, in one set of codes for the commune's and the forwarded ones.
STATES: dict[str, tuple[str, str]] = {  # code: (label, css of core's status badges)
    "unclassified": ("Chờ phân loại", "not_started"),
    "unassigned": ("Chờ giao đơn vị giải quyết", "not_started"),
    "open": ("Đang giải quyết", "on_track"),
    "late": ("Quá hạn, chưa trả lời", "overdue"),
    "forwarded": ("Đã chuyển cấp trên, chờ trả lời", "on_track"),
    "chase": ("Đã chuyển, quá hạn đôn đốc", "overdue"),
    "kept": ("Đã giải quyết", "done"),
    "roadmap": ("Đang giải quyết, có lộ trình và thời hạn", "due_soon"),
    "explained": ("Đã giải trình, thông tin lại cho cử tri", "done"),
}
ANSWERED_STATES = frozenset({"kept", "roadmap", "explained"})
# Promise.status(today) → our state.
_FROM_PROMISE = {
    "open": "open",
    "late": "late",
    "kept": "kept",
    "kept_late": "kept",
    "roadmap": "roadmap",
    "explained": "explained",
}


class VoterRecommendation(CommuneRecord):
    """One recommendation of the voters at a meeting, numbered per commune and year."""

    meeting = models.ForeignKey(
        VoterMeeting, models.PROTECT, related_name="recommendations", verbose_name=_("hội nghị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    content = models.TextField(_("nội dung kiến nghị"))
    village = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("thôn")
    )
    field = models.CharField(_("lĩnh vực"), max_length=16, choices=Field.choices)
    competence = models.CharField(
        _("thẩm quyền"), max_length=10, choices=Competence.choices, default=Competence.PENDING
    )
    # The commune's competence: the unit that answers, and its promise (danvan.promises).
    owner_unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị giải quyết"),
    )
    due_on = models.DateField(_("hạn giải quyết, trả lời"), null=True, blank=True)
    promise = models.OneToOneField(
        "promises.Promise", models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Forwarded above: to whom, when, from when the office chases, and the answer received.
    receiving_body = models.CharField(_("cơ quan nhận"), max_length=200, blank=True)
    forwarded_on = models.DateField(_("ngày chuyển"), null=True, blank=True)
    chase_on = models.DateField(_("đôn đốc nếu chưa có trả lời từ ngày"), null=True, blank=True)
    answered_on = models.DateField(_("ngày nhận trả lời"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, blank=True)
    roadmap_due = models.DateField(_("thời hạn theo lộ trình"), null=True, blank=True)
    # When the office was reminded to chase the answer (danvan remind, once).
    chased_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("kiến nghị cử tri")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"], name="voter_recommendation_number"
            )
        ]
        indexes = [models.Index(fields=["commune", "year", "competence"])]

    def __str__(self) -> str:
        return f"Kiến nghị cử tri số {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("voters:recommendation", args=[self.pk])

    @property
    def code(self) -> str:
        return f"{self.number}/{self.year}"

    @property
    def short(self) -> str:
        text = " ".join(self.content.split())
        return text if len(text) <= 120 else text[:119] + "…"

    @property
    def answerer(self) -> str:
        """Who answers, as the public page says it."""
        if self.competence == Competence.COMMUNE:
            return self.owner_unit.label if self.owner_unit else "UBND xã"
        if self.competence == Competence.PROVINCE:
            return self.receiving_body
        return ""

    def state(self, today: date) -> str:
        if self.competence == Competence.PENDING:
            return "unclassified"
        if self.competence == Competence.COMMUNE:
            if self.promise is None:
                return "unassigned"
            return _FROM_PROMISE.get(self.promise.status(today), "open")
        if self.outcome:
            return str(self.outcome)
        if self.chase_on and today >= self.chase_on:
            return "chase"
        return "forwarded"

    def readable_by(self, user: Any) -> bool:
        return get_access(user).can_read(self.commune_id)
