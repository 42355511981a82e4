"""Text normalisation and the lexical tests shared by every stage of the plan parser.

Kept in one place so that the footnote stage, the layout stage and the reference stage agree on
what counts as terminal punctuation, a lower-case start or a numbered heading: when two stages
disagree, a page-break join that one stage expects never happens in the other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

VN_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
_DIGIT_TO_SUP = str.maketrans("0123456789", SUPERSCRIPTS)

_HSPACE_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# Rules drawn under the issuing body / the motto, and separator lines before footnotes.
_DECORATION_RE = re.compile(r"^[-_–—=*·•.\s]{3,}$")
# Page numbers printed in the top margin ("2", "- 2 -", "Trang 2/5").
_PAGE_NUMBER_RE = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^Trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

_CLOSERS = "\"'”’»)]"
_TRAILING_MARKS_RE = re.compile(rf"(?:[{SUPERSCRIPTS}]+|\[\^\d+\])+$")
_LEADING_OPENERS = "“\"'‘«([…. "

# Words after which a Vietnamese sentence cannot stop: a line ending in one of them continues
# on the next line even when that line starts with a capital ("của" / "Nhân dân").
_CONNECTIVE_WORDS = (
    "của và với về cho các những trong theo tại từ đến để là do bởi nhằm qua trên dưới giữa đối "
    "hoặc hay mà thì nhưng số ngày tháng được bị sự việc lần thứ ở vào như cùng gồm khóa khoá "
    "tới sang đã đang sẽ rằng"
)
CONNECTIVES = frozenset(_CONNECTIVE_WORDS.split())


def normalize_lines(text: str) -> list[str]:
    """NFC-normalise and split into stripped lines, blanking decorations and page numbers.

    PDF extractors emit NFD text, form feeds, soft hyphens, runs of spaces and page numbers; all
    later stages assume one canonical spelling so that regexes and comparisons stay simple.
    A form feed (page break) becomes a blank line, which is what a page break looks like in
    extractors that do not emit one.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n\n").replace("\v", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE_RE.sub("", text)
    out: list[str] = []
    for raw in text.split("\n"):
        line = _HSPACE_RE.sub(" ", raw).strip()
        if _DECORATION_RE.match(line) or _PAGE_NUMBER_RE.match(line):
            line = ""
        out.append(line)
    return out


def has_control_chars(text: str) -> bool:
    """True when the text holds C0 control characters: bytes of a binary file, not a letter."""
    return _CONTROL_RE.search(text) is not None


def sup_to_digits(text: str) -> str:
    """Map superscript digits to ASCII ("²³" → "23"): footnote marks are compared as numbers."""
    return text.translate(_SUP_TO_DIGIT)


def digits_to_sup(text: str) -> str:
    """Map ASCII digits to superscripts: .docx footnote references become inline marks."""
    return text.translate(_DIGIT_TO_SUP)


def _strip_end(text: str) -> str:
    """Drop trailing footnote marks, closing quotes and brackets before judging the ending."""
    text = _TRAILING_MARKS_RE.sub("", text.rstrip())
    return text.rstrip(_CLOSERS + " ")


def ends_terminal(text: str) -> bool:
    """True when a body line ends a sentence or a clause (". : ; ! ? …", "./.").

    A line that does not is continued by the next one across a page break.
    """
    raw = _TRAILING_MARKS_RE.sub("", text.rstrip())
    if raw.endswith((".", ":", ";", "!", "?", "…")):
        return True
    return _strip_end(text).endswith((".", ":", ";", "!", "?", "…"))


def ends_sentence(text: str) -> bool:
    """True when a footnote ends like a finished sentence; a colon or comma means it goes on."""
    raw = _TRAILING_MARKS_RE.sub("", text.rstrip())
    if raw.endswith((".", ";", "!", "?", "…")):
        return True
    return _strip_end(text).endswith((".", ";", "!", "?", "…"))


def last_word(text: str) -> str:
    """The last word of a line, lower-cased and without punctuation."""
    words = _strip_end(text).split()
    if not words:
        return ""
    return words[-1].strip(",;:.()“”\"'").lower()


def ends_connective(text: str) -> bool:
    """True when the line stops on a word that cannot end a sentence ("của", "và", "về"...)."""
    return not ends_terminal(text) and last_word(text) in CONNECTIVES


def start_kind(text: str) -> str:
    """Classify how a line starts: "lower", "digit", "upper" or "other".

    Opening quotes and brackets are skipped: ("khéo”" still starts with a lower-case letter).
    Vietnamese sentences and paragraphs start with a capital, so a lower-case start marks the
    continuation of a sentence broken by a page break.
    """
    stripped = text.lstrip(_LEADING_OPENERS)
    if not stripped:
        return "other"
    first = stripped[0]
    if first.isalpha():
        return "lower" if first.islower() else "upper"
    if first.isdigit():
        return "digit"
    return "other"


def is_mostly_upper(text: str) -> bool:
    """True for lines set in capitals (issuing body, signer's title), ignoring digits/marks."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 0.8 * len(letters)


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


# --- numbered headings ---------------------------------------------------------------------

LETTERS = "abcdđefghijklmnopqrstuvwxyz"
RANK_ROMAN = 10
RANK_ARABIC = 20
RANK_LETTER = 30
RANK_DASH = 40
RANK_PLUS = 41

_ROMAN_RE = re.compile(r"^(?P<num>[IVXL]{1,6})\s*\.\s*(?P<rest>.*)$")
_ARABIC_MULTI_RE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<rest>\S.*)$")
_ARABIC_RE = re.compile(r"^(?P<num>\d{1,2})\s*[.)]\s*(?P<rest>\S.*)$")
_LETTER_PAREN_RE = re.compile(r"^(?P<num>[a-zđ])\s*\)\s*(?P<rest>\S.*)$")
_LETTER_DOT_RE = re.compile(rf"^(?P<num>[a-zđ])\.\s+(?P<rest>[{VN_UPPER}“\"].*)$")
_DASH_RE = re.compile(r"^(?P<num>[-–—•+*])\s*(?P<rest>\S.*)$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}


@dataclass(frozen=True)
class Marker:
    """A numbering found at the start of a paragraph: kind, number as written, the rest."""

    kind: str  # "roman" | "arabic" | "letter" | "dash"
    number: str
    rest: str
    rank: int
    value: int  # ordinal used for sequence checks (I=1, 3=3, c=2 for letters, 0 for dashes)


def roman_value(text: str) -> int:
    """Value of a Roman numeral, or 0 when the letters do not form a canonical numeral."""
    total = 0
    prev = 0
    for ch in reversed(text):
        val = _ROMAN_VALUES.get(ch, 0)
        if val == 0:
            return 0
        if val < prev:
            total -= val
        else:
            total += val
            prev = val
    return total if to_roman(total) == text else 0


def to_roman(value: int) -> str:
    """Canonical Roman numeral for 1..89 (enough for section numbers)."""
    parts = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for val, sym in parts:
        while value >= val:
            out.append(sym)
            value -= val
    return "".join(out)


def classify(line: str) -> Marker | None:
    """Recognise a numbered/bulleted paragraph start; the caller still checks the sequence.

    Only patterns are checked here. "2026 - 2030." or "24/11/2023" never match (at most two
    digits followed by "." or ")"), and a Roman numeral needs a dot, so "(khóa XI) về" does
    not either.
    """
    m = _ROMAN_RE.match(line)
    if m:
        value = roman_value(m["num"])
        rest = m["rest"].strip()
        if value and value <= 30 and (not rest or start_kind(rest) in ("upper", "digit")):
            return Marker("roman", m["num"], rest, RANK_ROMAN, value)
    m = _ARABIC_MULTI_RE.match(line)
    if m:
        parts = m["num"].split(".")
        return Marker(
            "arabic", m["num"], m["rest"].strip(), RANK_ARABIC + len(parts) - 1, int(parts[-1])
        )
    m = _ARABIC_RE.match(line)
    if m:
        return Marker("arabic", m["num"], m["rest"].strip(), RANK_ARABIC, int(m["num"]))
    m = _LETTER_PAREN_RE.match(line) or _LETTER_DOT_RE.match(line)
    if m:
        return Marker("letter", m["num"], m["rest"].strip(), RANK_LETTER, LETTERS.index(m["num"]))
    m = _DASH_RE.match(line)
    if m:
        rank = RANK_PLUS if m["num"] in "+*" else RANK_DASH
        return Marker("dash", "-" if rank == RANK_DASH else "+", m["rest"].strip(), rank, 0)
    return None


# --- footnote marks in running text ------------------------------------------------------

_SUP_RUN_RE = re.compile(rf"[{SUPERSCRIPTS}]+")
_UNIT_BEFORE_RE = re.compile(r"\d\s?[kcdμ]?m$")
FN_REF_RE = re.compile(r"\[\^(\d+)\]")


def marks_to_refs(text: str) -> str:
    """Rewrite inline superscript marks as "[^n]" (but keep m², km³: those are units)."""

    def repl(m: re.Match[str]) -> str:
        """One run of superscripts: a footnote reference unless it follows a length unit."""
        if _UNIT_BEFORE_RE.search(m.string[max(0, m.start() - 4) : m.start()]):
            return m.group(0)
        return f"[^{sup_to_digits(m.group(0))}]"

    return _SUP_RUN_RE.sub(repl, text)


def strip_refs(text: str) -> str:
    """Remove "[^n]" footnote references (for titles and keys)."""
    return FN_REF_RE.sub("", text)
