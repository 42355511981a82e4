"""Matters villagers discuss and decide (Luật Thực hiện dân chủ ở cơ sở 2022, Điều 15–22).

- `MatterItem`: the six items of Điều 15 as data, each with its approval threshold (Điều 21
  khoản 1), how a commune-wide vote is counted (Điều 21 khoản 1, đoạn 2), whether it must be
  decided at a meeting (Điều 17 khoản 2), whether it may be voted online (Điều 17 khoản 2, NĐ
  59/2023 Điều 5), and who recognises it, if anyone (Điều 21 khoản 2), every one with its source.
- `VillageHouseholds`: how many households a village has, as of a date (history kept); the
  threshold uses the count in force on the vote date.
- `CommunityDecision`: one proposal put to one village or to every village of the commune.
- `Meeting`: the village meeting (hội nghị) or the household ballot (phát phiếu) of one village.
- `Tally`: the paper tally of one meeting, entered by the village head, with the signed minutes.
Time limits (notice before a meeting, sending and recognising the record) are rows of
`core.DeadlineRule` (procedure `dan-quyet-dinh`).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Created, ReadByCommune, Unit, by_whom, legal_source

PROCEDURE = "dan-quyet-dinh"
STEP_NOTICE = "thong-bao-hop"
STEP_SEND = "gui-bien-ban"
STEP_RECOGNISE = "cong-nhan"


class Recognizer(models.TextChoices):
    # Blank: the decision takes effect on the vote, no body recognises it (Điều 21 khoản 2).
    COMMITTEE = "committee", _("Ủy ban nhân dân xã")
    FRONT = "front", _("Ủy ban Mặt trận Tổ quốc Việt Nam xã")


class CommuneWideRule(models.TextChoices):
    # Blank: the law sets no commune-wide count for the item; it is decided village by village.
    VILLAGES_TWO_THIRDS = "villages-2-3", _("Ít nhất 2/3 tổng số thôn, tổ dân phố tán thành")


class MatterItem(models.Model):
    """One item of Điều 15 with the rules that go with it (kept by an administrator)."""

    number = models.PositiveSmallIntegerField(_("khoản"), unique=True)
    name = models.CharField(_("nội dung"), max_length=500)
    short_name = models.CharField(_("tên ngắn"), max_length=80)
    item_source = legal_source(_("căn cứ nội dung"))
    # The approval threshold as a fraction of all households of the village: "at least" 2/3
    # (strict=False) or "more than" 1/2 (strict=True).
    threshold_numerator = models.PositiveSmallIntegerField(_("tử số ngưỡng"))
    threshold_denominator = models.PositiveSmallIntegerField(_("mẫu số ngưỡng"))
    threshold_strict = models.BooleanField(
        _("phải vượt quá ngưỡng"), help_text=_("Có: “trên”; không: “ít nhất”.")
    )
    threshold_source = legal_source(_("căn cứ ngưỡng thông qua"))
    commune_wide_rule = models.CharField(
        _("cách tính khi biểu quyết toàn xã"),
        max_length=16,
        choices=CommuneWideRule.choices,
        blank=True,
        help_text=_("Để trống: pháp luật không quy định, nội dung này chỉ biểu quyết trong thôn."),
    )
    commune_wide_source = legal_source(_("căn cứ cách tính toàn xã"))
    meeting_required = models.BooleanField(
        _("phải bàn, quyết định tại cuộc họp"),
        default=False,
        help_text=_(
            "Có: chỉ phát phiếu khi cuộc họp không đủ đại diện hộ gia đình tham dự để đạt ngưỡng."
        ),
    )
    meeting_source = legal_source(_("căn cứ hình thức cuộc họp"), blank=True)
    online_allowed = models.BooleanField(_("được biểu quyết trực tuyến"), default=False)
    online_source = legal_source(_("căn cứ hình thức trực tuyến"))
    recognizer = models.CharField(
        _("cơ quan công nhận"),
        max_length=10,
        choices=Recognizer.choices,
        blank=True,
        help_text=_("Để trống: quyết định có hiệu lực từ ngày biểu quyết thông qua."),
    )
    recognizer_source = legal_source(_("căn cứ công nhận, hiệu lực"))

    class Meta:
        verbose_name = _("nội dung Nhân dân bàn và quyết định")
        verbose_name_plural = _("nội dung Nhân dân bàn và quyết định (Điều 15)")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"Khoản {self.number}: {self.short_name}"

    @property
    def threshold_text(self) -> str:
        fraction = f"{self.threshold_numerator}/{self.threshold_denominator}"
        return f"trên {fraction}" if self.threshold_strict else f"ít nhất {fraction}"

    @property
    def effect_text(self) -> str:
        """Who makes a passed village decision take effect, in words (Điều 21 khoản 2)."""
        if not self.recognizer:
            return "Có hiệu lực từ ngày cộng đồng dân cư biểu quyết thông qua"
        who = Recognizer(self.recognizer).label
        return f"Có hiệu lực từ ngày {who} ban hành quyết định công nhận"


class VillageHouseholdsQuerySet(models.QuerySet["VillageHouseholds"]):
    def in_force_on(self, village_id: int, day: date) -> VillageHouseholds | None:
        return self.filter(village_id=village_id, as_of__lte=day).order_by("-as_of", "-pk").first()


class VillageHouseholds(Created, CommuneRecord):
    """The number of households of a village from a date on; earlier rows are its history."""

    village = models.ForeignKey(
        Unit, models.PROTECT, related_name="household_counts", verbose_name=_("thôn")
    )
    households = models.PositiveIntegerField(_("số hộ gia đình"))
    representatives = models.PositiveIntegerField(_("số đại diện hộ gia đình"))
    as_of = models.DateField(_("tính đến ngày"))
    source = models.CharField(_("nguồn số liệu, ghi chú"), max_length=300)

    objects = VillageHouseholdsQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("số hộ gia đình của thôn")
        ordering = ["village__name", "-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["village", "as_of"], name="households_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.village}: {self.households} hộ ({self.as_of:%d/%m/%Y})"


class DecisionQuerySet(models.QuerySet["CommunityDecision"]):
    def public(self) -> DecisionQuerySet:
        """Decisions in effect: recognised, or in effect from the vote (Điều 21 khoản 2)."""
        S = CommunityDecision.Status
        return self.filter(status__in=[S.RECOGNISED, S.IN_EFFECT])

    def awaiting(self) -> DecisionQuerySet:
        """Decisions whose record is still to be sent or recognised (their clocks run)."""
        S = CommunityDecision.Status
        return self.filter(status__in=[S.VOTING, S.SENT])


class CommunityDecision(Created, CommuneRecord):
    """A matter put to the households of one village, or of every village of the commune."""

    class Scope(models.TextChoices):
        VILLAGE = "village", _("Một thôn")
        COMMUNE = "commune", _("Toàn xã (các thôn cùng biểu quyết)")

    class Form(models.TextChoices):
        MEETING = "meeting", _("Hội nghị thôn (cuộc họp cộng đồng dân cư)")
        BALLOT = "ballot", _("Phát phiếu lấy ý kiến hộ gia đình")
        ONLINE = "online", _("Biểu quyết trực tuyến")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang chuẩn bị")
        VOTING = "voting", _("Đang biểu quyết")
        SENT = "sent", _("Đã gửi biên bản, chờ công nhận")
        RECOGNISED = "recognised", _("Đã công nhận")
        IN_EFFECT = "in-effect", _("Đã gửi biên bản, đang có hiệu lực")
        REFUSED = "refused", _("Không được công nhận")
        CLOSED = "closed", _("Không thông qua, đã gửi biên bản")

    class Outcome(models.TextChoices):
        INCOMPLETE = "incomplete", _("Chưa đủ kết quả")
        PASSED = "passed", _("Thông qua")
        REJECTED = "rejected", _("Không thông qua")

    item = models.ForeignKey(MatterItem, models.PROTECT, verbose_name=_("nội dung theo Điều 15"))
    title = models.CharField(_("tên việc"), max_length=300)
    content = models.TextField(_("nội dung đề xuất"))
    scope = models.CharField(_("phạm vi"), max_length=10, choices=Scope.choices)
    villages = models.ManyToManyField(Unit, related_name="+", verbose_name=_("thôn"))
    form = models.CharField(_("hình thức"), max_length=10, choices=Form.choices)
    follows = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sau cuộc họp không đủ đại diện hộ tham dự"),
        help_text=_("Luật THDCCS 2022, Điều 19 khoản 1 điểm b."),
    )
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    outcome = models.CharField(
        _("kết quả"), max_length=12, choices=Outcome.choices, default=Outcome.INCOMPLETE
    )
    outcome_text = models.TextField(_("giải thích kết quả"), blank=True)
    voted_until = models.DateField(_("ngày kết thúc biểu quyết"), null=True, blank=True)
    send_due = models.DateField(_("hạn gửi biên bản"), null=True, blank=True)
    send_due_explained = models.JSONField(default=list, blank=True)
    sent_on = models.DateField(_("ngày gửi biên bản"), null=True, blank=True)
    recognise_due = models.DateField(_("hạn công nhận"), null=True, blank=True)
    recognise_due_explained = models.JSONField(default=list, blank=True)
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    recognised_by = by_whom(_("người công nhận, trả lời"))
    recognition_note = models.CharField(_("số, ngày văn bản công nhận"), max_length=300, blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    refused_on = models.DateField(_("ngày trả lời không công nhận"), null=True, blank=True)
    refusal_reasons = models.TextField(_("lý do không công nhận"), blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("việc Nhân dân bàn và quyết định")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["commune", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", args=[self.pk])

    def send_overdue(self, today: date) -> bool:
        return bool(
            self.status == self.Status.VOTING
            and self.sent_on is None
            and self.send_due
            and today > self.send_due
        )

    def recognise_overdue(self, today: date) -> bool:
        return bool(
            self.status == self.Status.SENT and self.recognise_due and today > self.recognise_due
        )


class Meeting(Created):
    """The vote of one village: a meeting on one day, or a household ballot over a period."""

    decision = models.ForeignKey(
        CommunityDecision, models.CASCADE, related_name="meetings", verbose_name=_("việc")
    )
    village = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("thôn"))
    held_on = models.DateField(_("ngày họp, ngày phát phiếu"))
    ballot_until = models.DateField(_("hạn thu phiếu"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=200)
    notice_on = models.DateField(_("ngày thông báo"))
    convened_by = models.CharField(_("người triệu tập, chủ trì"), max_length=120)
    # Online voting only: how many households chose it in the poll beforehand (NĐ 59/2023/NĐ-CP,
    # Điều 5 khoản 2 điểm c: more than half of all the village's households).
    online_agreed = models.PositiveIntegerField(
        _("số hộ đồng ý biểu quyết trực tuyến"), null=True, blank=True
    )

    class Meta:
        verbose_name = verbose_name_plural = _("cuộc họp, đợt phát phiếu")
        ordering = ["held_on", "village__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "village"], name="meeting_one_per_village")
        ]

    def __str__(self) -> str:
        return f"{self.village} – {self.held_on:%d/%m/%Y}"

    @property
    def vote_day(self) -> date:
        """The day the vote closes: the meeting's day, or the last day of the ballot."""
        return self.ballot_until or self.held_on


class Tally(ReadByCommune):
    """The paper tally of one village, as its village head read it from the signed minutes."""

    meeting = models.OneToOneField(
        Meeting, models.CASCADE, related_name="tally", verbose_name=_("cuộc họp")
    )
    commune = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    households = models.PositiveIntegerField(_("tổng số hộ gia đình của thôn"))
    households_as_of = models.DateField(_("số hộ tính đến ngày"))
    present = models.PositiveIntegerField(_("số hộ có đại diện tham gia"))
    agree = models.PositiveIntegerField(_("số hộ tán thành"))
    disagree = models.PositiveIntegerField(_("số hộ không tán thành"))
    invalid = models.PositiveIntegerField(_("phiếu không hợp lệ, để trống"))
    passed = models.BooleanField(_("thông qua"))
    explanation = models.CharField(_("giải thích"), max_length=300)
    entered_by = by_whom()
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("kết quả biểu quyết của thôn")

    def __str__(self) -> str:
        return f"{self.meeting.village}: {self.agree}/{self.households} hộ tán thành"
