"""Lấy ý kiến Nhân dân: consultations on drafts (Luật Thực hiện dân chủ ở cơ sở 2022, Điều 25–26).

A consultation holds a draft split into points (articles); citizens comment point by point on
the portal, officers enter the comments gathered at meetings or on paper; each comment (or a
group of similar ones) gets an answer, and the synthesis is published with counts per point.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneQuerySet, CommuneRecord, Created, Unit, by_whom, legal_source

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022"


class Matter(models.Model):
    """A kind of matter the people of a commune comment on before it is decided (Điều 25).

    Reference data with its source, kept by an administrator: a legal officer corrects the
    wording or adds what a later law asks, without code.
    """

    item = models.CharField(_("khoản"), max_length=10, blank=True)
    name = models.CharField(_("nội dung"), max_length=1000)
    source = legal_source()
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("nội dung lấy ý kiến (Điều 25)")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.item}. {self.name}" if self.item else self.name


# The forms the code itself relies on: the portal files its comments through PORTAL; the
# Front enters what it gathered through FRONT or at a MEETING (views._entry_context).
PORTAL = "portal"
MEETING = "meeting"
FRONT = "front"


class ChannelQuerySet(models.QuerySet["Channel"]):
    def active(self) -> ChannelQuerySet:
        return self.filter(is_active=True)


class Channel(models.Model):
    """A form of consultation the commune chooses from (Luật THDCCS 2022, Điều 26 khoản 1).

    Reference data with its source, kept by an administrator: the law's wording in `title`, a
    short `name` for the pages, the law's point (a–h) in `point`. A form the law keeps for one
    matter (điểm h: citizens who are the subject of a decision of Điều 25 khoản 8) names that
    matter in `only_for`; a form that is a conference or a meeting asks which one
    (`names_meeting`) when a comment gathered there is entered.
    """

    code = models.SlugField(_("mã"), max_length=20, unique=True)
    point = models.CharField(_("điểm"), max_length=4, blank=True)
    title = models.CharField(_("hình thức theo luật"), max_length=400)
    name = models.CharField(_("tên ngắn"), max_length=80)
    source = legal_source()
    only_for = models.ForeignKey(
        Matter,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chỉ dùng cho nội dung"),
    )
    names_meeting = models.BooleanField(_("ghi rõ hội nghị, cuộc họp"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    objects = ChannelQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("hình thức lấy ý kiến (Điều 26)")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class ConsultationQuerySet(CommuneQuerySet["Consultation"]):
    def public(self) -> ConsultationQuerySet:
        return self.exclude(status=Consultation.Status.DRAFT)

    def accepting_on(self, day: date) -> ConsultationQuerySet:
        return self.filter(status=Consultation.Status.OPEN, opens_on__lte=day, closes_on__gte=day)


class Consultation(Created, CommuneRecord):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        OPEN = "open", _("Đang lấy ý kiến")
        CLOSED = "closed", _("Đã hết thời gian góp ý, đang tổng hợp")
        PUBLISHED = "published", _("Đã công bố kết quả tiếp thu")

    title = models.CharField(_("tên dự thảo"), max_length=300)
    matter = models.ForeignKey(
        Matter,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nội dung theo Điều 25"),
    )
    matter_other = models.CharField(_("nội dung khác"), max_length=300, blank=True)
    summary = models.TextField(_("giới thiệu"), blank=True)
    lead_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị chủ trì")
    )
    whole_commune = models.BooleanField(_("lấy ý kiến toàn xã"), default=True)
    villages = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("các thôn được lấy ý kiến")
    )
    opens_on = models.DateField(_("bắt đầu nhận ý kiến"), null=True, blank=True)
    closes_on = models.DateField(_("hết hạn nhận ý kiến"), null=True, blank=True)
    channels: models.ManyToManyField[Channel, ConsultationChannel] = models.ManyToManyField(
        Channel,
        through="ConsultationChannel",
        blank=True,
        related_name="+",
        verbose_name=_("hình thức lấy ý kiến"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    published_on = models.DateField(_("ngày công bố kết quả"), null=True, blank=True)
    synthesis = models.TextField(_("kết quả chung"), blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("cuộc lấy ý kiến")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["commune", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True)
                | Q(closes_on__isnull=True)
                | Q(closes_on__gte=models.F("opens_on")),
                name="consultation_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", args=[self.pk])

    @property
    def matter_label(self) -> str:
        if self.matter_id and self.matter:
            return str(self.matter)
        return self.matter_other or "Nội dung khác"

    def channel_labels(self) -> list[str]:
        return [ch.name for ch in self.channels.order_by("order", "pk")]

    def channel_codes(self) -> list[str]:
        return list(self.channels.order_by("order", "pk").values_list("code", flat=True))

    def accepts_comments(self, today: date) -> bool:
        return (
            self.status == self.Status.OPEN
            and self.opens_on is not None
            and self.closes_on is not None
            and self.opens_on <= today <= self.closes_on
        )

    def days_left(self, today: date) -> int | None:
        if not self.accepts_comments(today) or self.closes_on is None:
            return None
        return (self.closes_on - today).days

    def in_audience(self, village: Unit | None) -> bool:
        if village is None:
            return True
        if village.commune_id != self.commune_id:
            return False
        return self.whole_commune or self.villages.filter(pk=village.pk).exists()

    def audience_villages(self) -> models.QuerySet[Unit]:
        if self.whole_commune:
            return Unit.objects.filter(
                kind=Unit.Kind.VILLAGE, commune_id=self.commune_id, is_active=True
            ).order_by("name")
        return self.villages.order_by("name")


class ConsultationChannel(models.Model):
    """A form chosen for a consultation; a form in use cannot be deleted (deactivate it)."""

    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="+")
    channel = models.ForeignKey(Channel, models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "channel"], name="consultation_channel_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.channel_id}"


class Point(models.Model):
    """One article or point of the draft, in order."""

    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="points")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    heading = models.CharField(_("tiêu đề"), max_length=300)
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("điều, mục của dự thảo")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.heading


class Decision(models.TextChoices):
    """What the synthesis does with a comment."""

    ACCEPTED = "accepted", _("Tiếp thu")
    PARTLY = "partly", _("Tiếp thu một phần")
    REJECTED = "rejected", _("Không tiếp thu, có giải trình")


class CommentGroup(models.Model):
    """Similar comments answered once."""

    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="groups")
    point = models.ForeignKey(
        Point, models.CASCADE, null=True, blank=True, related_name="groups", verbose_name=_("điều")
    )
    title = models.CharField(_("tên nhóm"), max_length=200)
    decision = models.CharField(_("tiếp thu"), max_length=10, choices=Decision.choices, blank=True)
    explanation = models.TextField(_("giải trình"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("nhóm ý kiến")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible(self) -> CommentQuerySet:
        return self.filter(hidden=False)

    def unanswered(self) -> CommentQuerySet:
        """Visible comments with no answer of their own nor of their group."""
        return (
            self.visible().filter(decision="").filter(Q(group__isnull=True) | Q(group__decision=""))
        )


class Comment(models.Model):
    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="comments")
    point = models.ForeignKey(
        Point,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("điều, mục"),
    )
    text = models.TextField(_("ý kiến"))
    channel = models.ForeignKey(
        Channel,
        models.PROTECT,
        to_field="code",
        db_column="channel",
        related_name="+",
        verbose_name=_("hình thức"),
    )
    source = models.CharField(_("hội nghị, nguồn"), max_length=300, blank=True)
    village = models.ForeignKey(
        Unit, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("thôn")
    )
    people = models.PositiveIntegerField(_("số người đồng tình"), default=1)
    received_on = models.DateField(_("ngày nhận"))
    author_name = models.CharField(_("người góp ý"), max_length=120, blank=True)
    show_name = models.BooleanField(_("công khai tên"), default=False)
    entered_by = by_whom()
    entered_unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+")
    hidden = models.BooleanField(_("đã ẩn"), default=False)
    hidden_reason = models.CharField(_("lý do ẩn"), max_length=300, blank=True)
    group = models.ForeignKey(
        CommentGroup,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("nhóm"),
    )
    decision = models.CharField(_("tiếp thu"), max_length=10, choices=Decision.choices, blank=True)
    explanation = models.TextField(_("giải trình"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("ý kiến góp ý")
        ordering = ["pk"]
        indexes = [models.Index(fields=["consultation", "point"])]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def answer(self) -> tuple[str, str]:
        """(decision, explanation): the comment's own, else its group's."""
        if self.decision:
            return self.decision, self.explanation
        if self.group_id and self.group and self.group.decision:
            return self.group.decision, self.group.explanation
        return "", ""

    @property
    def answer_label(self) -> str:
        decision = self.answer[0]
        return str(Decision(decision).label) if decision else ""

    @property
    def public_name(self) -> str:
        return self.author_name if self.show_name and self.author_name else ""


class Submission(models.Model):
    """A portal form already filed, by its one-time nonce: sending it again files nothing."""

    nonce = models.CharField(max_length=32, unique=True)
    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="+")
    comments = models.PositiveSmallIntegerField(default=0)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.nonce
