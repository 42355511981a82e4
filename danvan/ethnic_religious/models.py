"""Ethnic and religious work (công tác dân tộc, tôn giáo; the plan's II.4): respected persons
(người có uy tín) and the contacts made with them, religious establishments (cơ sở tôn giáo, tín
ngưỡng) and their yearly events, the officer assigned to follow each.

The lists (ethnic groups, religions and beliefs, kinds of establishment, standings, kinds of
contact) are tables an administrator keeps in the admin, each row with its source (migration
0002 seeds them). A person or an establishment may be `internal`: it must not be listed to
everyone; only the commune's leaders, its office (Access.reception_communes) and the officer who
follows it see it, anyone else is answered 404 and never counts it (ethnic_religious.access).

Quyết định 12/2018/QĐ-TTg (amended by 28/2023/QĐ-TTg) sets the criteria and the policy for
respected persons; its recognition was decided at the district, gone since 01/07/2025, so the
product records the decision as written (number, day, years) and routes nothing to a huyện.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.models import CommuneRecord, Created, Unit, legal_source
from danvan.lib.text import fold


class Listed(models.Model):
    """A row of a list every commune uses, with where it comes from."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)
    source = legal_source(_("nguồn"), blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class EthnicGroup(Listed):
    """One of the 54 groups of the official list (Quyết định 121-TCTK/PPCĐ, 02/3/1979), `code`
    its two-digit number there."""

    other_names = models.CharField(_("tên gọi khác"), max_length=300, blank=True)

    class Meta(Listed.Meta):
        verbose_name = _("dân tộc")
        verbose_name_plural = _("danh mục dân tộc")


class Religion(Listed):
    """A religion recognised in Việt Nam, or a belief (tín ngưỡng) when `is_belief`."""

    is_belief = models.BooleanField(_("là tín ngưỡng (không phải tôn giáo)"), default=False)

    class Meta(Listed.Meta):
        verbose_name = _("tôn giáo, tín ngưỡng")
        verbose_name_plural = _("danh mục tôn giáo, tín ngưỡng")


class EstablishmentKind(Listed):
    class Meta(Listed.Meta):
        verbose_name = _("loại cơ sở tôn giáo, tín ngưỡng")
        verbose_name_plural = _("loại cơ sở tôn giáo, tín ngưỡng")


class Standing(Listed):
    """What makes a person respected (già làng, trưởng dòng họ, chức sắc tôn giáo…)."""

    class Meta(Listed.Meta):
        verbose_name = _("thành phần người có uy tín")
        verbose_name_plural = _("thành phần người có uy tín")


class ContactKind(Listed):
    class Meta(Listed.Meta):
        verbose_name = _("hình thức tiếp xúc")
        verbose_name_plural = _("hình thức tiếp xúc")


class Followed(CommuneRecord, Created):
    """What an officer follows: in a village, perhaps internal, found by its folded text."""

    village = models.ForeignKey(
        Unit, models.PROTECT, related_name="+", verbose_name=_("thôn, tổ dân phố")
    )
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ theo dõi"),
    )
    internal = models.BooleanField(_("nội bộ, không công khai danh sách"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    # The name and what else a search finds, folded (lib.text.fold): "nong van" finds "Nông Văn".
    search = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def folded(self) -> str:
        raise NotImplementedError

    def save(self, *args: object, **kwargs: object) -> None:
        self.search = fold(self.folded())[:600]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def readable_by(self, user: object) -> bool:
        from danvan.ethnic_religious.access import sees

        return sees(user, self)  # type: ignore[arg-type]


class KeyPerson(Followed):
    """A respected person (người có uy tín) recognised in the commune."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang được công nhận")
        ENDED = "ended", _("Không còn được công nhận")

    full_name = models.CharField(_("họ và tên"), max_length=120)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnic_group = models.ForeignKey(
        EthnicGroup, models.PROTECT, related_name="+", verbose_name=_("dân tộc")
    )
    standing = models.ForeignKey(
        Standing, models.PROTECT, related_name="+", verbose_name=_("thành phần")
    )
    recognised_year = models.PositiveSmallIntegerField(_("năm được công nhận"))
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    recognised_until = models.PositiveSmallIntegerField(
        _("công nhận đến năm"), null=True, blank=True
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    ended_on = models.DateField(_("ngày thôi công nhận"), null=True, blank=True)
    end_reason = models.CharField(_("lý do"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("người có uy tín")
        verbose_name_plural = _("người có uy tín")
        ordering = ["full_name", "pk"]
        indexes = [models.Index(fields=["commune", "village", "internal"])]

    def __str__(self) -> str:
        return f"Người có uy tín {self.full_name}"

    def get_absolute_url(self) -> str:
        return reverse("ethnic_religious:person", args=[self.pk])

    def folded(self) -> str:
        return " ".join([self.full_name, self.phone, self.decision_number])

    @property
    def decision_label(self) -> str:
        if not self.decision_number:
            return ""
        when = f" ngày {self.decision_date:%d/%m/%Y}" if self.decision_date else ""
        return f"Quyết định số {self.decision_number}{when}"


class Contact(CommuneRecord, Created):
    """A contact made with a respected person (thăm hỏi, tặng quà, gặp mặt, lấy ý kiến…)."""

    person = models.ForeignKey(
        KeyPerson, models.PROTECT, related_name="contacts", verbose_name=_("người có uy tín")
    )
    on = models.DateField(_("ngày tiếp xúc"))
    kind = models.ForeignKey(
        ContactKind, models.PROTECT, related_name="+", verbose_name=_("hình thức")
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    content = models.TextField(_("nội dung"))
    raised = models.TextField(_("ý kiến, kiến nghị của người có uy tín"), blank=True)
    follow_up = models.TextField(_("việc cần theo dõi, giải quyết"), blank=True)
    petition_code = models.CharField(_("số đơn thư (nếu thành đơn)"), max_length=20, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("lần tiếp xúc người có uy tín")
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["commune", "on"])]

    def __str__(self) -> str:
        return f"Tiếp xúc ngày {self.on:%d/%m/%Y}"


class Establishment(Followed):
    """A religious establishment or a place of belief (cơ sở tôn giáo, tín ngưỡng)."""

    class Legal(models.TextChoices):
        RECOGNISED = "recognised", _("Đã được công nhận")
        REGISTERED = "registered", _("Đã đăng ký")
        NONE = "none", _("Chưa công nhận, đăng ký")

    name = models.CharField(_("tên cơ sở"), max_length=200)
    kind = models.ForeignKey(
        EstablishmentKind, models.PROTECT, related_name="+", verbose_name=_("loại cơ sở")
    )
    religion = models.ForeignKey(
        Religion, models.PROTECT, related_name="+", verbose_name=_("tôn giáo, tín ngưỡng")
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    representative = models.CharField(_("người đại diện, trụ trì"), max_length=200, blank=True)
    legal_status = models.CharField(
        _("tình trạng pháp lý"), max_length=10, choices=Legal.choices, default=Legal.NONE
    )

    class Meta:
        verbose_name = verbose_name_plural = _("cơ sở tôn giáo, tín ngưỡng")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["commune", "village", "internal"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ethnic_religious:establishment", args=[self.pk])

    def folded(self) -> str:
        return " ".join([self.name, self.address, self.representative])


class Event(CommuneRecord, Created):
    """A yearly event or festival of an establishment (sự kiện, lễ hội)."""

    establishment = models.ForeignKey(
        Establishment, models.PROTECT, related_name="events", verbose_name=_("cơ sở")
    )
    name = models.CharField(_("tên sự kiện, lễ hội"), max_length=200)
    on = models.DateField(_("ngày diễn ra (dương lịch)"))
    lunar = models.CharField(_("ngày âm lịch"), max_length=40, blank=True)
    expected = models.PositiveIntegerField(_("số người dự kiến"), null=True, blank=True)
    notified_on = models.DateField(_("ngày thông báo, đăng ký với UBND xã"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    outcome = models.TextField(_("kết quả sau sự kiện"), blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("sự kiện, lễ hội")
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["commune", "on"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("ethnic_religious:establishment", args=[self.establishment_id])
