"""Commendations (khen thưởng) across the product: proposals, decisions and the register of who
was commended for what (the movement, inspections, mediation, models).

The forms of commendation are data (`AwardForm`, seeded by migration 0002 with their source in
Luật Thi đua, khen thưởng 2022): the chairman of a commune decides the "Giấy khen", the titles
"Lao động tiên tiến" and "Gia đình văn hóa" (Điều 80 khoản 3); what the province or the centre
decides is recorded when the commune receives it. There is no district level (since 01/07/2025).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Created, Unit, legal_source


class Source(models.TextChoices):
    """What the commendation is for."""

    MOVEMENT = "movement", "Phong trào “Dân vận khéo”"
    INSPECTION = "inspection", "Kiểm tra công vụ"
    MEDIATION = "mediation", "Hòa giải ở cơ sở"
    OTHER = "other", "Khác"


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"


class AwardForm(models.Model):
    """A form of commendation or an emulation title (hình thức khen thưởng), with who issues it."""

    class Level(models.TextChoices):
        # No district level: it was abolished on 01/07/2025.
        COMMUNE = "commune", _("Cấp xã")
        PROVINCE = "province", _("Cấp tỉnh")
        CENTRAL = "central", _("Trung ương")

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("hình thức khen thưởng"), max_length=200)
    issuer = models.CharField(_("người, cơ quan quyết định"), max_length=200)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    source = legal_source()
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Decision(CommuneRecord, Created):
    """A decision of commendation (quyết định khen thưởng): one number in the commune, one form."""

    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    form = models.ForeignKey(
        AwardForm, models.PROTECT, related_name="+", verbose_name=_("hình thức khen thưởng")
    )
    summary = models.CharField(_("trích yếu"), max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "number"], name="commendation_decision_no")
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.number} ngày {self.signed_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("commendations:decision", args=[self.pk])

    @property
    def title(self) -> str:
        return self.summary or f"Về việc tặng {self.form.name}"


class Proposal(CommuneRecord, Created):
    """A proposal to commend (đề nghị khen thưởng), granted into a decision or refused."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xét")
        GRANTED = "granted", _("Đã khen thưởng")
        REFUSED = "refused", _("Không khen thưởng")

    source = models.CharField(_("khen thưởng về"), max_length=12, choices=Source.choices)
    source_label = models.CharField(_("thành tích thuộc"), max_length=300, blank=True)
    source_url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    recipient = models.CharField(_("tập thể, cá nhân được đề nghị"), max_length=200)
    recipient_kind = models.CharField(_("loại"), max_length=10, choices=RecipientKind.choices)
    recipient_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị")
    )
    achievement = models.TextField(_("thành tích"))
    form = models.ForeignKey(
        AwardForm, models.PROTECT, related_name="+", verbose_name=_("hình thức đề nghị")
    )
    reason = models.TextField(_("lý do đề nghị"), blank=True)
    proposing_unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị đề nghị"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    proposed_on = models.DateField(_("ngày đề nghị"))
    decided_on = models.DateField(_("ngày xét"), null=True, blank=True)
    refusal_reason = models.TextField(_("lý do không khen thưởng"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["commune", "status"], name="commendation_prop_status")]

    def __str__(self) -> str:
        return f"Đề nghị khen thưởng {self.recipient}"

    def get_absolute_url(self) -> str:
        return reverse("commendations:proposal", args=[self.pk])


class Award(CommuneRecord, Created):
    """One line of the register: who was commended, for what, by which decision."""

    decision = models.ForeignKey(
        Decision, models.PROTECT, related_name="awards", verbose_name=_("quyết định")
    )
    source = models.CharField(_("khen thưởng về"), max_length=12, choices=Source.choices)
    source_label = models.CharField(_("thành tích thuộc"), max_length=300, blank=True)
    source_url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    recipient = models.CharField(_("tập thể, cá nhân được khen thưởng"), max_length=200)
    recipient_kind = models.CharField(_("loại"), max_length=10, choices=RecipientKind.choices)
    recipient_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị")
    )
    achievement = models.TextField(_("thành tích"))
    proposal = models.OneToOneField(
        Proposal,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="award",
        verbose_name=_("đề nghị"),
    )
    # Folded recipient, achievement and source label (lib.text.fold), for the register's search.
    search = models.TextField(editable=False, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)

    class Meta:
        verbose_name = verbose_name_plural = _("khen thưởng")
        ordering = ["-decision__signed_on", "decision_id", "pk"]
        indexes = [
            models.Index(fields=["commune", "year"], name="commendation_award_year"),
            models.Index(fields=["commune", "source"], name="commendation_award_source"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.decision}"

    def get_absolute_url(self) -> str:
        return self.decision.get_absolute_url()
