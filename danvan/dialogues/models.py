"""Dialogues between the commune's leaders and the people (Luật THDCCS 2022, Điều 32) and a
petition case's complaint dialogues: agenda, invitations, attendance, questions, answers,
commitments, minutes, results.

A dialogue goes draft → announced (the notice is sent, its date recorded) → held (attendance
and questions recorded) → results published (on the portal, /doi-thoai/). Each commitment made
on the spot becomes a promise of the promises app (which owns a task of the plans app: reminders,
"Việc của tôi", the overview and the late lists come from it). A citizen who asked is never shown
on the portal: only the village.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Unit
from danvan.promises.models import STATUS_CSS, STATUS_LABELS


class DialogueQuerySet(models.QuerySet["Dialogue"]):
    def published(self) -> DialogueQuerySet:
        return self.filter(status=Dialogue.Status.PUBLISHED)


class Dialogue(CommuneRecord):
    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Hội nghị đối thoại hằng năm với Nhân dân (Điều 32)")
        TOPIC = "topic", _("Đối thoại theo chuyên đề")
        COMPLAINT = "complaint", _("Đối thoại giải quyết khiếu nại")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang chuẩn bị")
        ANNOUNCED = "announced", _("Đã thông báo")
        HELD = "held", _("Đã tổ chức")
        PUBLISHED = "published", _("Đã công bố kết quả")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("tên hội nghị"), max_length=300)
    topic = models.TextField(_("nội dung trao đổi, đối thoại"))
    held_on = models.DateField(_("ngày tổ chức"))
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300)
    chairs = models.CharField(_("chủ trì"), max_length=300)
    co_organiser = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ủy ban MTTQ phối hợp"),
    )
    villages = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("cụm thôn (nếu tổ chức theo cụm)")
    )
    agenda = models.TextField(_("chương trình (mỗi mục một dòng)"), blank=True)
    # A complaint dialogue belongs to a petition case (only its code is ever shown).
    petition = models.ForeignKey(
        "petitions.Petition",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hồ sơ đơn thư"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    invited = models.TextField(_("thành phần mời (thôn, đơn vị, người)"), blank=True)
    notice_on = models.DateField(_("ngày gửi thông báo"), null=True, blank=True)
    attendance_total = models.PositiveIntegerField(_("số người dự"), null=True, blank=True)
    officials_present = models.TextField(_("lãnh đạo, cán bộ dự"), blank=True)
    summary = models.TextField(_("kết quả hội nghị"), blank=True)
    published_on = models.DateField(_("ngày công bố kết quả"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DialogueQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("hội nghị đối thoại")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["commune", "-held_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogues:detail", args=[self.pk])

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @property
    def is_held(self) -> bool:
        return self.status in (self.Status.HELD, self.Status.PUBLISHED)


class VillageAttendance(models.Model):
    """How many people of a village came (optional, beside the total)."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="village_counts")
    village = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("thôn"))
    people = models.PositiveIntegerField(_("số người dự"))

    class Meta:
        verbose_name = verbose_name_plural = _("số người dự theo thôn")
        ordering = ["village__name"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "village"], name="dialogue_village_once")
        ]

    def __str__(self) -> str:
        return f"{self.village}: {self.people}"


class Question(models.Model):
    """A question or recommendation raised at the dialogue, and the answer given on the spot."""

    dialogue = models.ForeignKey(Dialogue, models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    # Never on the portal: only the village is shown there.
    asker_name = models.CharField(_("người hỏi (không bắt buộc)"), max_length=120, blank=True)
    village = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("thôn")
    )
    text = models.TextField(_("ý kiến, câu hỏi"))
    petition = models.ForeignKey(
        "petitions.Petition",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn thư liên quan"),
    )
    answer = models.TextField(_("trả lời tại hội nghị"), blank=True)
    answered_by = models.CharField(_("người trả lời"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("ý kiến tại hội nghị đối thoại")
        ordering = ["dialogue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "number"], name="dialogue_question_number")
        ]

    def __str__(self) -> str:
        return f"Ý kiến {self.number}: {self.text[:60]}"


class Commitment(models.Model):
    """What the commune promised at the dialogue: who, what, by when. The promise (promises app)
    carries its follow-up; this row keeps where it was said."""

    dialogue = models.ForeignKey(Dialogue, models.PROTECT, related_name="commitments")
    question = models.ForeignKey(
        Question,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("ý kiến"),
    )
    promise = models.OneToOneField(
        "promises.Promise", models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị thực hiện")
    )
    owner_person = models.CharField(_("người chịu trách nhiệm"), max_length=200, blank=True)
    title = models.CharField(_("cam kết"), max_length=300)
    content = models.TextField(_("nội dung cam kết"), blank=True)
    due_on = models.DateField(_("thời hạn"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("cam kết tại hội nghị đối thoại")
        ordering = ["dialogue", "id"]

    def __str__(self) -> str:
        return self.title


def promise_status(commitment: Commitment, today: date) -> tuple[str, str]:
    """(css class, label) of the commitment's promise on `today` (promises.Promise.status)."""
    promise = commitment.promise
    if promise is None:
        return "not_started", "Chưa theo dõi"
    status = promise.status(today)
    return STATUS_CSS[status], STATUS_LABELS[status]
