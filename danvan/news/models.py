"""The public-service centre's news (Trung tâm Dịch vụ công ích): articles with photos on the
portal and its feeds, the loudspeaker schedule and the log of each broadcast (which can prove a
disclosure on the loudspeakers).

No law sets a time for any of it: the lists here are the commune's own work. A broadcast that
proves a disclosure is recorded on the disclosure's loudspeaker posting (disclosures.Posting,
`proof_record` and `proof_url`), never the other way round: disclosures does not know news.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Attachment, CommuneRecord, Created, Unit, by_whom

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


class Article(Created, CommuneRecord):
    """A piece for the portal: news, a "Dân vận khéo" story or a notice, with photos."""

    class Kind(models.TextChoices):
        NEWS = "news", _("Tin tức")
        STORY = "story", _("Câu chuyện “Dân vận khéo”")
        NOTICE = "notice", _("Thông báo")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đã đăng")
        WITHDRAWN = "withdrawn", _("Đã gỡ")

    kind = models.CharField(_("loại tin bài"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    summary = models.CharField(_("tóm tắt"), max_length=600)
    # Plain text: shown with its paragraphs, never as HTML.
    body = models.TextField(_("nội dung"))
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị")
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True)
    # The day of publication, for the overview's periods and the portal's order.
    published_on = models.DateField(_("ngày đăng"), null=True, blank=True)
    published_by = by_whom(_("người đăng"))
    withdrawn_reason = models.CharField(_("lý do gỡ"), max_length=300, blank=True)
    # Title and summary folded (lib.text.fold): the search ignores case and diacritics.
    search = models.CharField(max_length=1000, editable=False, blank=True, db_index=True)

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["commune", "status", "-published_at"], name="news_article_pub"),
            models.Index(fields=["commune", "-created_at"], name="news_article_new"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:article", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]


class Photo(models.Model):
    """A photo of an article (an `Attachment` owned by the article) and its caption."""

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="photos", verbose_name=_("tin bài")
    )
    attachment = models.OneToOneField(Attachment, models.PROTECT, related_name="+")
    caption = models.CharField(_("chú thích ảnh"), max_length=300)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("ảnh tin bài")
        ordering = ["article", "id"]

    def __str__(self) -> str:
        return self.caption


class BroadcastSlot(CommuneRecord):
    """A weekly slot of the loudspeaker schedule (lịch phát thanh)."""

    weekdays = models.CharField(_("các ngày trong tuần"), max_length=7)  # "024": Mon, Wed, Fri
    starts_at = models.TimeField(_("giờ phát"))
    minutes = models.PositiveSmallIntegerField(_("thời lượng (phút)"))
    programme = models.CharField(_("chương trình"), max_length=200)
    all_villages = models.BooleanField(_("phát toàn xã"), default=True)
    villages = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("các thôn")
    )
    active = models.BooleanField(_("đang áp dụng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("lịch phát thanh")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.programme} ({self.days_label}, {self.starts_at:%H:%M})"

    @property
    def days_label(self) -> str:
        return ", ".join(WEEKDAYS[int(d)] for d in self.weekdays if d.isdigit() and int(d) < 7)


class Broadcast(Created, CommuneRecord):
    """One broadcast on the loudspeakers, numbered per commune and year (nhật ký phát thanh)."""

    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    aired_on = models.DateField(_("ngày phát"))
    starts_at = models.TimeField(_("giờ phát"))
    minutes = models.PositiveSmallIntegerField(_("thời lượng (phút)"))
    title = models.CharField(_("nội dung phát"), max_length=300)
    article = models.ForeignKey(
        Article,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="broadcasts",
        verbose_name=_("tin bài"),
    )
    slot = models.ForeignKey(
        BroadcastSlot,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="broadcasts",
        verbose_name=_("theo lịch"),
    )
    all_villages = models.BooleanField(_("phát toàn xã"), default=True)
    villages = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("các thôn nghe được")
    )
    read_by = models.CharField(_("người thực hiện"), max_length=120, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    # The disclosure this broadcast proves (its category goes on the loudspeakers).
    disclosure = models.ForeignKey(
        "disclosures.Disclosure",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chứng minh công khai"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("nhật ký phát thanh")
        ordering = ["-aired_on", "-starts_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"], name="news_broadcast_number"
            )
        ]
        indexes = [models.Index(fields=["commune", "-aired_on"], name="news_broadcast_day")]

    def __str__(self) -> str:
        return f"Nhật ký phát thanh số {self.number}/{self.year}"

    def get_absolute_url(self) -> str:
        return reverse("news:broadcast", args=[self.pk])

    @property
    def proof_record(self) -> str:
        return f"Nhật ký phát thanh số {self.number}/{self.year}, {self.aired_on:%d/%m/%Y}"
