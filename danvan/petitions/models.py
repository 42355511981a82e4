"""Citizen reception, petitions and the legal time limits that govern them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Unit, by_whom


class ReceptionSession(models.Model):
    """A day of citizen reception: regular, the chairman's own day (Luật TCD 2013 Art. 15), ad hoc."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Tiếp thường xuyên")
        CHAIRMAN = "chairman", _("Chủ tịch UBND tiếp định kỳ")
        AD_HOC = "ad_hoc", _("Tiếp đột xuất")

    commune = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    kind = models.CharField(_("hình thức"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("ngày tiếp"))
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("người chủ trì tiếp"),
    )
    place = models.CharField(_("địa điểm"), max_length=200, default="Trụ sở tiếp công dân xã")
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("buổi tiếp công dân")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"


class PetitionKind(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    REFLECTION = "reflection", _("Phản ánh")
    MIXED = "mixed", _("Nhiều nội dung")


# What a protected line of the register shows instead of the denouncer's name.
PROTECTED_MARK = "Danh tính được bảo vệ"


class Visit(models.Model):
    """One line of the reception register, with the columns of form 03/TCD (TT 04/2021/TT-TTCP).

    A denouncer who comes in person is protected like one who writes (Luật Tố cáo 2018, Điều 8
    khoản 3, Điều 47): a `protected` line keeps the mark `PROTECTED` instead of a name, no
    address nor ID number (two check constraints say so), its identity is sealed in
    `VisitIdentity`, and its free text is redacted (petitions.reception). Every denunciation is
    protected, and so is a visit whose petition turned out to be one.
    """

    PROTECTED = PROTECTED_MARK

    session = models.ForeignKey(ReceptionSession, models.CASCADE, related_name="visits")
    commune = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    visited_on = models.DateField(_("ngày tiếp"))
    name = models.CharField(_("họ tên"), max_length=120)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    id_number = models.CharField(_("số CCCD"), max_length=20, blank=True)
    content = models.TextField(_("nội dung vụ việc"))
    kind = models.CharField(_("phân loại"), max_length=16, choices=PetitionKind.choices)
    people = models.PositiveSmallIntegerField(_("số người"), default=1)
    representatives = models.TextField(_("người đại diện (đoàn đông người)"), blank=True)
    handled_before = models.CharField(_("cơ quan đã giải quyết"), max_length=300, blank=True)
    competent = models.BooleanField(_("thuộc thẩm quyền"), default=True)
    guidance = models.TextField(_("hướng dẫn, trả lời"), blank=True)
    forwarded_to = models.CharField(_("chuyển đơn đến"), max_length=300, blank=True)
    accepted_by = models.CharField(_("nhận đơn, thụ lý"), max_length=300, blank=True)
    follow_up = models.TextField(_("theo dõi kết quả"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    protected = models.BooleanField(_("danh tính được bảo vệ"), default=False, editable=False)

    class Meta:
        verbose_name = _("lượt tiếp công dân")
        verbose_name_plural = _("sổ tiếp công dân")
        ordering = ["-visited_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(protected=True) | ~models.Q(kind=PetitionKind.DENUNCIATION),
                name="visit_denunciation_protected",
            ),
            models.CheckConstraint(
                condition=models.Q(protected=False)
                | models.Q(name=PROTECTED_MARK, address="", id_number=""),
                name="visit_protected_holds_no_identity",
            ),
        ]

    def __str__(self) -> str:
        # No name: this is what the audit log keeps of the line (object_repr), for good, and a
        # visit may turn out later to be a denunciation (petitions.reception.visit_open_petition).
        return f"Lượt tiếp ngày {self.visited_on:%d/%m/%Y} ({self.get_kind_display().lower()})"

    @property
    def is_group(self) -> bool:
        """Đoàn đông người: so many people on one matter that they speak through
        representatives (Luật TCD 2013 Art. 29: five; a LawRule row)."""
        from danvan.core.errors import DomainError
        from danvan.petitions.rules import group_size

        try:
            return self.people >= group_size(self.visited_on)
        except DomainError:  # no row for that day: the page still shows, without the badge
            return False


class PetitionQuerySet(models.QuerySet["Petition"]):
    """Filters of the book; who may see which petition is petitions.access.petitions_for."""

    def open(self) -> PetitionQuerySet:
        return self.exclude(status__in=Petition.CLOSED_STATUSES)


class Petition(models.Model):
    """A complaint, denunciation, recommendation or reflection, from intake to decision.

    A denouncer's identity never lives here: it is in `IdentityVault`, encrypted (Luật Tố cáo
    2018 Art. 8(3), 47). `petitioner_name` etc. stay empty for denunciations.
    """

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("Trực tiếp")
        POST = "post", _("Bưu chính")
        EMAIL = "email", _("Thư điện tử")
        PORTAL = "portal", _("Cổng thông tin")
        HOTLINE = "hotline", _("Đường dây nóng")
        FORWARDED = "forwarded", _("Cơ quan khác chuyển đến")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Mới tiếp nhận")
        ACCEPTED = "accepted", _("Đã thụ lý, đang giải quyết")
        # The handler's conclusion or decision waits for a leader's signature (sign-off).
        PROPOSED = "proposed", _("Chờ lãnh đạo ký duyệt")
        PAUSED = "paused", _("Tạm đình chỉ")
        GUIDED = "guided", _("Đã hướng dẫn")
        FORWARDED = "forwarded", _("Đã chuyển đơn")
        RETURNED = "returned", _("Đã trả lại đơn")
        FILED = "filed", _("Lưu đơn")
        INFORMATION = "information", _("Xử lý như thông tin")
        RESOLVED = "resolved", _("Đã giải quyết")

    CLOSED_STATUSES = ("guided", "forwarded", "returned", "filed", "information", "resolved")

    class LinkKind(models.TextChoices):
        REPEAT = "repeat", _("Đơn gửi lại (trùng)")
        SAME_MATTER = "same_matter", _("Cùng một vụ việc")

    class Topic(models.TextChoices):
        LAND = "land", _("Đất đai")
        ENVIRONMENT = "environment", _("Môi trường")
        CONSTRUCTION = "construction", _("Xây dựng, hạ tầng")
        SOCIAL = "social", _("Chính sách xã hội")
        ADMIN = "admin", _("Thủ tục hành chính")
        OFFICIALS = "officials", _("Cán bộ, công chức")
        SECURITY = "security", _("An ninh, trật tự")
        OTHER = "other", _("Khác")

    commune = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("xã"))
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số thứ tự"))
    tracking_code = models.CharField(_("mã tra cứu"), max_length=12, unique=True)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=12, choices=Channel.choices)
    kind = models.CharField(_("loại đơn"), max_length=16, choices=PetitionKind.choices)
    second_complaint = models.BooleanField(_("khiếu nại lần hai"), default=False)
    topic = models.CharField(
        _("lĩnh vực"), max_length=16, choices=Topic.choices, default=Topic.OTHER
    )
    subject = models.CharField(_("tóm tắt nội dung"), max_length=300)
    content = models.TextField(_("nội dung đơn"))
    village = models.ForeignKey(
        Unit, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("thôn")
    )
    received_on = models.DateField(_("ngày nhận"))
    # Not for denunciations: see IdentityVault.
    petitioner_name = models.CharField(_("người gửi"), max_length=120, blank=True)
    petitioner_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    petitioner_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    petitioner_email = models.EmailField(_("thư điện tử"), blank=True)
    signatories = models.PositiveSmallIntegerField(_("số người ký đơn"), default=1)
    anonymous = models.BooleanField(_("đơn nặc danh"), default=False)
    sensitive = models.BooleanField(_("nhạy cảm (dân tộc, tôn giáo)"), default=False)
    competent = models.BooleanField(_("thuộc thẩm quyền"), null=True, blank=True)
    conditions_met = models.BooleanField(_("đủ điều kiện thụ lý"), null=True, blank=True)
    complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    very_complex = models.BooleanField(_("đặc biệt phức tạp"), default=False)
    remote = models.BooleanField(_("vùng sâu, vùng xa"), default=False)
    several_places = models.BooleanField(_("xác minh ở nhiều địa điểm"), default=False)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    handling_unit = models.ForeignKey(
        Unit,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị xử lý"),
    )
    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True)
    # The deadline now running: its rule, due date and how it was computed.
    procedure = models.SlugField(max_length=40, blank=True)
    step = models.SlugField(max_length=40, blank=True)
    step_started_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(_("hạn xử lý"), null=True, blank=True)
    due_explained = models.JSONField(default=list, blank=True)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    paused_on = models.DateField(_("tạm đình chỉ từ"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(default=0)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    closed_on_time = models.BooleanField(null=True, blank=True)
    outcome = models.TextField(_("kết quả"), blank=True)
    public_answer = models.TextField(_("trả lời công khai"), blank=True)
    # The conclusion or decision of an accepted case: drafted by its handler, signed off by a
    # leader of the commune (services.petition_resolve, petition_sign_off); the answer letter
    # (petitions.letters) carries it with its legal basis and the signer's name.
    legal_basis = models.TextField(_("căn cứ pháp lý của kết quả"), blank=True)
    proposed_on = models.DateField(_("ngày trình ký"), null=True, blank=True)
    proposed_by = by_whom(_("người trình ký"))
    signed_off_by = by_whom(_("lãnh đạo ký duyệt"))
    linked_to = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="linked",
        verbose_name=_("liên quan đến"),
    )
    link_kind = models.CharField(max_length=12, blank=True, choices=LinkKind.choices)
    source_visit = models.ForeignKey(
        Visit, models.SET_NULL, null=True, blank=True, related_name="petitions"
    )
    search_text = models.TextField(editable=False, blank=True)  # folded subject + content
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("đơn thư")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year", "number"], name="petition_number"),
        ]
        indexes = [
            models.Index(fields=["commune", "-received_on", "-id"]),
            models.Index(fields=["commune", "status", "-received_on"]),
            models.Index(fields=["commune", "due_on"]),
            # The province's book (petitions.province): its newest rows, its running cases by
            # due date.
            models.Index(fields=["-received_on", "-id"], name="petition_newest"),
            models.Index(fields=["status", "due_on"], name="petition_status_due"),
            models.Index(fields=["commune", "village", "topic", "received_on"]),
            # The cases assigned to an officer or his unit, newest first, with their commune
            # (search.few_matches reads their ids and communes from these alone: SQLite read
            # each row of the table, 5.5 -> 1.1 ms for 1,976 cases). The foreign keys' own
            # indexes stay: dropping them remakes the table on SQLite, its search triggers too.
            models.Index(
                fields=["handler", "-received_on", "-id", "commune"],
                name="petition_handler_newest",
            ),
            models.Index(
                fields=["handling_unit", "-received_on", "-id", "commune"],
                name="petition_unit_newest",
            ),
            # The leaders' overview (petitions.overview) counts a commune's cases of a period
            # from this index alone, never reading the rows (their long content).
            models.Index(
                fields=[
                    "commune",
                    "received_on",
                    "closed_on",
                    "due_on",
                    "status",
                    "closed_on_time",
                    "kind",
                    "signatories",
                    "handling_unit",
                    "village",
                    "handler",
                    "id",  # PostgreSQL's indexes hold no row id: counting reads it here too
                ],
                name="petition_overview",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", args=[self.pk])

    @property
    def code(self) -> str:
        """The case number of the commune's register: "15/2026"."""
        return f"{self.number}/{self.year}"

    @property
    def multi_person(self) -> bool:
        """Đơn có từ 5 người ký trở lên (đơn đông người)."""
        return self.signatories >= 5

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED_STATUSES

    @property
    def seals_attachments(self) -> bool:
        """A denunciation's files are stored encrypted with the vault's keys (core.uploads):
        like the denouncer's identity, they can name the denouncer (Luật Tố cáo 2018, Điều 8
        khoản 3)."""
        return self.kind == PetitionKind.DENUNCIATION

    def visible_to(self, user: Any) -> bool:
        """Whether the user may open the case's page (petitions.access.petitions_for): the page
        never shows a denouncer, so no identity grant is asked (that is `readable_by`'s, for
        the files). The leaders' directives ask it of their recipients."""
        from danvan.petitions.access import petitions_for

        return petitions_for(user).filter(pk=self.pk).exists()

    def readable_by(self, user: Any) -> bool:
        """For attachment downloads: a denunciation's files (signed scans, photos) can reveal
        the denouncer, so only those granted the identity get them (Luật Tố cáo 2018, Art. 8(3))."""
        from danvan.petitions.access import can_read_identity, petitions_for

        return petitions_for(user).filter(pk=self.pk).exists() and can_read_identity(user, self)

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(
            self.is_open
            and self.status != self.Status.PAUSED
            and self.due_on
            and self.due_on < today
        )


class PetitionEvent(models.Model):
    """A step of the case with its legal date: intake, acceptance, extension, pause, decision…

    `Kind`'s labels are the officers' words (the case page, the verifier's file);
    `CITIZEN_LABELS` says the same steps to the citizen (the portal's tracking page).
    """

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Tiếp nhận đơn")
        ACCEPTED = "accepted", _("Thụ lý")
        EXTENDED = "extended", _("Gia hạn giải quyết")
        PAUSED = "paused", _("Tạm đình chỉ")
        RESUMED = "resumed", _("Tiếp tục giải quyết")
        RESOLVED = "resolved", _("Quyết định, kết luận")
        # Closed without a resolution here: the event is named after the case's new status.
        GUIDED = "guided", _("Hướng dẫn")
        FORWARDED = "forwarded", _("Chuyển đơn")
        RETURNED = "returned", _("Trả lại đơn")
        FILED = "filed", _("Lưu đơn")
        INFORMATION = "information", _("Xử lý như thông tin")
        # Steps between acceptance and decision (Luật Khiếu nại 2011 Art. 29-31; Luật Tố cáo
        # 2018 Art. 31-35), recorded with their date so the file shows the whole path.
        VERIFIED = "verified", _("Xác minh nội dung")
        DIALOGUE = "dialogue", _("Tổ chức đối thoại")
        CONCLUDED = "concluded", _("Kết luận nội dung")  # recorded before sign-off existed
        # The conclusion or decision that closes an accepted case is the handler's draft until a
        # leader of the commune signs it (RESOLVED, by the leader) or sends it back.
        PROPOSED = "proposed", _("Trình lãnh đạo ký duyệt kết quả")
        SENT_BACK = "sent_back", _("Lãnh đạo trả lại dự thảo kết quả")

    CITIZEN_LABELS: dict[str, str] = {
        Kind.RECEIVED: "Tiếp nhận đơn",
        Kind.ACCEPTED: "Thụ lý đơn",
        Kind.EXTENDED: "Gia hạn thời hạn giải quyết",
        Kind.PAUSED: "Tạm đình chỉ việc giải quyết",
        Kind.RESUMED: "Tiếp tục giải quyết",
        Kind.RESOLVED: "Có kết quả giải quyết",
        Kind.GUIDED: "Hướng dẫn đến cơ quan có thẩm quyền",
        Kind.FORWARDED: "Chuyển đơn",
        Kind.RETURNED: "Trả lại đơn",
        Kind.FILED: "Lưu đơn",
        Kind.INFORMATION: "Xử lý như thông tin",
        Kind.VERIFIED: "Xác minh nội dung",
        Kind.DIALOGUE: "Tổ chức đối thoại",
        Kind.CONCLUDED: "Kết luận nội dung",
        Kind.PROPOSED: "Trình lãnh đạo UBND xã xem xét, ký kết quả giải quyết",
        Kind.SENT_BACK: "Tiếp tục hoàn thiện kết quả giải quyết",
    }
    # Steps a handler records between acceptance and the conclusion; the conclusion itself is
    # proposed and signed off (Kind.PROPOSED, Kind.RESOLVED).
    RESOLUTION_STEPS = (Kind.VERIFIED, Kind.DIALOGUE)
    # Their notes may name people, and a draft is not the answer: the public sees the step only.
    PRIVATE_NOTES = (Kind.VERIFIED, Kind.DIALOGUE, Kind.CONCLUDED, Kind.PROPOSED, Kind.SENT_BACK)

    petition = models.ForeignKey(Petition, models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    on = models.DateField(_("ngày"))
    note = models.TextField(_("nội dung"), blank=True)
    by = by_whom()
    public = models.BooleanField(default=False)  # shown to the citizen on the tracking page
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("bước xử lý")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.get_kind_display()}"


class IdentityVault(models.Model):
    """The denouncer's identity, encrypted at rest with DANVAN_IDENTITY_KEY (Luật Tố cáo Art. 47)."""

    petition = models.OneToOneField(Petition, models.CASCADE, related_name="identity")
    ciphertext = models.BinaryField()

    class Meta:
        verbose_name = verbose_name_plural = _("danh tính người tố cáo")

    def __str__(self) -> str:
        return f"Danh tính được bảo vệ – đơn {self.petition_id}"


class VisitIdentity(models.Model):
    """The identity a denouncer gave at the reception desk, encrypted like a petition's
    (`IdentityVault`, petitions.vault) and kept with the register line it was taken on.

    Revealed with a reason, logged (petitions.reception.visit_identity_reveal): through the
    grants of the petition the visit opened, or by a leader of the commune when it opened none.
    """

    visit = models.OneToOneField(Visit, models.CASCADE, related_name="identity")
    ciphertext = models.BinaryField()

    class Meta:
        verbose_name = verbose_name_plural = _("danh tính người tố cáo tại buổi tiếp")

    def __str__(self) -> str:
        return f"Danh tính được bảo vệ – lượt tiếp {self.visit_id}"


class IdentityGrant(models.Model):
    """Who may reveal a denouncer's identity on one case: its handler and the head (Art. 8(3))."""

    petition = models.ForeignKey(Petition, models.CASCADE, related_name="identity_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "user"], name="identity_grant_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} – đơn {self.petition_id}"


class IdentityReveal(models.Model):
    """Every time an identity was shown: who, when, why. Never deleted."""

    petition = models.ForeignKey(Petition, models.PROTECT, related_name="identity_reveals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    reason = models.CharField(_("lý do"), max_length=300)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.user}"


class HotspotRule(models.Model):
    """When related petitions become a hotspot: so many in one village and topic within so many days."""

    commune = models.OneToOneField(Unit, models.CASCADE, related_name="+")
    window_days = models.PositiveSmallIntegerField(_("trong số ngày"), default=30)
    threshold = models.PositiveSmallIntegerField(_("số đơn trở lên"), default=5)

    class Meta:
        verbose_name = verbose_name_plural = _("ngưỡng điểm nóng")

    def __str__(self) -> str:
        return f"{self.threshold} đơn / {self.window_days} ngày"


class LawRule(models.Model):
    """A rule of the reception and complaint laws that is not a time limit (those are
    core.DeadlineRule rows): a number the law sets, or the body competent for a case the commune
    does not resolve. An administrator edits them in the admin; the code reads them through
    `petitions.rules`, never as constants. Each carries the article it was read from, the dates
    it is in force, and whether its text was actually read (`verified`)."""

    class Code(models.TextChoices):
        GROUP_SIZE = "doan-dong-nguoi", _("Số người cùng một nội dung phải cử người đại diện")
        SMALL_GROUP_UP_TO = "doan-nho-den", _("Đoàn nhỏ: đến số người")
        SMALL_GROUP_REPRESENTATIVES = "dai-dien-doan-nho", _("Đoàn nhỏ: số người đại diện tối đa")
        LARGE_GROUP_REPRESENTATIVES = "dai-dien-doan-lon", _("Đoàn lớn: số người đại diện tối đa")
        CHAIRMAN_DAYS = (
            "chu-tich-tiep-moi-tuan",
            _("Chủ tịch UBND xã trực tiếp tiếp công dân: số ngày tối thiểu mỗi tuần"),
        )
        SECOND_COMPLAINT_BODY = (
            "khieu-nai-lan-2",
            _(
                "Cơ quan có thẩm quyền giải quyết khiếu nại lần hai đối với quyết định giải quyết "
                "lần đầu của Chủ tịch UBND xã"
            ),
        )

    code = models.CharField(_("quy tắc"), max_length=30, choices=Code.choices)
    number = models.PositiveSmallIntegerField(_("giá trị (số)"), null=True, blank=True)
    body = models.CharField(_("cơ quan, người có thẩm quyền"), max_length=200, blank=True)
    source = models.CharField(_("căn cứ pháp lý"), max_length=400)
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=True,
        help_text=_("Bỏ chọn khi chưa đọc được văn bản quy định (giá trị tạm, cần kiểm chứng)."),
    )
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("quy tắc tiếp công dân, khiếu nại")
        ordering = ["code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="law_rule_once")
        ]

    def __str__(self) -> str:
        value = self.body if self.code == self.Code.SECOND_COMPLAINT_BODY else self.number
        return f"{self.get_code_display()}: {value} ({self.source})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.code == self.Code.SECOND_COMPLAINT_BODY:
            if not self.body.strip():
                raise ValidationError({"body": _("Ghi tên cơ quan, người có thẩm quyền.")})
            if "huyện" in self.body.lower():
                raise ValidationError(
                    {"body": _("Từ 01/07/2025 không còn cấp huyện: ghi cơ quan cấp tỉnh.")}
                )
        elif not self.number:
            raise ValidationError({"number": _("Ghi giá trị là một số từ 1 trở lên.")})
        if self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError(
                {"effective_to": _("Ngày hết hiệu lực không được trước ngày có hiệu lực.")}
            )
