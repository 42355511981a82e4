"""Striking a denouncer's identity out of text, and reading it from the vault to do so.

Luật Tố cáo 2018 forbids revealing the name, address, handwriting or other information that
identifies a denouncer (Điều 8 khoản 3); when a case is handed over, the body handling it strikes
the denouncer's personal information out of what it hands over (Điều 56 khoản 2). Intake strikes
a name the denouncer wrote into the letter (petitions.services), the documents strike it out of
everything they copy (petitions.dossier, petitions.notices), and a reveal's reason is struck
before it reaches the audit log.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from danvan.core.errors import DomainError
from danvan.lib.text import fold
from danvan.petitions import vault
from danvan.petitions.models import IdentityVault, Petition, PetitionKind

REDACTED = "[đã lược bỏ]"


@cache
def _variants() -> dict[str, str]:
    """Every Latin letter that folds to the same base letter, for a diacritic-blind pattern.

    "a" → "aàáảãạăằắẳẵặâầấẩẫậAÀ…"; "d" includes "đĐ". Built from the Latin blocks that carry
    Vietnamese letters, with danvan.lib.text.fold, so it agrees with search.
    """
    groups: dict[str, set[str]] = {}
    ranges = [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF)]
    for start, end in ranges:
        for code in range(start, end + 1):
            char = chr(code)
            base = fold(char)
            if len(base) == 1 and base.isascii() and base.isalnum():
                groups.setdefault(base, set()).add(char)
    return {base: "".join(sorted(chars)) for base, chars in groups.items()}


def _text_pattern(needle: str) -> str | None:
    """A whole-word pattern that finds `needle` whatever its case, diacritics or spacing."""
    words = unicodedata.normalize("NFC", needle).split()
    # A lone short word ("An", "Hà") is also an everyday word: striking it would garble the text.
    if not words or (len(words) == 1 and len(fold(needle)) < 4):
        return None
    table = _variants()
    parts = []
    for word in words:
        chars = []
        for char in word:
            base = fold(char)
            chars.append(f"[{re.escape(table[base])}]" if base in table else re.escape(char))
        parts.append("".join(chars))
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def _digits_pattern(value: str) -> str | None:
    """Digits with any spaces, dots or dashes between them; a phone's 0 may be written +84."""
    digits = re.sub(r"\D", "", value)
    if len(digits) < 6:
        return None
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    sep = r"[\s.\-]?"
    body = sep.join(digits[1:])
    first = f"(?:{digits[0]}|\\+?84{sep})" if digits[0] == "0" else digits[0]
    return rf"(?<!\d){first}{sep}{body}(?!\d)"


def redact_identity(text: str, identity: dict[str, str] | None) -> str:
    """`text` with every field of the denouncer's identity struck out (Điều 56 khoản 2).

    Names and addresses are found whatever their case and diacritics ("nguyen van an" and
    "NGUYỄN VĂN AN" both go), phone and ID numbers whatever their separators. Fragments (a
    given name alone in the text) are left: striking every "An" would garble "an ninh".
    """
    text = unicodedata.normalize("NFC", text or "")
    if not identity:
        return text
    patterns: list[str] = []
    for key in ("name", "address"):
        pattern = _text_pattern(identity.get(key, "") or "")
        if pattern:
            patterns.append(pattern)
    for key in ("phone", "id_number"):
        pattern = _digits_pattern(identity.get(key, "") or "")
        if pattern:
            patterns.append(pattern)
    email = (identity.get("email", "") or "").strip()
    if len(email) >= 3:
        patterns.append(re.escape(email))
    for pattern in sorted(patterns, key=len, reverse=True):
        text = re.sub(pattern, REDACTED, text, flags=re.IGNORECASE)
    return text


def sealed_identity(petition: Petition) -> dict[str, str] | None:
    """The denouncer's identity, decrypted for redaction only: never show or log its values.

    None for other kinds of petition and for anonymous denunciations.
    """
    if petition.kind != PetitionKind.DENUNCIATION:
        return None
    vaulted = IdentityVault.objects.filter(petition=petition).first()
    if vaulted is None:
        return None
    try:
        return vault.unseal(vaulted.ciphertext)
    except PermissionError as e:
        # Without the key the text cannot be checked; refusing beats handing out a leak.
        raise DomainError(
            "Không giải mã được danh tính để lược bỏ khỏi tài liệu (khóa mã hóa không khớp); "
            "chưa lập được tài liệu. Báo quản trị hệ thống."
        ) from e
