"""Notes of public opinion (dư luận xã hội) from villages and organisations, linked to
petitions and hotspots, summarised monthly for the leaders.

Seed plan II.1: units "nắm bắt tình hình tư tưởng, dư luận xã hội" and report it. A note says
what people say (topic, where, how urgent, whether it grows, where it was heard), who noted it
(a village, the Front or an organisation, an office of the commune) and what it proposes; the
leaders and the office (Văn phòng HĐND và UBND) read every note, link it to petitions and to a
hotspot of the petition book, and mark it handled. Always internal: never on the portal.

A linked petition is shown by its case code only (and opened only by who may open it, as the
petitions app decides): a denouncer's identity never reaches this app. A hotspot is what
petitions.hotspots counts: one village × one petition topic; the note keeps that key.

An urgent note is due to be handled within the days of the rule `du-luan`/`khan-cap` (shipped
UNVERIFIED, a practice of the commune: no legal text sets it; migration 0002).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Created, Unit, by_whom
from danvan.petitions.models import Petition

PRACTICE = "Thực tiễn: danh mục của xã (không phải quy định pháp luật)"


class OpinionTopic(models.Model):
    """What people talk about (đất đai, môi trường…): a table administrators keep. A topic may
    map to a topic of the petition book, so that a note points at the right hotspot."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("lĩnh vực dư luận"), max_length=120)
    petition_topic = models.CharField(
        _("lĩnh vực đơn thư tương ứng"), max_length=16, choices=Petition.Topic.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    source = models.CharField(_("căn cứ"), max_length=300, default=PRACTICE)

    class Meta:
        verbose_name = verbose_name_plural = _("lĩnh vực dư luận xã hội")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class SourceKind(models.Model):
    """Where the opinion was heard (thôn, tổ dân phố; Mặt trận, đoàn thể; mạng xã hội…)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("nguồn nắm bắt"), max_length=120)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    source = models.CharField(_("căn cứ"), max_length=300, default=PRACTICE)

    class Meta:
        verbose_name = verbose_name_plural = _("nguồn nắm bắt dư luận")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class OpinionNote(CommuneRecord, Created):
    """One note of what people say (một tin dư luận), reported by a unit of the commune."""

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Bình thường")
        ATTENTION = "attention", _("Cần chú ý")
        URGENT = "urgent", _("Khẩn cấp")

    class Trend(models.TextChoices):
        NEW = "new", _("Mới xuất hiện")
        RISING = "rising", _("Tăng")
        STEADY = "steady", _("Ổn định")
        FALLING = "falling", _("Giảm")

    class Status(models.TextChoices):
        OPEN = "open", _("Chưa xử lý")
        HANDLED = "handled", _("Đã xử lý")

    noted_on = models.DateField(_("ngày nắm bắt"))
    topic = models.ForeignKey(
        OpinionTopic, models.PROTECT, related_name="+", verbose_name=_("lĩnh vực")
    )
    # Where people say it: a village of the commune, or the whole commune when empty.
    village = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thôn, tổ dân phố"),
    )
    place = models.CharField(_("địa điểm cụ thể"), max_length=200, blank=True)
    source_kind = models.ForeignKey(
        SourceKind, models.PROTECT, related_name="+", verbose_name=_("nguồn nắm bắt")
    )
    reporting_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị báo cáo")
    )
    content = models.TextField(_("nội dung dư luận"))
    urgency = models.CharField(
        _("mức độ"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    trend = models.CharField(_("xu hướng"), max_length=10, choices=Trend.choices)
    proposal = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    petitions = models.ManyToManyField(
        Petition, related_name="+", blank=True, verbose_name=_("đơn thư liên quan")
    )
    # The hotspot of the petition book: (village, hotspot_topic), as petitions.hotspots counts.
    hotspot_topic = models.CharField(
        _("điểm nóng đơn thư (lĩnh vực)"), max_length=16, choices=Petition.Topic.choices, blank=True
    )
    # An urgent note's last day to be handled (rule du-luan/khan-cap, UNVERIFIED); else empty.
    due_on = models.DateField(_("hạn xử lý"), null=True, blank=True)
    due_source = models.CharField(_("căn cứ hạn xử lý"), max_length=300, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    handled_on = models.DateField(_("ngày xử lý"), null=True, blank=True)
    handling = models.TextField(_("kết quả xử lý"), blank=True)
    handled_by = by_whom(_("người ghi xử lý"))
    # Topic, place, content and proposal folded (lib.text.fold) for the search.
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("tin dư luận xã hội")
        ordering = ["-noted_on", "-pk"]
        indexes = [
            models.Index(fields=["commune", "-noted_on", "-id"], name="opinion_commune_noted"),
            models.Index(fields=["commune", "status", "urgency"], name="opinion_commune_status"),
        ]

    def __str__(self) -> str:
        # The title goes into audit entries and "Việc của tôi": the topic and the place only.
        where = self.village.name if self.village_id else "toàn xã"  # type: ignore[union-attr]
        return f"Dư luận về {self.topic.name.lower()} ({where}, {self.noted_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("opinion:detail", args=[self.pk])

    @property
    def handled(self) -> bool:
        return self.status == self.Status.HANDLED

    @property
    def flagged(self) -> bool:
        """Urgent: flagged on the list and listed first in the month's summary."""
        return self.urgency == self.Urgency.URGENT

    @classmethod
    def linked_to_petition(cls) -> Exists:
        """Whether a note links a petition, as a condition (no join that would count a note
        once per petition)."""
        return Exists(cls.petitions.through.objects.filter(opinionnote_id=OuterRef("pk")))

    def readable_by(self, user: object) -> bool:
        from danvan.opinion.access import reads_note

        return reads_note(user, self)  # type: ignore[arg-type]
