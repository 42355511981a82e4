"""Directives (chỉ đạo, đôn đốc) and periodic reports of the leaders' loop."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneQuerySet, CommuneRecord, Unit, by_whom


class DirectiveQuerySet(CommuneQuerySet["Directive"]):
    def waiting(self) -> DirectiveQuerySet:
        """Still waiting for its recipients' answer."""
        return self.filter(status=Directive.Status.OPEN)

    def late_on(self, day: date) -> DirectiveQuerySet:
        """Open past its due day (late from the day after, like every time limit here)."""
        return self.waiting().filter(due_on__lt=day)

    def on(self, obj: models.Model) -> DirectiveQuerySet:
        """The directives sent about one item (a task, a petition…)."""
        return self.filter(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk)


class Directive(CommuneRecord):
    """A leader's directive (chỉ đạo) or chase (đôn đốc) about one item of any app, to a unit
    or to one person, to be answered by a day.

    The item (`target`) is any record with `commune_id` and `get_absolute_url()` among
    `leaders.directives.TARGETS`; the directive carries only what its sender typed, never a
    copy of the item (a denunciation's denouncer stays in the petition's vault). It is open
    until a recipient answers; the sender then accepts the answer (closed) or sends it back
    with a comment (open again). Late: open past `due_on`.
    """

    class Kind(models.TextChoices):
        INSTRUCTION = "instruction", _("Chỉ đạo")
        CHASE = "chase", _("Đôn đốc")

    class Status(models.TextChoices):
        OPEN = "open", _("Chờ trả lời")
        ANSWERED = "answered", _("Đã trả lời, chờ người gửi xem xét")
        CLOSED = "closed", _("Đã kết thúc")

    target_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("nội dung"))
    due_on = models.DateField(_("hạn trả lời"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người gửi")
    )
    sent_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now)
    to_unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gửi đơn vị"),
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gửi cá nhân"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_by = by_whom(_("người trả lời"))
    # Empty while open: a sent-back answer is open again (the history keeps the earlier one).
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    # The sender's comment when sending the answer back; the recipients read it.
    return_comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ đạo, đôn đốc")
        verbose_name_plural = _("chỉ đạo, đôn đốc")
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["commune", "status", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_unit__isnull=False, to_user__isnull=True)
                | Q(to_unit__isnull=True, to_user__isnull=False),
                name="directive_one_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ngày {timezone.localtime(self.sent_at):%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("leaders:directive", args=[self.pk])

    @property
    def recipient(self) -> Any:
        return self.to_user if self.to_user_id else self.to_unit

    def is_late(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.due_on < today

    def readable_by(self, user: Any) -> bool:
        from danvan.leaders.directives import can_see

        return can_see(user, self)
