"""Striking a denouncer's identity out of text, and reading it from the vault to do so.

Luật Tố cáo 2018 forbids revealing the name, address, handwriting or other information that
identifies a denouncer (Điều 8 khoản 3); when a case is handed over, the body handling it strikes
the denouncer's personal information out of what it hands over (Điều 56 khoản 2). Intake strikes
the identity out of the letter before it is stored (petitions.services), so the case page, the
lists and the search index never hold it; every output strikes it again from whatever it copies
(the verifier's file, notices, reminder e-mails, exports), and a reveal's reason is struck
before it reaches the audit log.

What is struck, from the vault's fields (vault.FIELDS), as people actually write them:
- phone and ID numbers by their digits, whatever separates them (spaces, dots, dashes,
  brackets: "(098) 765-4321"); a phone's leading 0 may be written +84, 84 or 0084;
- the name in full, the family name with the given name ("Nguyễn Tường" for "Nguyễn Văn
  Tường"), and the given name (or any tail of the name) after a form of address: "ông Tường",
  "chị Nguyệt", "cô Văn Nguyệt", "ong Tuong";
- the address in full, and each of its parts that points at a household: a lane with its
  number or name ("ngõ 7"), a hamlet or residential group with its name or number ("xóm Bản
  Mới", "thôn Nà Pàn", "tổ 5"), a house number with the part that follows it ("số 12 ngõ 7",
  "12 Trần Hưng Đạo");
- the e-mail address.
Names and places are compared folded (danvan.lib.text.fold: case and diacritics ignored,
đ = d), so "NGUYỄN VĂN TƯỜNG", "nguyen van tuong" and "Nguyễn  Văn\\nTường" all go.

What is left on purpose, so that the letter stays readable:
- a bare given name: "An", "Hà", "Bình", "Hoa" are everyday words too ("an ninh", "hòa
  bình"), and the commune's other people share them; after a form of address it is a person;
- a form of address or a place-word written with other diacritics than its own: it is matched
  as written ("ông", "chị", "xóm") or bare ("ong", "chi", "xom"), because folded "cô An" would
  also be "có an ninh" and "bản Mới" "bán mới";
- a house number alone ("số 12" is also "Quyết định số 12"), a street without its house number
  (thousands live on it), and the commune, district and province of the address (every
  petition of the book shares them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from django.db import transaction

from danvan.core.audit import log_action
from danvan.core.errors import DomainError
from danvan.core.models import Unit
from danvan.lib.text import fold
from danvan.petitions import vault
from danvan.petitions.models import IdentityVault, Petition, PetitionKind

REDACTED = "[đã lược bỏ]"

# How Vietnamese address a person before the name; "đồng chí" for an official or party member.
FORMS_OF_ADDRESS = (
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu", "dì", "đồng chí",
)  # fmt: skip

# The words that start a part of an address, by what the part is.
PLACE_WORDS = {
    "house": ("số nhà", "nhà số", "số", "sn"),
    "lane": ("ngõ", "ngách", "hẻm", "kiệt"),
    "street": ("đường", "phố"),
    "hamlet": (
        "tổ dân phố", "khu phố", "tdp", "xóm", "thôn", "bản", "ấp", "làng", "khu", "khóm",
        "tổ", "khối", "buôn", "sóc", "plei",
    ),
    "commune": (
        "thị trấn", "thị xã", "thành phố", "đặc khu", "tp", "xã", "phường", "huyện", "quận",
        "tỉnh",
    ),
}  # fmt: skip
STRUCK_ALONE = ("lane", "hamlet")  # specific enough by themselves, with their name or number

_NAME_GAP = r"[\s\-_.]+"
_ADDRESS_GAP = r"[\s,;.\-–]+"


@cache
def _variants() -> dict[str, str]:
    """Every Latin letter that folds to the same base letter, for a diacritic-blind pattern.

    "a" → "aàáảãạăằắẳẵặâầấẩẫậAÀ…"; "d" includes "đĐ" and "Ð" (typed for Đ by old encodings).
    Built from the Latin blocks that carry Vietnamese letters, with danvan.lib.text.fold, so it
    agrees with search.
    """
    groups: dict[str, set[str]] = {"d": {"Ð"}}
    ranges = [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF)]
    for start, end in ranges:
        for code in range(start, end + 1):
            char = chr(code)
            base = fold(char)
            if len(base) == 1 and base.isascii() and base.isalnum():
                groups.setdefault(base, set()).add(char)
    return {base: "".join(sorted(chars)) for base, chars in groups.items()}


def _folded_word(word: str) -> str:
    """A pattern for one word whatever its case and diacritics."""
    table = _variants()
    out = []
    for char in word:
        base = fold(char)
        out.append(f"[{re.escape(table[base])}]" if base in table else re.escape(char))
    return "".join(out)


def _folded_words(words: Iterable[str], gap: str) -> str:
    return gap.join(_folded_word(w) for w in words)


def _as_written_or_bare(phrases: Iterable[str]) -> str:
    """A pattern for each phrase spelt as written or without any diacritics ("ông", "ong")."""
    spellings = {s for p in phrases for s in (p, fold(p))}
    ordered = sorted(spellings, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, s.split())) for s in ordered) + ")"


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


# --- numbers --------------------------------------------------------------------------------

_DIGIT_GAP = r"[\s.\-–()/]{0,4}"
_PHONE_PREFIX = rf"(?:(?:\+|00)?84{_DIGIT_GAP}(?:0{_DIGIT_GAP})?|0{_DIGIT_GAP})"


def _numbers(value: str) -> list[str]:
    """The numbers a field holds: "0912 345 678 / 0203.3812.345" is two."""
    parts = re.split(r"[,;/]|\s(?:hoặc|hoac|và|va|or)\s", value or "")
    return [d for d in (re.sub(r"\D", "", part) for part in parts) if len(d) >= 6]


def _national(digits: str) -> str:
    """A phone's number without its national prefix: "0084 98…", "84 98…", "+84 (0) 98…" and
    "098…" are all "98…"."""
    if digits.startswith("0084"):
        digits = digits[4:]
    elif digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]
    return digits[1:] if digits.startswith("0") else digits


def _number_pattern(digits: str, *, phone: bool) -> str:
    """The digits with up to four separators between any two, and a phone's national prefix
    (0, +84, 84, 0084, "(+84) (0)") optional: the digits themselves decide, not their layout."""
    if phone:
        digits = _national(digits)
    body = _DIGIT_GAP.join(digits)
    prefix = rf"\(?{_PHONE_PREFIX}?" if phone else ""
    return rf"(?<!\d){prefix}{body}(?!\d)"


# --- names ----------------------------------------------------------------------------------


def _name_patterns(name: str) -> list[tuple[int, str]]:
    """(weight, pattern) for the full name, family + given name, and a form of address
    followed by either of them or by any tail of the name ("chị Thu Nguyệt", "chị Nguyệt")."""
    words = _words(name)
    if not words:
        return []
    found: list[tuple[int, str]] = []
    # A lone short word ("An", "Hà") is an everyday word too: striking it would garble the text.
    if len(words) > 1 or len(fold(name)) >= 4:
        found.append((len(fold(name)), _folded_words(words, _NAME_GAP)))
    # The name's tails, longest first: "Nguyễn Văn Tường", "Văn Tường", "Tường".
    spoken = [words[i:] for i in range(len(words))]
    if len(words) >= 3:
        pair = [words[0], words[-1]]
        found.append((len(fold(" ".join(pair))), _folded_words(pair, _NAME_GAP)))
        spoken.insert(1, pair)
    named = "|".join(_folded_words(tail, _NAME_GAP) for tail in spoken)
    forms = _as_written_or_bare(FORMS_OF_ADDRESS)
    found.append((len(fold(name)) + 4, rf"{forms}\s+(?:{named})"))
    return found


# --- addresses ------------------------------------------------------------------------------


@dataclass
class _Part:
    kind: str  # a key of PLACE_WORDS, or "other"
    name: list[str] = field(default_factory=list)


@cache
def _place_words() -> dict[tuple[str, ...], str]:
    return {tuple(fold(w).split()): kind for kind, ws in PLACE_WORDS.items() for w in ws}


def _place_word_at(words: list[str], i: int) -> tuple[str, int] | None:
    table = _place_words()
    for n in (3, 2, 1):
        key = tuple(fold(w) for w in words[i : i + n])
        if len(key) == n and key in table:
            return table[key], n
    return None


def _address_parts(address: str) -> list[_Part]:
    """The address cut into parts, each starting with its place-word: "Số 12 ngõ 7, xóm Bản
    Mới" → house "12", lane "7", hamlet "Bản Mới". A place-word right after another is part of
    the name ("xóm Bản Mới" is not "xóm" and "bản Mới"). A part without a place-word that
    starts with a number is a house number and its street ("12 Trần Hưng Đạo")."""
    parts: list[_Part] = []
    for chunk in re.split(r"[,;\n]+", unicodedata.normalize("NFC", address)):
        words, current, i = chunk.split(), None, 0
        while i < len(words):
            place = _place_word_at(words, i)
            if place and (current is None or current.name):
                current = _Part(place[0])
                parts.append(current)
                i += place[1]
                continue
            if current is None:
                current = _Part("other")
                parts.append(current)
            current.name.append(words[i])
            i += 1
    split: list[_Part] = []
    for part in parts:
        if part.kind == "other" and part.name and any(c.isdigit() for c in part.name[0]):
            split.append(_Part("house", part.name[:1]))
            if part.name[1:]:
                split.append(_Part("street", part.name[1:]))
        else:
            split.append(part)
    return [p for p in split if p.name]


def _part_pattern(part: _Part, *, after_house: bool = False) -> str | None:
    """A part as written in a letter: its kind's place-word (any of them, as written or bare),
    then its name folded; a numbered part ("ngõ 7", "thôn 3") may say "số" before the number."""
    name = _folded_words(part.name, r"\s+")
    if part.kind in STRUCK_ALONE:
        number = "(?:số\\s+|so\\s+)?" if part.name[0][:1].isdigit() else ""
        return rf"{_as_written_or_bare(PLACE_WORDS[part.kind])}\s+{number}{name}"
    if after_house and part.kind == "street":
        return rf"(?:{_as_written_or_bare(PLACE_WORDS['street'])}\s+)?{name}"
    if after_house and part.kind == "other":
        return name
    return None


def _address_patterns(address: str) -> list[tuple[int, str]]:
    words = re.split(r"[\s,;]+", unicodedata.normalize("NFC", address).strip())
    words = [w for w in words if w]
    found: list[tuple[int, str]] = []
    if len(words) > 1 or (words and len(fold(words[0])) >= 4):
        found.append((len(fold(address)), _folded_words(words, _ADDRESS_GAP)))
    parts = _address_parts(address)
    house_words = _as_written_or_bare(PLACE_WORDS["house"])
    for n, part in enumerate(parts):
        weight = len(fold(" ".join(part.name))) + 4
        alone = _part_pattern(part)
        if alone:
            found.append((weight, alone))
        if part.kind == "house" and n + 1 < len(parts):
            after = _part_pattern(parts[n + 1], after_house=True)
            if after:
                number = _folded_word(part.name[0])
                house = rf"(?:{house_words}\s*)?{number}[\s,]+{after}"
                found.append((weight + len(fold(" ".join(parts[n + 1].name))) + 4, house))
    return found


# --- the whole identity ---------------------------------------------------------------------


@lru_cache(maxsize=512)
def _compiled(identity: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    """One pattern for every way the identity may be written, longest alternatives first (at
    any place in the text the longest reading wins: the whole address before one of its
    parts). Cached: a list or a batch strikes many texts of one case."""
    fields = dict(identity)
    found: list[tuple[int, str]] = []
    # A field may name several people ("Nguyễn Văn A; Trần Thị B"): each is struck.
    for name in re.split(r"[;,\n]", fields.get("name", "")):
        found += _name_patterns(name)
    found += _address_patterns(fields.get("address", ""))
    # Words stand alone ("An" is not the start of "Anh"); numbers only need no digit beside
    # them ("SĐT0912345678" is the phone).
    found = [(weight, rf"(?<!\w)(?:{pattern})(?!\w)") for weight, pattern in found]
    for key in ("phone", "id_number"):
        for digits in _numbers(fields.get(key, "")):
            found.append((len(digits), _number_pattern(digits, phone=key == "phone")))
    email = fields.get("email", "").strip()
    if len(email) >= 3:
        found.append((len(email), re.escape(email)))
    if not found:
        return None
    ordered = [pattern for _weight, pattern in sorted(found, key=lambda f: -f[0])]
    return re.compile("|".join(ordered), re.IGNORECASE)


def redact_identity(text: str, identity: dict[str, str] | None) -> str:
    """`text` with every field of the denouncer's identity struck out (Điều 56 khoản 2), in
    every variant the module docstring lists; text that carries none of it comes back as it
    was (NFC)."""
    text = unicodedata.normalize("NFC", text or "")
    if not identity or not text:
        return text
    key = tuple(sorted((k, str(v or "").strip()) for k, v in identity.items() if k in vault.FIELDS))
    pattern = _compiled(key)
    return pattern.sub(REDACTED, text) if pattern else text


def sealed_identity(petition: Petition) -> dict[str, str] | None:
    """The denouncer's identity, decrypted for redaction only: never show or log its values.

    None for other kinds of petition and for anonymous denunciations.
    """
    if petition.kind != PetitionKind.DENUNCIATION:
        return None
    vaulted = IdentityVault.objects.filter(petition=petition).first()
    return _unseal(vaulted.ciphertext) if vaulted else None


def _unseal(ciphertext: bytes) -> dict[str, str]:
    try:
        return vault.unseal(ciphertext)
    except PermissionError as e:
        # Without the key the text cannot be checked; refusing beats handing out a leak.
        raise DomainError(
            "Không giải mã được danh tính để lược bỏ khỏi tài liệu (khóa mã hóa không khớp); "
            "chưa lập được tài liệu. Báo quản trị hệ thống."
        ) from e


class Redactor:
    """Strikes each petition's own denouncer out of its texts, for a list or a batch: the vault
    is read in one query for the petitions given to `load`, and each identity decrypted once.

        strike = Redactor().load(petitions)
        title = strike(p, p.subject)

    `strict=False` (a reminder must go out even when a key is missing): a case whose identity
    cannot be decrypted has every text struck whole, instead of raising a DomainError.
    """

    def __init__(self, *, strict: bool = True) -> None:
        self.strict = strict
        self._identities: dict[int, dict[str, str] | None] = {}
        self._unreadable: set[int] = set()

    def load(self, petitions: Iterable[Petition]) -> Redactor:
        wanted = [
            p.pk
            for p in petitions
            if p.kind == PetitionKind.DENUNCIATION and p.pk not in self._identities
        ]
        rows = IdentityVault.objects.filter(petition_id__in=wanted).values_list(
            "petition_id", "ciphertext"
        )
        sealed = dict(rows)
        for pk in wanted:
            self._identities[pk] = None
            if pk in sealed:
                try:
                    self._identities[pk] = _unseal(sealed[pk])
                except DomainError:
                    if self.strict:
                        raise
                    self._unreadable.add(pk)
        return self

    def identity(self, petition: Petition) -> dict[str, str] | None:
        if petition.kind != PetitionKind.DENUNCIATION:
            return None
        if petition.pk not in self._identities:
            self.load([petition])
        return self._identities[petition.pk]

    def __call__(self, petition: Petition, text: str) -> str:
        identity = self.identity(petition)
        if petition.pk in self._unreadable:
            return REDACTED if text else text
        return redact_identity(text, identity)


# --- letters stored before the redaction knew a variant -------------------------------------


def denunciations_restrike(*, commune: Unit | None = None, chunk: int = 500) -> tuple[int, int]:
    """Strike the identity out of stored denunciations again, with the rules above: a letter
    taken in when intake did not yet know a variant ("(098) 765-4321", "ông Tường") keeps it
    in the case page, the lists and the search index until then. The subject, the content and
    the search text they make (as petitions.services.petition_receive builds it) are
    rewritten; each change is audited by the fields it touched, never their values. (The audit
    entries written before name the case by its summary as it was then; the log's hash chain
    forbids rewriting them.) Safe to run twice: a letter already struck is left as it is.
    Returns (examined, changed).
    """
    qs = Petition.objects.filter(kind=PetitionKind.DENUNCIATION, identity__isnull=False)
    if commune is not None:
        qs = qs.filter(commune=commune)
    rows = qs.only("kind", "commune", "number", "year", "subject", "content", "search_text")
    rows = rows.order_by("id")
    examined = changed = 0
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:chunk]):
        last = batch[-1].pk
        strike = Redactor().load(batch)
        for p in batch:
            examined += 1
            # The mark may be longer than what it replaces: the summary keeps to its column.
            subject = strike(p, p.subject)[: Petition._meta.get_field("subject").max_length]
            struck = {"subject": subject, "content": strike(p, p.content)}
            touched = [name for name, text in struck.items() if text != getattr(p, name)]
            if not touched:
                continue
            p.subject, p.content = struck["subject"], struck["content"]
            p.search_text = fold(f"{p.subject} {p.content}")
            with transaction.atomic():
                p.save(update_fields=[*touched, "search_text"])
                changes = {f"struck_{name}": True for name in touched}
                log_action(p, "petitions.restruck", by=None, changes=changes)
            changed += 1
    return examined, changed
