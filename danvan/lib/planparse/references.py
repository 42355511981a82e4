"""Cited legal documents: "Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của ... về ...".

A reference is a type word ("Nghị quyết", "Chỉ thị", ...), optionally "số", and a number with
its symbol ("43-NQ/TW", "59/2023/NĐ-CP", "88/2019/QH14"); or, for laws, "Luật" and a
capitalised name ("Luật Thực hiện dân chủ ở cơ sở"), which may be followed by its number and
date ("Luật Tiếp công dân số 42/2013/QH13 ngày 25/11/2013"). After it come, in this order and each
optional: the date ("ngày 24/11/2023"), the issuer ("của Ban Bí thư"), the subject ("về ...").

The subject runs to the end of the clause: ";", a full stop, the end of the paragraph, or the
next reference when a list separator ("," / "và") stands before it. A reference nested inside
the subject ("về tiếp tục thực hiện Nghị quyết số 25-NQ/TW ...") stays part of the subject and
is also recorded on its own. Without "về", a subject introduced by "phê duyệt", "quy định",
"hướng dẫn", "ban hành" is taken from that verb. References are de-duplicated by type and number
(type and name for laws); later citations fill fields that earlier ones lacked.
"""

from __future__ import annotations

import datetime
import re

from .model import Reference
from .textutil import VN_UPPER, strip_refs

_TYPES = (
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Kết luận",
    "Kế hoạch",
    "Chương trình",
    "Quy định",
    "Quy chế",
    "Đề án",
    "Thông tư",
    "Công văn",
    "Hướng dẫn",
    "Thông báo",
    "Thông tri",
    "Báo cáo",
    "Tờ trình",
    "Văn bản",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Điều lệ",
)
_CANON = {t.lower(): t for t in _TYPES}
_TYPE_ALT = "|".join(t.replace(" ", r"\s+") for t in sorted(_TYPES, key=len, reverse=True))
_NUMBERED_RE = re.compile(
    rf"(?<!\w)(?P<type>(?i:{_TYPE_ALT}))\s+(?:(?i:số)\s*[:.]?\s*)?"
    r"(?P<num>\d{1,5}(?:/\d{4})?(?:[-/][A-ZĐ][A-Za-zĐđ0-9]*)+)(?!\w)"
)
_LAW_RE = re.compile(
    rf"(?<!\w)(?P<type>Bộ\s+luật|Luật|Pháp\s+lệnh)\s+(?P<name>[{VN_UPPER}][^\n;.()\[“”\"]*)"
)
# "Luật Tiếp công dân số 42/2013/QH13 ngày 25/11/2013": the law's name first, its number after.
_LAW_NUMBER_RE = re.compile(
    r"\s*,?\s*(?i:số)\s*[:.]?\s*(?P<num>\d{1,5}(?:/\d{4})?(?:[-/][A-ZĐ][A-Za-zĐđ0-9]*)+)(?!\w)"
)
_NAME_STOP_RE = re.compile(
    r"\s+(?:năm\s+\d{4}|số|và|của|để|nhằm|được|đã|trong|theo|tại|với|về|cho|là|thì|đến|"
    r"từ|gồm|ngày|sửa\s+đổi|hiện\s+hành)(?!\w)|,(?!\s*chống\b)"
)
_DATE_AFTER_RE = re.compile(
    r"\s*,?\s*(?:được\s+)?(?:ban\s+hành\s+)?ngày\s+(?:"
    r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))"
)
_CLAUSE_END_RE = re.compile(r";|\.(?=\s|$)|\n")
_SEPARATOR_TAIL_RE = re.compile(r"(?:,|\bvà|\bhoặc|\bcùng)\s*(?:các\s+)?$")
# Phrases that start a new predicate after the subject: "... chuyển đổi số quốc gia tập trung
# vào việc tuyên truyền ..." - the subject stops there.
_PREDICATE_RE = re.compile(
    r",?\s+(?:tập\s+trung\s+vào|gắn\s+với|từ\s+đó|đồng\s+thời|góp\s+phần)(?!\w)"
)
_OF_RE = re.compile(r"^\s*,?\s*của\s+")
_ISSUER_STOP_RE = re.compile(
    r"\s+(?:về|phê\s+duyệt|quy\s+định|hướng\s+dẫn|ban\s+hành|sửa\s+đổi|bổ\s+sung)(?!\w)"
    r"|\s*[“\"]|[,;]|\[\^"
)
_ABOUT_RE = re.compile(r"(?:^|[\s“\"(])[Vv]ề\s+")
_VERB_SUBJECT_RE = re.compile(
    r"^\s*,?\s*(?:phê\s+duyệt|quy\s+định|hướng\s+dẫn|ban\s+hành|sửa\s+đổi|bổ\s+sung)(?!\w)"
)
_COUNCIL_RE = re.compile(
    r"\b(?:[UỦ][ỶY]\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân)\b", re.IGNORECASE
)
_COUNCIL_SHORT = {"u": "UBND", "ủ": "UBND", "h": "HĐND"}
_ISSUER_CANON = {
    "thủ tướng chính phủ": "Thủ tướng Chính phủ",
    "chính phủ": "Chính phủ",
    "quốc hội": "Quốc hội",
    "bộ chính trị": "Bộ Chính trị",
    "ban bí thư": "Ban Bí thư",
    "ban bí thư trung ương đảng": "Ban Bí thư Trung ương Đảng",
}
# Issuer implied by the last part of the symbol when the text does not name it.
_SUFFIX_ISSUER = {
    "TW": "Trung ương Đảng",
    "TƯ": "Trung ương Đảng",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "ĐU": "Đảng ủy",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "HĐND": "HĐND",
    "UBND": "UBND",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "MTTQ": "Ủy ban MTTQ Việt Nam",
}
_LAW_ISSUER = {
    "Luật": "Quốc hội",
    "Bộ luật": "Quốc hội",
    "Pháp lệnh": "Ủy ban Thường vụ Quốc hội",
}


def issuer_from_symbol(number: str) -> str | None:
    """ "59/2023/NĐ-CP" → "Chính phủ", "88/2019/QH14" → "Quốc hội" (suffix convention)."""
    last = re.split(r"[-/]", number)[-1]
    if re.fullmatch(r"QH\d*", last):
        return "Quốc hội"
    return _SUFFIX_ISSUER.get(last)


def _iso(day: str | None, month: str | None, year: str | None) -> str | None:
    """ISO date from the three parts, or None when incomplete or impossible."""
    if not (day and month and year):
        return None
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _clean(text: str) -> str:
    """Strip footnote refs, quotes and trailing punctuation from an issuer or subject."""
    text = " ".join(strip_refs(text).split())
    return text.strip(" ,;:.“”\"'")


def _issuer_and_title(segment: str) -> tuple[str | None, str | None]:
    """Split the text after number/date into the issuer ("của ...") and the subject."""
    issuer: str | None = None
    rest = segment
    m = _OF_RE.match(rest)
    if m:
        tail = rest[m.end() :]
        stop = _ISSUER_STOP_RE.search(tail)
        issuer = _clean(tail[: stop.start()] if stop else tail) or None
        rest = tail[stop.start() :] if stop else ""
        if issuer is not None:
            issuer = _ISSUER_CANON.get(issuer.lower(), issuer)
            issuer = _COUNCIL_RE.sub(lambda m: _COUNCIL_SHORT[m[0][0].lower()], issuer)
    title: str | None = None
    about = _ABOUT_RE.search(rest)
    if about:
        title = _clean(rest[about.end() :]) or None
    elif _VERB_SUBJECT_RE.match(rest):
        title = _clean(rest) or None
    return issuer, title


def _clause_end(text: str, pos: int, later: list[int]) -> int:
    """Where the clause that starts at `pos` ends (see the module docstring)."""
    m = _CLAUSE_END_RE.search(text, pos)
    end = m.start() if m else len(text)
    for start in later:
        if start >= end:
            break
        low = max(pos, start - 12)
        sep = _SEPARATOR_TAIL_RE.search(text[low:start]) if start > pos else None
        if sep:
            return low + sep.start()
    brk = _PREDICATE_RE.search(text, pos, end)
    return brk.start() if brk else end


class ReferenceCollector:
    """Accumulates references over the plan's texts, de-duplicating as it goes."""

    def __init__(self) -> None:
        """No references yet; keys are (type, number) or (type, law name in lower case)."""
        self._by_key: dict[tuple[str, str], Reference] = {}

    def _add(
        self, ref: Reference, key: tuple[str, str] | list[tuple[str, str]], section: str | None
    ) -> None:
        """Record one citation; merge into the first one with the same key (a law has two:
        its name and, once cited with it, its number)."""
        keys = key if isinstance(key, list) else [key]
        known = next((self._by_key[k] for k in keys if k in self._by_key), None)
        if known is None:
            known = ref
        else:
            known.number = known.number or ref.number
            known.date = known.date or ref.date
            known.issuer = known.issuer or ref.issuer
            known.title = known.title or ref.title
        for k in keys:
            self._by_key.setdefault(k, known)
        if section and section not in known.sections:
            known.sections.append(section)

    def scan(self, text: str, section: str | None) -> None:
        """Find every reference in one text (a section, a footnote, the preamble)."""
        found: list[tuple[int, int, str, str | None, str | None, str | None]] = []
        spans: list[tuple[int, int]] = []
        for m in _NUMBERED_RE.finditer(text):
            end = m.end()
            date = None
            d = _DATE_AFTER_RE.match(text, end)
            if d:
                date = _iso(d["d"] or d["d2"], d["m"] or d["m2"], d["y"] or d["y2"])
                end = d.end()
            kind = _CANON[" ".join(m["type"].lower().split())]
            found.append((m.start(), end, kind, m["num"], date, None))
            spans.append((m.start(), m.end()))
        # Searched again after each name, not with finditer: the pattern's greedy name would
        # swallow the next law of a list ("Luật A và Luật B số ...").
        pos = 0
        while law := _LAW_RE.search(text, pos):
            pos = law.start() + 1
            if any(a <= law.start() < b for a, b in spans):
                continue
            name = law["name"]
            stop = _NAME_STOP_RE.search(name)
            if stop:
                name = name[: stop.start()]
            name = name.rstrip(" ,")
            end = law.start("name") + len(name)
            name = " ".join(name.split()[:10])
            if not name:
                continue
            pos = end
            kind = _CANON[" ".join(law["type"].lower().split())]
            number = date = None
            numbered = _LAW_NUMBER_RE.match(text, end)
            if numbered:
                number, end = numbered["num"], numbered.end()
                d = _DATE_AFTER_RE.match(text, end)
                if d:
                    date = _iso(d["d"] or d["d2"], d["m"] or d["m2"], d["y"] or d["y2"])
                    end = d.end()
            found.append((law.start(), end, kind, number, date, name))
        found.sort()
        starts = [f[0] for f in found]
        for i, (_start, end, kind, number, date, name) in enumerate(found):
            clause = _clause_end(text, end, starts[i + 1 :])
            issuer, title = _issuer_and_title(text[end:clause])
            if name is None:
                assert number is not None
                ref = Reference(kind, number, date, issuer, title)
                self._add(ref, (kind, number), section)
            else:
                # A law is one document whether cited by its name alone or with its number.
                issuer = issuer or _LAW_ISSUER.get(kind)
                ref = Reference(kind, number, date, issuer, name)
                keys = [(kind, name.lower())] + ([(kind, number)] if number else [])
                self._add(ref, keys, section)

    def references(self) -> list[Reference]:
        """All references in order of first citation, issuers implied by symbols filled in."""
        out = list({id(r): r for r in self._by_key.values()}.values())
        for ref in out:
            if ref.issuer is None and ref.number:
                ref.issuer = issuer_from_symbol(ref.number)
        return out
