"""Công khai thông tin: the disclosure register of a commune (Luật THDCCS 2022, Điều 11–13).

The law's lists are data: the 14 contents of Điều 11 (`Category`, in the law's own words) and the
channels of Điều 12 and 13 (`Channel`), each row carrying its source. The time limits are rows of
the shared `core.DeadlineRule` table (procedure `cong-khai`), read by `danvan.disclosures.rules`:
start within 5 working days (Điều 12 khoản 3, a deadline), posted at least 30 consecutive days
(Điều 13 khoản 2, a minimum), broadcast at least 3 consecutive days (Điều 13 khoản 3, a minimum).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Attachment, CommuneRecord, Created, Unit, by_whom, legal_source


class Category(models.Model):
    """One of the contents a commune must disclose (Luật THDCCS 2022, Điều 11, khoản 1–14)."""

    number = models.PositiveSmallIntegerField(_("khoản"), unique=True)
    name = models.CharField(_("nội dung phải công khai"), max_length=1000)
    short_name = models.CharField(_("tên ngắn"), max_length=120)
    source = legal_source()
    # Điều 13 khoản 2 đoạn 2: posted permanently at the headquarters and updated when it changes
    # (khoản 4 and 13 of Điều 11): no end date, no minimum.
    permanent = models.BooleanField(_("niêm yết thường xuyên, cập nhật"), default=False)
    # Điều 13 khoản 2 đoạn 1: posted at least the rule's number of consecutive days (khoản 1–3,
    # 5–12). Khoản 14 is in neither list: the law that asks for it says how.
    minimum_posting = models.BooleanField(_("áp dụng thời hạn niêm yết tối thiểu"), default=True)
    # Điều 13 khoản 3: broadcast on the commune's loudspeaker system (if any) at least N days.
    loudspeaker = models.BooleanField(_("phải phát trên hệ thống truyền thanh"), default=False)
    # Commune policy, not law: how often a permanent posting is checked to be still current.
    review_every_days = models.PositiveSmallIntegerField(
        _("rà soát, cập nhật sau (ngày)"), null=True, blank=True
    )

    class Meta:
        verbose_name = verbose_name_plural = _("nội dung phải công khai (Điều 11)")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_name}"


class Channel(models.Model):
    """A way of disclosing (Luật THDCCS 2022, Điều 12 khoản 1; Điều 13), as data."""

    class Kind(models.TextChoices):
        NOTICE_BOARD = "board", _("Niêm yết")
        PORTAL = "portal", _("Cổng thông tin điện tử")
        LOUDSPEAKER = "loudspeaker", _("Hệ thống truyền thanh")
        OTHER = "other", _("Hình thức khác")

    slug = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("hình thức công khai"), max_length=200)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    source = legal_source()
    # The posting happens in one village (its cultural house, its meeting, its head).
    per_village = models.BooleanField(_("theo từng thôn"), default=False)
    # A village head may record this posting for their own village, with proof.
    village_head_records = models.BooleanField(_("trưởng thôn ghi nhận"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("hình thức công khai (Điều 12)")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def needs_proof(self) -> bool:
        """The portal is its own record; every other posting needs a photo or minutes."""
        return self.kind != self.Kind.PORTAL


class DisclosureQuerySet(models.QuerySet["Disclosure"]):
    def current(self) -> DisclosureQuerySet:
        return self.filter(withdrawn_on__isnull=True)

    def on_portal(self, today: date) -> DisclosureQuerySet:
        """Published to the portal and showing today: between start and end of the portal
        posting, a permanent category until withdrawn."""
        window = Q(
            postings__channel__kind=Channel.Kind.PORTAL,
            postings__start_on__isnull=False,
            postings__start_on__lte=today,
        ) & (
            Q(postings__end_on__isnull=True)
            | Q(postings__end_on__gte=today)
            | Q(category__permanent=True)
        )
        return self.current().filter(window).distinct()


class Disclosure(Created, CommuneRecord):
    """One content disclosed: what, the decision it discloses, who answers for it, and when
    its posting must start (Điều 12 khoản 3, or the sector law the officer names)."""

    category = models.ForeignKey(
        Category, models.PROTECT, related_name="disclosures", verbose_name=_("nội dung (Điều 11)")
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    content = models.TextField(_("nội dung công khai"))
    document_ref = models.CharField(_("số, ký hiệu văn bản"), max_length=120, blank=True)
    decided_on = models.DateField(_("ngày ban hành, phê duyệt văn bản"))
    responsible_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị chịu trách nhiệm")
    )
    # A sector law may set another time to start (Điều 12 khoản 3: "trừ trường hợp pháp luật
    # có quy định khác"): the officer names it and the working days it allows.
    start_days_override = models.PositiveSmallIntegerField(
        _("thời hạn bắt đầu theo luật chuyên ngành (ngày làm việc)"), null=True, blank=True
    )
    override_basis = legal_source(_("căn cứ của thời hạn khác"), blank=True)
    start_due = models.DateField(_("hạn bắt đầu công khai"), null=True, blank=True)
    start_due_explained = models.TextField(_("cách tính hạn"), blank=True)
    reviewed_on = models.DateField(_("ngày rà soát, cập nhật gần nhất"), null=True, blank=True)
    # Registered under the pre-2022 list of contents and not mapped to an item of Điều 11 by
    # migration 0004: an officer chooses the item (which clears the mark). `category_before`
    # keeps the old item's words.
    category_to_confirm = models.BooleanField(
        _("cần chọn lại nội dung theo Điều 11"), default=False
    )
    category_before = models.CharField(_("nội dung theo danh mục cũ"), max_length=200, blank=True)
    withdrawn_on = models.DateField(_("ngày gỡ bỏ"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("lý do gỡ bỏ"), max_length=300, blank=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung công khai")
        verbose_name_plural = _("sổ công khai")
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["commune", "-decided_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("disclosures:detail", args=[self.pk])


class Document(models.Model):
    """A document of a disclosure; `public` ones are downloadable on the portal."""

    disclosure = models.ForeignKey(Disclosure, models.CASCADE, related_name="documents")
    title = models.CharField(_("tên tài liệu"), max_length=200)
    public = models.BooleanField(_("công bố trên cổng thông tin"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("tài liệu công khai")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    @property
    def commune_id(self) -> int:
        return self.disclosure.commune_id

    def readable_by(self, user: Any) -> bool:
        """Its files go to whoever reads the disclosure."""
        return self.disclosure.readable_by(user)

    def attachment(self) -> Attachment | None:
        ct = ContentType.objects.get_for_model(Document)
        return Attachment.objects.filter(owner_type=ct, owner_id=self.pk).first()


class Posting(models.Model):
    """A disclosure on one channel (and village): from when to when, who posted it, and the
    proof (photos or minutes, `Attachment`s owned by the posting)."""

    disclosure = models.ForeignKey(Disclosure, models.CASCADE, related_name="postings")
    channel = models.ForeignKey(
        Channel, models.PROTECT, related_name="+", verbose_name=_("hình thức")
    )
    village = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thôn, tổ dân phố"),
    )
    start_on = models.DateField(_("ngày bắt đầu"))
    end_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    posted_by_name = models.CharField(_("người thực hiện"), max_length=120, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    # A record kept elsewhere in the product that proves the posting as a photo would (a
    # broadcast of the loudspeaker log, "Nhật ký phát thanh số 12/2026, 05/12/2026"), and the
    # path of its page. Set by the app that keeps the record; disclosures knows none of them.
    proof_record = models.CharField(_("minh chứng trong hệ thống"), max_length=200, blank=True)
    proof_url = models.CharField(_("đường dẫn minh chứng"), max_length=300, blank=True)
    recorded_by = by_whom()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("lần công khai")
        ordering = ["start_on", "id"]

    def __str__(self) -> str:
        where = f" – {self.village.name}" if self.village_id and self.village else ""
        return f"{self.channel}{where} ({self.start_on:%d/%m/%Y})"

    @property
    def commune_id(self) -> int:
        return self.disclosure.commune_id

    def readable_by(self, user: Any) -> bool:
        """Its files go to whoever reads the disclosure."""
        return self.disclosure.readable_by(user)

    def proofs(self) -> list[Attachment]:
        ct = ContentType.objects.get_for_model(Posting)
        return list(Attachment.objects.filter(owner_type=ct, owner_id=self.pk).order_by("pk"))
