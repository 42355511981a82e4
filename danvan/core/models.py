"""Units, people, their roles, the audit log, attachments, the calendar and notifications."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev dependency, for the type checker only

    from danvan.core.access import Access

_M = TypeVar("_M", bound=models.Model)


class Unit(models.Model):
    """An administrative unit, office, organisation or village, in one tree.

    Province → commune → the commune's offices, the Fatherland Front and its member organisations,
    and villages. `commune` is the commune a unit belongs to (itself for a commune, empty for a
    province): every record of the product carries a commune, and access is decided by it.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh")
        COMMUNE = "commune", _("Xã, phường")
        OFFICE = "office", _("Phòng, văn phòng, trung tâm")
        FRONT = "front", _("Mặt trận Tổ quốc")
        ORGANISATION = "organisation", _("Tổ chức chính trị - xã hội")
        VILLAGE = "village", _("Thôn, tổ dân phố")

    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    # Official code from vietnam-provinces for provinces and communes (06079 = Hồng Phong, Lạng Sơn).
    code = models.CharField(_("mã hành chính"), max_length=10, blank=True, db_index=True)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    commune = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("xã")
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    # The office that keeps the reception register and the petition book (usually Văn phòng
    # HĐND và UBND): its officers see every petition of the commune.
    receives_petitions = models.BooleanField(_("tiếp nhận đơn thư"), default=False)
    # The commune's one-stop centre (Trung tâm Phục vụ hành chính công, Nghị định 118/2025): its
    # officers keep the register of administrative dossiers (danvan.onestop).
    one_stop = models.BooleanField(_("trung tâm phục vụ hành chính công"), default=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("đơn vị")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="unit_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.kind == self.Kind.PROVINCE:
            self.commune = None
        elif self.kind != self.Kind.COMMUNE and self.parent and not self.commune_id:
            self.commune_id = self.parent.commune_id
        super().save(*args, **kwargs)
        if self.kind == self.Kind.COMMUNE and self.commune_id != self.pk:
            self.commune = self
            super().save(update_fields=["commune"])

    @property
    def label(self) -> str:
        return self.short_name or self.name


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    LEADER = "leader", _("Lãnh đạo UBND")
    OFFICER = "officer", _("Cán bộ, công chức")
    READONLY = "readonly", _("Chỉ xem")
    FRONT = "front", _("Mặt trận, đoàn thể")
    VILLAGE_HEAD = "village_head", _("Trưởng thôn")
    PROVINCE_VIEWER = "province_viewer", _("Theo dõi cấp tỉnh")
    ADMIN = "admin", _("Quản trị")


class Membership(models.Model):
    """A user's role in one unit. Rights follow from it; see `danvan.core.access`."""

    user = models.ForeignKey(
        User, models.CASCADE, related_name="memberships", verbose_name=_("người dùng")
    )
    unit = models.ForeignKey(
        Unit, models.CASCADE, related_name="memberships", verbose_name=_("đơn vị")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = verbose_name_plural = _("vai trò trong đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


def legal_source(
    verbose_name: StrOrPromise | None = None, *, blank: bool = False
) -> models.CharField:
    """Where a rule of law comes from ("Luật …, Điều … khoản …"), on every row that holds one."""
    return models.CharField(verbose_name or _("căn cứ pháp lý"), max_length=300, blank=blank)


def by_whom(verbose_name: StrOrPromise | None = None) -> models.ForeignKey:
    """The person who did something to a record (entered it, recognised it): kept when the
    account is gone from use (PROTECT), empty for what the system or a citizen did."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class Created(models.Model):
    """Who wrote a record (empty for a citizen or a migration), and when."""

    created_by = by_whom()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class ReadByCommune(models.Model):
    """A record read by whoever reads its commune: the rule core's download view asks of an
    attachment's owner through `readable_by` (an owner with a stricter rule declares its own)."""

    commune_id: int

    class Meta:
        abstract = True

    def readable_by(self, user: Any) -> bool:
        from danvan.core.access import get_access

        return get_access(user).can_read(self.commune_id)


class CommuneRecord(ReadByCommune):
    """A record of one commune, readable by whoever reads the commune."""

    commune = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("xã"))

    class Meta:
        abstract = True


class CommuneQuerySet(models.QuerySet[_M]):
    """Records of communes (a `commune` field): `readable` keeps those of the communes the user
    reads, the same rule as `Access.can_read`."""

    def readable(self, access: Access) -> Self:
        return self.filter(commune_id__in=access.readable_communes)


class AuditEntry(models.Model):
    """One state change: who, when, what, before → after. Append-only (see `save`/`delete`).

    The entries form a chain: `hash` is the sha256 of the entry's fields and of `prev_hash`, the
    hash of the entry before it (core.audit.entry_hash), so a row changed or deleted behind the
    application's back shows at that row (`danvan audit-verify`). `created_at` is set by
    `log_action` inside the chain's lock, before the hash is computed, hence no auto_now_add.
    """

    created_at = models.DateTimeField(
        _("thời điểm"), default=timezone.now, editable=False, db_index=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("người thực hiện"),
    )
    commune = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField(_("hành động"), max_length=60)
    content_type = models.ForeignKey(ContentType, models.PROTECT)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(_("đối tượng"), max_length=300)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    prev_hash = models.CharField(_("mã băm mục trước"), max_length=64, blank=True, editable=False)
    hash = models.CharField(_("mã băm"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("Audit entries are append-only")

    def described(self) -> tuple[str, list[tuple[str, str]]]:
        from danvan.core.audit import describe

        return describe(self)


class ChangeMark(models.Model):
    """The newest audit entry of one app's records in one commune (`commune_id` 0: entries
    without a commune), written by core.audit.log_action with the entry: a part of a page that
    reads one app's records is kept until this mark moves (core.cache.kept's `apps`), not until
    anything of the commune changes. A few rows per commune; not shown anywhere."""

    commune_id = models.PositiveIntegerField()
    app = models.CharField(max_length=100)
    entry_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune_id", "app"], name="change_mark_commune_app")
        ]

    def __str__(self) -> str:
        return f"{self.commune_id}/{self.app}: {self.entry_id}"


EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}


def attachment_path(instance: Attachment, filename: str) -> str:
    """A name of our own on disk: the citizen's file name may be anything (emoji, 300 bytes of
    CJK, a name that identifies a denouncer); it is kept only as `original_name`, for display."""
    return f"attachments/{uuid.uuid4().hex}{EXTENSIONS.get(instance.mime_type, '')}"


class Attachment(models.Model):
    """An uploaded file (evidence, scan, photo), downloaded only through a permission check."""

    file = models.FileField(_("tệp"), upload_to=attachment_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    commune = models.ForeignKey(Unit, models.PROTECT, related_name="+")
    # Empty for files a citizen sent from the public portal.
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    owner_type = models.ForeignKey(ContentType, models.PROTECT)
    owner_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    # Stored encrypted with the vault's keys (core.crypto): a denunciation's files can name the
    # denouncer (Luật Tố cáo 2018, Điều 8 khoản 3). `size` and `sha256` are the plain file's.
    encrypted = models.BooleanField(_("mã hóa"), default=False, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = _("tệp đính kèm")
        indexes = [models.Index(fields=["owner_type", "owner_id"])]

    def __str__(self) -> str:
        return self.original_name


class CalendarDay(models.Model):
    """A day that the `holidays` package does not know: an extra day off or a make-up working day.

    Kept per year by an administrator from the Prime Minister's or the province's decisions.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "off", _("Ngày nghỉ thêm")
        WORKING_DAY = "work", _("Ngày làm bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=4, choices=Kind.choices)
    note = models.CharField(_("căn cứ, ghi chú"), max_length=300)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"


class DeadlineRuleQuerySet(models.QuerySet["DeadlineRule"]):
    def effective_on(self, day: date) -> DeadlineRuleQuerySet:
        return self.filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day), effective_from__lte=day
        )


class DeadlineRule(models.Model):
    """A legal time limit as data, with its source article and the dates it is in force.

    One table for every time limit of the product: petitions (handling deadlines), disclosure
    (when posting starts, how long it lasts), village decisions (notice before a meeting, when
    the record is sent and recognised). `procedure` and `step` name the rule; each app reads
    the rules of its own procedures and says in its docs how it counts them. A legal officer
    changes a limit, its unit or its validity in the admin without code; apps recompute their
    open cases (the `on_rules_changed` hook of their AppConfig).
    """

    class Unit(models.TextChoices):
        WORKING = "working", _("ngày làm việc")
        CALENDAR = "calendar", _("ngày (theo lịch)")

    class Kind(models.TextChoices):
        # A deadline must be met by its last day, moved to the next working day when that is a
        # day off (BLDS 2015 Art. 148(5)). A minimum is a period that must run in full (a
        # posting, a consultation, a meeting notice): never moved.
        DEADLINE = "deadline", _("thời hạn phải hoàn thành")
        MINIMUM = "minimum", _("thời gian tối thiểu")

    procedure = models.SlugField(_("thủ tục"), max_length=40)
    step = models.SlugField(_("bước"), max_length=40)
    name = models.CharField(_("tên"), max_length=200)
    days = models.PositiveSmallIntegerField(_("thời hạn"))
    unit = models.CharField(_("đơn vị tính"), max_length=10, choices=Unit.choices)
    kind = models.CharField(
        _("loại thời hạn"), max_length=10, choices=Kind.choices, default=Kind.DEADLINE
    )
    complex_days = models.PositiveSmallIntegerField(
        _("thời hạn vụ việc phức tạp"), null=True, blank=True
    )
    remote_days = models.PositiveSmallIntegerField(
        _("thời hạn ở vùng sâu, vùng xa"), null=True, blank=True
    )
    remote_complex_days = models.PositiveSmallIntegerField(
        _("thời hạn ở vùng sâu, vùng xa, phức tạp"), null=True, blank=True
    )
    several_places_days = models.PositiveSmallIntegerField(
        _("thời hạn khi xác minh ở nhiều địa điểm"), null=True, blank=True
    )
    extension_days = models.PositiveSmallIntegerField(_("mỗi lần gia hạn"), null=True, blank=True)
    max_extensions_complex = models.PositiveSmallIntegerField(
        _("số lần gia hạn: phức tạp"), default=0
    )
    max_extensions_very_complex = models.PositiveSmallIntegerField(
        _("số lần gia hạn: đặc biệt phức tạp"), default=0
    )
    start_event = models.CharField(_("tính từ"), max_length=100)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    source = legal_source()

    objects = DeadlineRuleQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("quy tắc thời hạn")
        ordering = ["procedure", "step", "-effective_from"]

    def __str__(self) -> str:
        return (
            f"{self.procedure}/{self.step}: {self.days} {self.get_unit_display()} ({self.source})"
        )

    def days_for(
        self, *, complex: bool = False, remote: bool = False, several_places: bool = False
    ) -> int:
        """The limit for a case's circumstances; a variant the law does not name falls back."""
        if remote and complex and self.remote_complex_days:
            return self.remote_complex_days
        if remote and self.remote_days:
            return self.remote_days
        if complex and self.complex_days:
            return self.complex_days
        if several_places and self.several_places_days:
            return self.several_places_days
        return self.days


class Notification(models.Model):
    """A message to one person in the app; `danvan.core.notify` also sends it by e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(auto_now_add=True)
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # When it left by e-mail (at once, or in the daily digest); empty: not mailed (yet).
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("thông báo")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How one person wants notifications by e-mail; in the app they are always listed.

    Without a row: at once, as before preferences existed. A notice about a legal deadline (a
    petition arrived, due in a few days) is worth little the next morning, so the person who
    wants fewer mails chooses the digest."""

    class Email(models.TextChoices):
        IMMEDIATE = "ngay", _("Gửi e-mail ngay khi có thông báo")
        DAILY = "hang-ngay", _("Gộp thành một e-mail mỗi ngày")
        NONE = "khong", _("Không gửi e-mail, chỉ xem trong phần mềm")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preference"
    )
    email = models.CharField(
        _("nhận thông báo qua e-mail"),
        max_length=10,
        choices=Email.choices,
        default=Email.IMMEDIATE,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("cài đặt thông báo")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_email_display()}"


class ApiKey(models.Model):
    """A key an administrator issued to another system (the province's one-stop or reporting
    system, a citizen app): scoped to one commune or to a province's communes, read or write,
    revocable. Only the sha256 of the key is stored (the key is shown once, when issued); a key
    is 32 random bytes, so a fast hash is enough. `core.apikeys` issues, checks and revokes keys.

    A key is a system, not a person: it reads what the commune's read-only member reads (never a
    protected identity) and acts as nobody (audit entries name the key in their changes).
    """

    name = models.CharField(_("tên hệ thống"), max_length=120)
    # A commune (the key reads and writes that commune) or a province (every commune of it).
    unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        related_name="+",
        verbose_name=_("phạm vi (xã hoặc tỉnh)"),
        limit_choices_to={"kind__in": ["commune", "province"]},
    )
    can_write = models.BooleanField(_("được gửi dữ liệu"), default=False)
    prefix = models.CharField(_("mã nhận diện"), max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = by_whom(_("người cấp"))
    created_at = models.DateTimeField(_("ngày cấp"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)
    uses = models.PositiveBigIntegerField(_("số lần dùng"), default=0)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = by_whom(_("người thu hồi"))

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def commune_id(self) -> int | None:
        """The commune of a commune's key (audit entries file under it); None for a province's."""
        return self.unit.commune_id if self.unit.kind == Unit.Kind.COMMUNE else None

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def communes(self) -> set[int]:
        """Ids of the active communes the key reads (and writes, with `can_write`)."""
        if self.revoked_at is not None or not self.unit.is_active:
            return set()
        if self.unit.kind == Unit.Kind.COMMUNE:
            return {self.unit_id}
        if self.unit.kind != Unit.Kind.PROVINCE:
            return set()
        cached: set[int] | None = getattr(self, "_communes", None)
        if cached is None:
            cached = set(
                Unit.objects.filter(
                    kind=Unit.Kind.COMMUNE, parent_id=self.unit_id, is_active=True
                ).values_list("pk", flat=True)
            )
            self._communes = cached
        return set(cached)


class Job(models.Model):
    """Long work a person asked for (an import, a large export, the periodic report), run in
    the background by `core.jobs` through django-tasks; what it made is an `Attachment` owned by
    the job, downloaded by whom its kind allows (`readable_by`)."""

    class Status(models.TextChoices):
        QUEUED = "cho", _("Đang chờ")
        RUNNING = "dang-chay", _("Đang làm")
        DONE = "xong", _("Đã xong")
        FAILED = "loi", _("Không thực hiện được")

    # The dotted path of its `core.jobs.JobKind` (set by code, never from a request).
    kind = models.CharField(max_length=200)
    label = models.CharField(_("việc"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    commune = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("xã"))
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=200, blank=True)
    # What the person reads when it ends: what was made, or why it failed (Vietnamese).
    message = models.TextField(blank=True)
    result = models.ForeignKey(Attachment, models.SET_NULL, null=True, blank=True, related_name="+")
    # A page to open when done (an imported plan's review), rather than a file.
    result_url = models.CharField(max_length=300, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Written with each progress step: a running job silent too long was cut off.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("việc chạy nền")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return self.label

    def readable_by(self, user: Any) -> bool:
        from danvan.core.jobs import job_readable_by

        return job_readable_by(self, user)
