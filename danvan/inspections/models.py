"""Inspections of discipline, public duty, dân vận work and grassroots democracy: the yearly plan,
inspections, findings, conclusions with remedies, re-checks, commendations and sanctions.

No statutory time limit is shipped (Chỉ thị 26/CT-TTg, on administrative discipline, was not
read: docs/research/promises-law.md §6): the conclusion sets every date. Each remedy is a
`promises.Promise` (source INSPECTION), so its reminders, "Việc của tôi", the overview and the
public page "Chính quyền đã hứa — đã làm" come from there; the unit that owes it reports on the
promise's page. Results of inspections are public by default (Luật Thực hiện dân chủ ở cơ sở
2022, Điều 11 khoản 10 asks the commune to disclose them); an officer marks one internal with a
reason. Commendations and sanctions are recorded here and never shown on the portal.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Unit, legal_source
from danvan.promises.models import STATUS_CSS, STATUS_LABELS


class SubjectKind(models.Model):
    """What an inspection is about, each with the text it rests on (a rule as data; a source not
    read in its text begins "CHƯA KIỂM CHỨNG")."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("nội dung kiểm tra"), max_length=200)
    source = legal_source()
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("loại nội dung kiểm tra")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class MeasureKind(models.Model):
    """A form of commendation or of discipline (khen thưởng; khiển trách, cảnh cáo…), as data."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("hình thức"), max_length=120)
    is_sanction = models.BooleanField(_("là hình thức kỷ luật"), default=False)
    source = legal_source(blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = verbose_name_plural = _("hình thức khen thưởng, kỷ luật")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class InspectionPlan(CommuneRecord):
    """The commune's inspection plan of a year (kế hoạch kiểm tra), with its planned inspections."""

    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    issued_on = models.DateField(_("ngày ban hành"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("kế hoạch kiểm tra")
        ordering = ["-year", "-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:plan", args=[self.pk])


class InspectionQuerySet(models.QuerySet["Inspection"]):
    def published(self) -> InspectionQuerySet:
        """What the portal shows: concluded (or re-checked) and not marked internal."""
        return self.filter(public=True, concluded_on__isnull=False)


class Inspection(CommuneRecord):
    """One inspection of a unit of the commune, planned or unplanned (a surprise inspection)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Theo kế hoạch, chưa tiến hành")
        IN_PROGRESS = "in_progress", _("Đang kiểm tra")
        CONCLUDED = "concluded", _("Đã kết luận")
        RECHECKED = "rechecked", _("Đã phúc tra")

    plan = models.ForeignKey(
        InspectionPlan,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("kế hoạch kiểm tra"),
    )
    subject_kind = models.ForeignKey(
        SubjectKind, models.PROTECT, related_name="+", verbose_name=_("loại nội dung")
    )
    title = models.CharField(_("nội dung kiểm tra"), max_length=300)
    inspected_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị được kiểm tra")
    )
    team = models.TextField(_("đoàn kiểm tra (trưởng đoàn, thành viên)"), blank=True)
    planned_from = models.DateField(_("dự kiến từ ngày"))
    planned_to = models.DateField(_("dự kiến đến ngày"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("ngày kết thúc kiểm tra"), null=True, blank=True)
    # The conclusion (kết luận kiểm tra): its number, day and text; the text is shown on the
    # portal when the inspection is public, so it names nobody.
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    conclusion_number = models.CharField(_("số kết luận"), max_length=60, blank=True)
    conclusion = models.TextField(_("nội dung kết luận"), blank=True)
    public = models.BooleanField(_("công khai kết quả"), default=True)
    internal_reason = models.CharField(_("lý do không công khai"), max_length=300, blank=True)
    # The re-check (phúc tra) of the remedies.
    rechecked_on = models.DateField(_("ngày phúc tra"), null=True, blank=True)
    recheck_note = models.TextField(_("kết quả phúc tra"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("cuộc kiểm tra")
        ordering = ["-planned_from", "-id"]
        indexes = [models.Index(fields=["commune", "-planned_from"])]

    def __str__(self) -> str:
        return f"Kiểm tra {self.inspected_unit}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection", args=[self.pk])

    @property
    def year(self) -> int:
        return self.planned_from.year

    @property
    def is_concluded(self) -> bool:
        return self.concluded_on is not None

    @property
    def is_published(self) -> bool:
        return self.public and self.concluded_on is not None


class Finding(models.Model):
    """What the inspection found: a shortcoming, a breach, or what was done well."""

    class Severity(models.TextChoices):
        GOOD = "good", _("Làm tốt, cần phát huy")
        MINOR = "minor", _("Thiếu sót nhỏ, nhắc nhở")
        SHORTCOMING = "shortcoming", _("Hạn chế, thiếu sót phải khắc phục")
        BREACH = "breach", _("Vi phạm")

    inspection = models.ForeignKey(Inspection, models.CASCADE, related_name="findings")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.TextField(_("nội dung phát hiện"))
    severity = models.CharField(_("mức độ"), max_length=12, choices=Severity.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("nội dung phát hiện qua kiểm tra")
        ordering = ["inspection", "number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="finding_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class Remedy(CommuneRecord):
    """A remedy the conclusion asks for a finding: who, what, by when, and what proves it.

    The promise (promises.Promise, source INSPECTION) carries it: its task, reminders, the
    owner unit's report and the public status."""

    class Recheck(models.TextChoices):
        DONE = "done", _("Đã khắc phục")
        NOT_DONE = "not_done", _("Chưa khắc phục")

    inspection = models.ForeignKey(Inspection, models.PROTECT, related_name="remedies")
    finding = models.ForeignKey(
        Finding, models.PROTECT, related_name="remedies", verbose_name=_("nội dung phát hiện")
    )
    owner_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("đơn vị thực hiện")
    )
    owner_person = models.CharField(_("người chịu trách nhiệm"), max_length=200, blank=True)
    measure = models.TextField(_("biện pháp khắc phục"))
    due_on = models.DateField(_("hạn khắc phục"))
    evidence = models.CharField(_("sản phẩm, minh chứng phải nộp"), max_length=300, blank=True)
    promise = models.OneToOneField(
        "promises.Promise", models.PROTECT, null=True, blank=True, related_name="+"
    )
    recheck_result = models.CharField(
        _("kết quả phúc tra"), max_length=10, choices=Recheck.choices, blank=True
    )
    recheck_note = models.CharField(_("ghi chú phúc tra"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("biện pháp khắc phục sau kiểm tra")
        ordering = ["inspection", "due_on", "id"]

    def __str__(self) -> str:
        return f"Khắc phục: {self.measure[:80]}"

    def get_absolute_url(self) -> str:
        return f"{self.inspection.get_absolute_url()}#khac-phuc-{self.pk}"


class Measure(CommuneRecord):
    """A commendation or a sanction decided after (or apart from) an inspection. Internal: never
    shown on the portal, read by the commune's managers, its office and province viewers."""

    inspection = models.ForeignKey(
        Inspection,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("cuộc kiểm tra"),
    )
    kind = models.ForeignKey(
        MeasureKind, models.PROTECT, related_name="+", verbose_name=_("hình thức")
    )
    subject = models.CharField(_("cá nhân, tập thể"), max_length=200)
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị")
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_on = models.DateField(_("ngày quyết định"))
    reason = models.TextField(_("lý do"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("khen thưởng, kỷ luật")
        ordering = ["-decision_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}"


def remedy_status(remedy: Remedy, today: date) -> tuple[str, str, str]:
    """(code, label, css class) of a remedy: its promise's status (promises.models), or "none"
    for a remedy without one."""
    if remedy.promise is None:
        return "none", "Chưa theo dõi", "not_started"
    code = remedy.promise.status(today)
    return code, STATUS_LABELS[code], STATUS_CSS[code]
