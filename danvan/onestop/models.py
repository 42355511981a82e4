"""The one-stop centre's dossier register (Trung tâm Phục vụ hành chính công, Nghị định 118/2025).

A dossier (hồ sơ thủ tục hành chính) is what the provincial one-stop system exports, one row per
dossier: its code, procedure, when it was received, when the result was promised (ngày hẹn trả)
and when it was returned. The product does not handle the dossier, it keeps the register: which
results came early, on time or late, which are still open and overdue, and whether a late one
had its apology slip (phiếu xin lỗi và hẹn lại ngày trả kết quả).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneQuerySet, CommuneRecord, Created, Unit, by_whom


class Result(models.TextChoices):
    """A dossier's result: a returned one against its promised day, an open one as of a day."""

    EARLY = "early", _("Trả trước hạn")
    ON_TIME = "on_time", _("Trả đúng hạn")
    LATE = "late", _("Trả quá hạn")
    IN_PROGRESS = "in_progress", _("Đang giải quyết, còn hạn")
    OVERDUE = "in_progress_overdue", _("Đang giải quyết, quá hạn")


def classify(due_on: date, returned_on: date | None, on: date) -> str:
    """The result of one dossier (the same rule as `DossierQuerySet.with_result`, in SQL)."""
    if returned_on is not None:
        if returned_on < due_on:
            return Result.EARLY
        return Result.ON_TIME if returned_on == due_on else Result.LATE
    return Result.IN_PROGRESS if on <= due_on else Result.OVERDUE


class DossierQuerySet(CommuneQuerySet["Dossier"]):
    def with_result(self, on: date) -> DossierQuerySet:
        """Annotate `outcome` (a `Result` value) as of `on`: see `classify`."""
        return self.annotate(
            outcome=Case(
                When(returned_on__isnull=False, returned_on__lt=models.F("due_on"), then=Value(Result.EARLY)),
                When(returned_on__isnull=False, returned_on=models.F("due_on"), then=Value(Result.ON_TIME)),
                When(returned_on__isnull=False, then=Value(Result.LATE)),
                When(due_on__gte=on, then=Value(Result.IN_PROGRESS)),
                default=Value(Result.OVERDUE),
                output_field=models.CharField(),
            )
        )  # fmt: skip

    @staticmethod
    def result_q(result: str, on: date) -> Q:
        """The filter of one result class, for a count or a list (index friendly, no CASE)."""
        returned = Q(returned_on__isnull=False)
        return {
            Result.EARLY: returned & Q(returned_on__lt=models.F("due_on")),
            Result.ON_TIME: returned & Q(returned_on=models.F("due_on")),
            Result.LATE: returned & Q(returned_on__gt=models.F("due_on")),
            Result.IN_PROGRESS: Q(returned_on__isnull=True, due_on__gte=on),
            Result.OVERDUE: Q(returned_on__isnull=True, due_on__lt=on),
        }[Result(result)]

    @classmethod
    def late_q(cls, on: date) -> Q:
        """Late for the apology rule: returned after its day, or still open past it."""
        return cls.result_q(Result.LATE, on) | cls.result_q(Result.OVERDUE, on)

    @classmethod
    def missing_slip_q(cls, on: date) -> Q:
        return cls.late_q(on) & Q(apology_sent_on__isnull=True)


class Dossier(CommuneRecord):
    """One administrative dossier of the commune's one-stop centre, as the provincial system
    exported it (upserted by `code` within the commune)."""

    code = models.CharField(_("mã hồ sơ"), max_length=100)
    procedure = models.CharField(_("tên thủ tục"), max_length=500, blank=True)
    received_on = models.DateField(_("ngày tiếp nhận"))
    due_on = models.DateField(_("ngày hẹn trả"))
    returned_on = models.DateField(_("ngày trả kết quả"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=200, blank=True)
    satisfaction = models.CharField(_("mức độ hài lòng"), max_length=100, blank=True)
    # Folded code and procedure (lib.text.fold): the register's search ignores diacritics.
    search = models.CharField(max_length=700, blank=True, editable=False)
    apology_sent_on = models.DateField(_("ngày gửi phiếu xin lỗi"), null=True, blank=True)
    apology_reason = models.TextField(_("lý do chậm trả kết quả"), blank=True)
    apology_new_due_on = models.DateField(_("ngày hẹn trả mới"), null=True, blank=True)
    apology_by = by_whom(_("người ghi phiếu xin lỗi"))
    imported_at = models.DateTimeField(_("lần nhập gần nhất"), auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ một cửa")
        verbose_name_plural = _("hồ sơ một cửa")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="onestop_dossier_code_unique")
        ]
        indexes = [
            models.Index(fields=["commune", "-received_on", "-id"], name="onestop_register"),
            # The register's counts and the satisfaction figures read only these indexes
            # (100,000 dossiers of one commune on SQLite: 71 and 48 ms by the table).
            models.Index(
                fields=["commune", "due_on", "returned_on", "apology_sent_on"],
                name="onestop_results",
            ),
            models.Index(fields=["commune", "satisfaction"], name="onestop_satisfaction"),
        ]

    def __str__(self) -> str:
        return f"Hồ sơ {self.code}"

    def result(self, on: date) -> str:
        return classify(self.due_on, self.returned_on, on)

    def is_late(self, on: date) -> bool:
        return self.result(on) in (Result.LATE, Result.OVERDUE)


class ColumnMapping(models.Model):
    """Which column of the commune's export holds which field, set once by an officer and
    reused: {field: folded header}, for headers the importer does not recognise itself."""

    commune = models.OneToOneField(
        Unit, models.CASCADE, related_name="+", verbose_name=_("xã"), primary_key=True
    )
    columns = models.JSONField(_("cột"), default=dict)
    updated_by = by_whom()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("cách đọc cột tệp hồ sơ một cửa")

    def __str__(self) -> str:
        return f"Cột tệp hồ sơ một cửa: {self.commune}"


class DossierImport(CommuneRecord, Created):
    """One import (a file from the page or the command, a push of the API): its counts and the
    rows that could not be read, with their reasons, for the result page."""

    source = models.CharField(_("nguồn"), max_length=300)
    on = models.DateField(_("tính đến ngày"))
    counts = models.JSONField(_("kết quả"), default=dict)
    # [[row number, reason], ...]
    unreadable = models.JSONField(_("dòng không đọc được"), default=list)

    class Meta:
        verbose_name = verbose_name_plural = _("lần nhập hồ sơ một cửa")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Nhập hồ sơ một cửa: {self.source}"
