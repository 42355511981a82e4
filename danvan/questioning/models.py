"""Council questioning (chất vấn) at the sessions of the HĐND xã: questions, answers at the session
or in writing, pledges and the report on them before the next session.

Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân 2015 (87/2015/QH13): Điều 60 (chất vấn
at the session, the written answer, the report on pledges) was NOT read in its text; the two
time limits are rows of core.DeadlineRule marked "CHƯA KIỂM CHỨNG" (migration 0002). Điều 66
khoản 2 (read): the Thường trực HĐND follows the answers between two sessions.

A pledge (lời hứa) is a promises.Promise, which owns a task of the plans app: reminders, "Việc
của tôi", the overview and the public page "Chính quyền đã hứa — đã làm" come from it. Council
members and respondents act in public as officials: the public page shows the delegate's name
and the respondent's title, never anybody else.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Unit, legal_source


class CouncilSession(CommuneRecord):
    """A session (kỳ họp) of the HĐND xã; the next session is the next one of the commune by
    its opening day."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Kỳ họp thường lệ")
        SPECIAL = "special", _("Kỳ họp chuyên đề, bất thường")

    term = models.CharField(
        _("khóa"), max_length=40, help_text=_("Ví dụ: khóa I, nhiệm kỳ 2026–2031")
    )
    number = models.PositiveSmallIntegerField(_("kỳ họp thứ"))
    kind = models.CharField(_("loại kỳ họp"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("tên kỳ họp"), max_length=200, blank=True)
    opens_on = models.DateField(_("ngày khai mạc"))
    closes_on = models.DateField(_("ngày bế mạc"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("kỳ họp HĐND xã")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "term", "number"], name="council_session_number"
            )
        ]
        indexes = [models.Index(fields=["commune", "opens_on"])]

    def __str__(self) -> str:
        return f"Kỳ họp thứ {self.number}, HĐND xã {self.term}"

    def get_absolute_url(self) -> str:
        return reverse("questioning:session", args=[self.pk])

    @property
    def label(self) -> str:
        """The session with its days, as the public page and the documents name it."""
        days = (
            f"ngày {self.opens_on:%d/%m/%Y}"
            if self.opens_on == self.closes_on
            else f"từ ngày {self.opens_on:%d/%m/%Y} đến ngày {self.closes_on:%d/%m/%Y}"
        )
        name = f" ({self.title})" if self.title else ""
        return f"{self}{name}, {days}"

    def next_session(self) -> CouncilSession | None:
        return (
            CouncilSession.objects.filter(commune_id=self.commune_id, opens_on__gt=self.opens_on)
            .order_by("opens_on", "id")
            .first()
        )


class Question(CommuneRecord):
    """A delegate's question to a respondent (a unit of the commune and its head's title), and
    the answer, given at the session or in writing."""

    class Mode(models.TextChoices):
        AT_SESSION = "session", _("Trả lời trực tiếp tại kỳ họp")
        IN_WRITING = "writing", _("Trả lời bằng văn bản")

    session = models.ForeignKey(
        CouncilSession, models.PROTECT, related_name="questions", verbose_name=_("kỳ họp")
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    delegate = models.CharField(_("đại biểu chất vấn"), max_length=120)
    constituency = models.CharField(_("đơn vị bầu cử"), max_length=200, blank=True)
    village = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("thôn")
    )
    respondent_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("cơ quan bị chất vấn")
    )
    respondent_title = models.CharField(_("người bị chất vấn (chức danh)"), max_length=120)
    content = models.TextField(_("nội dung chất vấn"))
    asked_on = models.DateField(_("ngày chất vấn"))
    mode = models.CharField(_("hình thức trả lời"), max_length=8, choices=Mode.choices)
    due_on = models.DateField(_("hạn trả lời bằng văn bản"), null=True, blank=True)
    due_source = legal_source(_("căn cứ thời hạn"), blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the respondent unit was reminded of a written answer (danvan remind, once each).
    reminded_soon_on = models.DateField(null=True, blank=True, editable=False)
    reminded_late_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("chất vấn")
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="question_number")
        ]
        indexes = [models.Index(fields=["respondent_unit", "answered_on"])]

    def __str__(self) -> str:
        return f"Chất vấn số {self.number} tại {self.session}: {self.content[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("questioning:question", args=[self.pk])

    @property
    def respondent(self) -> str:
        return f"{self.respondent_title} ({self.respondent_unit.label})"

    def state(self, today: date) -> str:
        """answered / answered_late / waiting / late: what a list says of the answer."""
        if self.answered_on:
            if self.due_on and self.answered_on > self.due_on:
                return "answered_late"
            return "answered"
        if self.due_on and today > self.due_on:
            return "late"
        return "waiting"


STATE_LABELS = {
    "answered": "Đã trả lời",
    "answered_late": "Đã trả lời, chậm so với hạn",
    "waiting": "Chưa trả lời",
    "late": "Quá hạn trả lời bằng văn bản",
}
STATE_CSS = {
    "answered": "done",
    "answered_late": "due_soon",
    "waiting": "not_started",
    "late": "overdue",
}


class Pledge(CommuneRecord):
    """What the respondent promised in answering a question (lời hứa): its promise follows it."""

    question = models.ForeignKey(
        Question, models.PROTECT, related_name="pledges", verbose_name=_("chất vấn")
    )
    title = models.CharField(_("lời hứa (tóm tắt)"), max_length=300)
    content = models.TextField(_("nội dung lời hứa"), blank=True)
    owner_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị thực hiện")
    )
    made_on = models.DateField(_("ngày hứa"))
    due_on = models.DateField(_("hạn thực hiện"))
    promise = models.OneToOneField(
        "promises.Promise", models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("lời hứa khi trả lời chất vấn")
        ordering = ["question", "id"]

    def __str__(self) -> str:
        return f"Lời hứa: {self.title}"

    def get_absolute_url(self) -> str:
        return self.question.get_absolute_url()


class PledgeReport(CommuneRecord):
    """A respondent's report on the pledges it made at a session, due at the latest a number of
    days before the next session opens (rule chat-van/bao-cao-loi-hua, UNVERIFIED); the
    reminders sent for it, once each."""

    session = models.ForeignKey(
        CouncilSession, models.PROTECT, related_name="pledge_reports", verbose_name=_("kỳ họp")
    )
    respondent_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("cơ quan báo cáo")
    )
    filed_on = models.DateField(_("ngày gửi báo cáo"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminded_soon_on = models.DateField(null=True, blank=True, editable=False)
    reminded_late_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = _("báo cáo thực hiện lời hứa")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "respondent_unit"], name="pledge_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"Báo cáo thực hiện lời hứa của {self.respondent_unit} tại {self.session}"

    def get_absolute_url(self) -> str:
        return reverse("questioning:session", args=[self.session_id])
