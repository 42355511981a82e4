"""The citizen's forms: send a petition, look one up by its tracking code; the guards every
public form shares (a trap field, a minimum time, a nonce against sending twice)."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import BaseRenderer
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import SafeString

from danvan.core.fields import FileUploads, MultipleFileInput, Text
from danvan.core.models import Unit
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.services import TRACKING_ALPHABET

MAX_FILES = 3
# Narrower than check_upload: a citizen's evidence is a scan or a photo.
PORTAL_MIMES = {"application/pdf", "image/jpeg", "image/png", "image/webp"}
ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp"
TRACKING_RE = re.compile(rf"^[{TRACKING_ALPHABET}]{{10}}$")
FORM_SALT = "danvan.portal.petition-form"

# The four kinds a citizen chooses from, each explained in one plain line.
KINDS = [
    (
        PetitionKind.RECOMMENDATION,
        "Kiến nghị",
        "Đề xuất với chính quyền một ý kiến, một cách làm cho việc chung tốt hơn.",
    ),
    (
        PetitionKind.REFLECTION,
        "Phản ánh",
        "Báo cho chính quyền biết một việc đang xảy ra: đường hỏng, ô nhiễm, mất trật tự…",
    ),
    (
        PetitionKind.COMPLAINT,
        "Khiếu nại",
        "Đề nghị xem xét lại một quyết định, việc làm của cơ quan, cán bộ làm thiệt hại quyền lợi của chính bạn.",
    ),
    (
        PetitionKind.DENUNCIATION,
        "Tố cáo",
        "Báo cho cơ quan có thẩm quyền hành vi vi phạm pháp luật của bất kỳ ai; danh tính người tố cáo được giữ bí mật.",
    ),
]


def normalize_code(raw: str) -> str:
    """A tracking code as typed or read over the phone: case, spaces and dashes do not matter."""
    return re.sub(r"[\s\-.]+", "", raw or "").upper()


def form_token(*, started: float | None = None, nonce: str | None = None) -> str:
    """A signed note of when the form was shown, and the nonce that makes resending harmless."""
    return signing.dumps(
        {"t": int(started if started is not None else time.time()), "n": nonce or _nonce()},
        salt=FORM_SALT,
    )


def read_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token or "", salt=FORM_SALT)
        return int(data["t"]), str(data["n"])[:32]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def _nonce() -> str:
    return secrets.token_hex(16)


class GuardedForm(forms.Form):
    """A form anyone may send: a field people never see (bots fill every input), the time since
    the form was shown (nobody writes in a second or two) and a nonce that makes sending the
    same form again harmless. Subclasses word the two refusals."""

    trap_message = ""
    too_fast_message = ""

    website = Text(
        label="Trang web",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = Text(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["token"].initial = form_token()

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("website"):
            self.add_error(None, self.trap_message)
        read = read_token(data.get("token", ""))
        minimum = settings.DANVAN_PORTAL_MIN_FILL_SECONDS
        if read is None or time.time() - read[0] < minimum:
            self.add_error(None, self.too_fast_message)
        return data

    @property
    def nonce(self) -> str | None:
        read = read_token(self.data.get("token", "")) if self.is_bound else None
        return read[1] if read else None

    def refresh_token(self) -> None:
        """A bound form re-shown after an error keeps its nonce; a broken token gets a new one."""
        if self.is_bound and read_token(self.data.get("token", "")) is None:
            self.data = {**self.data, "token": form_token()}

    def kept(self) -> dict[str, Any]:
        """What the citizen typed, as initial data of a form shown again unchecked (a refusal
        for too many sendings): files cannot be kept, the trap field is left empty."""
        kept: dict[str, Any] = {}
        for name, field in self.fields.items():
            if name == "website" or isinstance(field, forms.FileField):
                continue
            value = self.data.get(name, "")
            kept[name] = bool(value) if isinstance(field, forms.BooleanField) else value
        if read_token(kept["token"]) is None:
            kept["token"] = form_token()
        return kept


class PlacesSelect(forms.Select):
    """A select of places that writes itself once per list of places (`places`, set by the
    form) and per value and attributes: what it writes depends on nothing else. With 65
    communes and 195 villages, making and writing 260 options was most of the form's time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places: Places | None = None

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        if self.places is None:
            return super().render(name, value, attrs, renderer)
        key = (
            type(self),
            type(renderer),
            name,
            tuple(self.format_value(value)),
            tuple((attrs or {}).items()),
        )
        html = self.places.rendered.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            self.places.keep(key, html)
        return html


class VillageSelect(PlacesSelect):
    """Each village option names its commune, so portal-petition.js can show only the chosen
    commune's villages; without JavaScript all are listed and the server checks the pair."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        commune = self.places.commune_of.get(str(value)) if self.places else None
        if commune:
            option["attrs"]["data-commune"] = str(commune)
        return option


def commune_label(commune: Unit) -> str:
    """A commune as a citizen must tell it from its namesakes: "Xã Hồng Phong (tỉnh Lạng Sơn)"
    (two communes called Hồng Phong exist, 06079 in Lạng Sơn and 13927 in Ninh Bình). A name
    that already says where it is, or a commune without a province, is kept as it is."""
    province = commune.parent if commune.parent_id else None
    if province is None or province.kind != Unit.Kind.PROVINCE or "(" in commune.name:
        return commune.name
    return f"{commune.name} ({province.name[:1].lower()}{province.name[1:]})"


class KeptChoices(BaseChoiceIterator):
    """Choices already in the form Django's choice fields keep them in, given to the field as
    they are: a plain list is normalised again for every form, and each select asks for its
    first choice (whether it may be `required`), which normalised all 260 of them again."""

    def __init__(self, choices: list[Any]) -> None:
        self.choices = choices

    def __iter__(self) -> Iterator[Any]:
        return iter(self.choices)


class Places:
    """The communes and villages a petition form offers, with what the form makes of them: the
    village choices grouped by commune, each village's commune, and the two selects as written
    (`rendered`, see PlacesSelect). The portal keeps one for its full list (portal.petitions,
    a minute at most), so that all this is done once, not per request."""

    # Selects kept written, one per value chosen and per error shown: a few megabytes at most,
    # whatever the values sent (a province's village select is tens of kilobytes).
    MOST_KEPT = 4_000_000

    def __init__(self, communes: list[Unit], villages: list[Unit]) -> None:
        self.communes = communes
        self.villages = villages
        self.offered = {str(c.pk): c for c in communes}
        self.village_of = {str(v.pk): v for v in villages}
        self.commune_of = {k: v.commune_id or 0 for k, v in self.village_of.items()}
        names = {c.pk: commune_label(c) for c in communes}
        blank = [("", "— Không rõ hoặc không thuộc thôn nào —")]
        if len(communes) == 1:
            choices: list[Any] = blank + [(str(v.pk), v.name) for v in villages]
        else:
            groups: dict[int, list[tuple[str, str]]] = {}
            for v in villages:
                groups.setdefault(v.commune_id or 0, []).append((str(v.pk), v.name))
            choices = blank + [(names[c], opts) for c, opts in groups.items() if c in names]
        self.village_choices = KeptChoices(choices)
        self.rendered: dict[tuple[Any, ...], SafeString] = {}
        self.kept_size = 0

    def keep(self, key: tuple[Any, ...], html: SafeString) -> None:
        if self.kept_size + len(html) <= self.MOST_KEPT:
            self.rendered[key] = html
            self.kept_size += len(html)


class OfferedCommunes(ModelChoiceIterator):
    """The choices of a CommuneField: the units it was offered, as they were read (with their
    province), in their order. Iterating the queryset instead read the communes again and each
    one's province once more per option (66 queries for 65 communes)."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for unit in self.field.offered.values():
            yield self.choice(unit)

    def __len__(self) -> int:
        return len(self.field.offered) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.field.offered)


class CommuneField(forms.ModelChoiceField):
    """A choice among the communes the form was given (`offered`), listed and checked without a
    query; each shown with its province (`commune_label`)."""

    iterator = OfferedCommunes
    offered: dict[str, Unit] = {}

    def label_from_instance(self, obj: Unit) -> str:
        return commune_label(obj)

    def to_python(self, value: Any) -> Unit | None:
        if value in self.empty_values:
            return None
        # A NUL or any other unknown value is just one more invalid choice (Django's own NUL
        # check answers in English).
        unit = self.offered.get(str(value))
        if unit is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return unit


class PetitionForm(GuardedForm):
    """Send a petition or feedback without an account. Only what the law asks for is required."""

    trap_message = "Không gửi được đơn: vui lòng để trống ô “Trang web” rồi gửi lại."
    too_fast_message = "Đơn được gửi quá nhanh sau khi mở trang. Vui lòng kiểm tra lại nội dung rồi bấm “Gửi đơn” lần nữa."

    commune = CommuneField(
        queryset=Unit.objects.none(),
        widget=PlacesSelect,
        label="Gửi đến UBND xã, phường",
        error_messages={
            "required": "Vui lòng chọn xã, phường nhận đơn.",
            "invalid_choice": "Xã, phường đã chọn không có trong danh sách.",
        },
    )
    kind = forms.ChoiceField(
        label="Loại đơn",
        widget=forms.RadioSelect,
        choices=[
            (k.value, format_html('{} <span class="d-block fw-normal small">{}</span>', t, h))
            for k, t, h in KINDS
        ],
        error_messages={
            "required": "Vui lòng chọn loại đơn.",
            "invalid_choice": "Loại đơn không hợp lệ.",
        },
    )
    topic = forms.ChoiceField(
        label="Lĩnh vực",
        choices=Petition.Topic.choices,
        initial=Petition.Topic.OTHER,
        error_messages={"invalid_choice": "Lĩnh vực không hợp lệ."},
    )
    village = forms.ChoiceField(
        label="Thôn, tổ dân phố nơi xảy ra sự việc",
        required=False,
        widget=VillageSelect,
        error_messages={"invalid_choice": "Thôn, tổ dân phố đã chọn không có trong danh sách."},
    )
    subject = Text(
        label="Tóm tắt nội dung",
        max_length=300,
        error_messages={"required": "Vui lòng nhập “tóm tắt nội dung”."},
        help_text="Một câu ngắn, ví dụ: “Đường vào thôn bị sạt lở sau mưa lớn”.",
    )
    content = Text(
        label="Nội dung",
        max_length=10000,
        error_messages={"required": "Vui lòng nhập “nội dung”."},
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Việc gì, ở đâu, từ khi nào, ai liên quan, bạn đề nghị chính quyền làm gì.",
    )
    name = Text(
        label="Họ và tên",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    address = Text(
        label="Địa chỉ",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    phone = Text(
        label="Số điện thoại",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="Thư điện tử",
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": "Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.com.",
            "max_length": "Tối đa %(limit_value)d ký tự.",
            "null_characters_not_allowed": "Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.com.",
        },
    )
    attachments = FileUploads(
        label="Tài liệu, hình ảnh kèm theo",
        required=False,
        most=MAX_FILES,
        mimes=PORTAL_MIMES,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
    )
    consent = forms.BooleanField(
        label="Tôi cam đoan nội dung trên là đúng sự thật và đồng ý để UBND xã dùng thông tin này vào việc xem xét, giải quyết đơn.",
        error_messages={"required": "Vui lòng đánh dấu ô cam đoan trước khi gửi."},
    )

    def __init__(
        self,
        *args: Any,
        communes: list[Unit] | None = None,
        villages: list[Unit] | None = None,
        places: Places | None = None,
        **kwargs: Any,
    ) -> None:
        """The places offered: `places` (kept by the caller), or a list of `communes` and
        `villages` of this form alone."""
        super().__init__(*args, **kwargs)
        self.offer(places or Places(communes or [], villages or []))
        attachments = self.fields["attachments"]
        assert isinstance(attachments, FileUploads)
        # Read here, not when the module loads: a settings change applies at once.
        attachments.total = settings.DANVAN_PORTAL_UPLOAD_TOTAL_BYTES
        attachments.help_text = (
            f"Tối đa {MAX_FILES} tệp PDF, JPEG, PNG hoặc WEBP, mỗi tệp không quá "
            f"{settings.DANVAN_MAX_UPLOAD_BYTES // (1024 * 1024)} MB, tất cả không quá "
            f"{settings.DANVAN_PORTAL_UPLOAD_TOTAL_BYTES // (1024 * 1024)} MB."
        )

    def offer(self, places: Places) -> None:
        """The communes and villages to choose from (a sent form needs only the chosen ones;
        shown again after an error, it offers them all)."""
        field = self.fields["commune"]
        assert isinstance(field, CommuneField)
        field.offered = places.offered
        only = places.communes[0].pk if len(places.communes) == 1 else None
        field.initial = only
        field.empty_label = None if only else "— Chọn xã, phường —"
        self.villages = places.village_of
        village = self.fields["village"]
        assert isinstance(village, forms.ChoiceField)
        village.choices = places.village_choices
        for name in ("commune", "village"):
            widget = self.fields[name].widget
            assert isinstance(widget, PlacesSelect)
            widget.places = places

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = re.sub(r"\D", "", phone)
        if phone and (not re.fullmatch(r"[0-9+ ().\-]+", phone) or not 8 <= len(digits) <= 15):
            raise ValidationError("Số điện thoại chưa đúng, ví dụ: 0912 345 678.")
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        commune, village_pk = data.get("commune"), data.get("village")
        village = self.villages.get(village_pk) if village_pk else None
        if village and commune and village.commune_id != commune.pk:
            self.add_error(
                "village",
                f"{village.name} không thuộc {commune_label(commune)}: vui lòng chọn lại "
                "thôn, tổ dân phố của xã đã chọn (hoặc để trống), hoặc chọn lại xã.",
            )
        data["village"] = village
        if data.get("kind") == PetitionKind.COMPLAINT:
            # Luật Khiếu nại 2011, Điều 8 khoản 2: a complaint names the complainant and address.
            for field, label in (("name", "họ và tên"), ("address", "địa chỉ")):
                if not (data.get(field) or "").strip() and field not in self.errors:
                    self.add_error(
                        field,
                        f"Đơn khiếu nại phải ghi rõ {label} người khiếu nại (Luật Khiếu nại 2011, Điều 8).",
                    )
        return data


class LookupForm(forms.Form):
    code = Text(
        label="Mã tra cứu",
        max_length=40,
        help_text="Mã gồm 10 chữ và số, in trên giấy biên nhận; không phân biệt chữ hoa, chữ thường.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Vui lòng nhập mã tra cứu.",
            "max_length": "Mã tra cứu chỉ gồm 10 ký tự.",
        },
    )

    def clean_code(self) -> str:
        code = normalize_code(self.cleaned_data["code"])
        if not TRACKING_RE.match(code):
            raise ValidationError(
                "Mã tra cứu gồm đúng 10 chữ và số (không có chữ O, I, L và số 0, 1). Vui lòng kiểm tra lại."
            )
        return code
