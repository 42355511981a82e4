"""Supervision by the people (Luật Thực hiện dân chủ ở cơ sở 2022, Chương II Mục 4).

The people supervise directly or through the Front, the people's inspection board (Ban Thanh
tra nhân dân) and the community investment supervision board (Ban Giám sát đầu tư của cộng
đồng) (Art. 31(2)). A board records its supervisions; each recommendation (kiến nghị) becomes
a task of the plans app (one task model for every promise), and the competent body's answer
is recorded and published on the portal.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Unit, legal_source
from danvan.plans.models import Plan, Task


class Board(CommuneRecord):
    """A board of the commune, organised by the Front: one Ban Thanh tra nhân dân per commune,
    and a Ban Giám sát đầu tư của cộng đồng per commune, village or project as it is elected."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Ban Thanh tra nhân dân")
        INVESTMENT = "investment", _("Ban Giám sát đầu tư của cộng đồng")

    kind = models.CharField(_("loại ban"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("tên ban"), max_length=200)
    organiser = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("Mặt trận tổ chức, chỉ đạo")
    )
    village = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thôn (nếu ban của một thôn)"),
    )
    project = models.CharField(_("chương trình, dự án giám sát"), max_length=300, blank=True)
    term_start = models.DateField(_("nhiệm kỳ từ"))
    term_end = models.DateField(_("nhiệm kỳ đến"), null=True, blank=True)
    decision = models.CharField(_("quyết định công nhận"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("ban giám sát")
        ordering = ["commune", "kind", "-term_start", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def short_label(self) -> str:
        return "Ban TTND" if self.kind == self.Kind.INSPECTION else "Ban GSĐTCĐ"

    def in_term(self, day: date) -> bool:
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)


class BoardMember(models.Model):
    """A member of a board; `user` when the member records supervisions in the app."""

    class Role(models.TextChoices):
        HEAD = "head", _("Trưởng ban")
        DEPUTY = "deputy", _("Phó Trưởng ban")
        MEMBER = "member", _("Thành viên")

    board = models.ForeignKey(Board, models.CASCADE, related_name="members")
    full_name = models.CharField(_("họ và tên"), max_length=120)
    role = models.CharField(_("chức danh"), max_length=8, choices=Role.choices)
    village = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("thôn")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="board_memberships",
        verbose_name=_("tài khoản"),
    )
    term_from = models.DateField(_("từ ngày"))
    term_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("thành viên ban")
        ordering = ["board", "role", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.get_role_display()}"

    def active_on(self, day: date) -> bool:
        return self.term_from <= day and (self.term_to is None or day <= self.term_to)


class SubjectKind(models.Model):
    """What the people may supervise, each with the article that gives it (a rule as data)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("nội dung giám sát"), max_length=200)
    source = legal_source()
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("loại nội dung giám sát")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Activity(CommuneRecord):
    """One supervision by a board: what, when, how, and what it found."""

    class Method(models.TextChoices):
        SITE = "site", _("Giám sát trực tiếp tại hiện trường")
        MEETING = "meeting", _("Làm việc với cơ quan, người có trách nhiệm")
        DOCUMENTS = "documents", _("Nghiên cứu hồ sơ, tài liệu")
        FEEDBACK = "feedback", _("Tiếp nhận, xem xét phản ánh của Nhân dân")
        OTHER = "other", _("Hình thức khác")

    board = models.ForeignKey(
        Board, models.PROTECT, related_name="activities", verbose_name=_("ban")
    )
    subject_kind = models.ForeignKey(
        SubjectKind, models.PROTECT, related_name="+", verbose_name=_("loại nội dung")
    )
    subject = models.CharField(_("nội dung giám sát"), max_length=300)
    village = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("địa bàn")
    )
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"))
    method = models.CharField(_("hình thức"), max_length=10, choices=Method.choices)
    findings = models.TextField(_("kết quả giám sát"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("cuộc giám sát")
        ordering = ["-ended_on", "-id"]
        indexes = [models.Index(fields=["commune", "-ended_on"])]

    def __str__(self) -> str:
        return self.subject


class FollowUpPlan(models.Model):
    """The commune's yearly plan that carries the tasks answering the boards' recommendations."""

    commune = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    plan = models.OneToOneField(Plan, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("kế hoạch tiếp thu kiến nghị giám sát")
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="followup_plan_once")
        ]

    def __str__(self) -> str:
        return str(self.plan)


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def published(self) -> RecommendationQuerySet:
        return self.filter(published_at__isnull=False)


class Recommendation(CommuneRecord):
    """A recommendation (kiến nghị) of a board after a supervision, and what became of it."""

    class Status(models.TextChoices):
        SENT = "sent", _("Chờ giao xử lý")
        ASSIGNED = "assigned", _("Đang giải quyết")
        ANSWERED = "answered", _("Đã trả lời")

    activity = models.ForeignKey(
        Activity, models.PROTECT, related_name="recommendations", verbose_name=_("cuộc giám sát")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    title = models.CharField(_("tóm tắt kiến nghị"), max_length=300)
    content = models.TextField(_("nội dung kiến nghị"))
    addressed_to = models.CharField(_("gửi đến"), max_length=200)
    sent_on = models.DateField(_("ngày gửi kiến nghị"))
    # The UBND answers within 15 days of receiving it (Luật THDCCS 2022, Art. 40(1)(c) for the
    # people's inspection board, Art. 45(2)(c) for the investment supervision board): the day
    # received, when the leader records one; else the day sent (the board hands it over).
    received_on = models.DateField(_("ngày UBND xã nhận được kiến nghị"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.SENT
    )
    owner_unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị chủ trì giải quyết"),
    )
    due_on = models.DateField(_("hạn trả lời"), null=True, blank=True)
    # The due date came from the rule table (core.DeadlineRule), so a rule change moves it.
    due_from_rule = models.BooleanField(default=False)
    due_source = legal_source(_("căn cứ thời hạn"), blank=True)
    task = models.OneToOneField(
        Task,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_recommendation",
        verbose_name=_("nhiệm vụ"),
    )
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by_body = models.CharField(_("cơ quan trả lời"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("ngày công khai"), null=True, blank=True)
    # When the leaders were reminded that it waits for an owner (danvan remind, once).
    leaders_reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("kiến nghị sau giám sát")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"], name="recommendation_number"
            )
        ]
        indexes = [models.Index(fields=["commune", "year", "status"])]

    def __str__(self) -> str:
        return f"Kiến nghị số {self.code}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:recommendation", args=[self.pk])

    @property
    def code(self) -> str:
        return f"{self.number}/{self.year}"

    def timeliness(self, today: date) -> str:
        """on_time / late / pending / overdue: what the public page says of the answer."""
        if self.answered_on:
            if self.due_on and self.answered_on > self.due_on:
                return "late"
            return "on_time"
        if self.due_on and today > self.due_on:
            return "overdue"
        return "pending"


TIMELINESS_LABELS = {
    "on_time": "Đã trả lời đúng hạn",
    "late": "Đã trả lời, chậm so với hạn",
    "pending": "Đang chờ trả lời",
    "overdue": "Quá hạn, chưa trả lời",
}
