"""The header (issuer, number, place and date, type, title) and the closing block.

Both are two-column tables in the document; extractors flatten them to " | "-separated cells,
to separate lines, or to one line with both columns run together. Each cell is therefore
*peeled*: known patterns (motto, "Số: ...", "..., ngày ... tháng ... năm ...") are cut out
wherever they stand, and what remains in capitals is the issuing body.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .model import Header, Signer
from .textutil import (
    CONNECTIVES,
    VN_UPPER,
    classify,
    ends_terminal,
    is_mostly_upper,
    last_word,
    start_kind,
)

Line = tuple[str, bool]

_TYPES = (
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH",
    "QUYẾT ĐỊNH",
    "BÁO CÁO",
    "HƯỚNG DẪN",
    "ĐỀ ÁN",
    "THÔNG BÁO",
    "TỜ TRÌNH",
    "NGHỊ QUYẾT",
    "CHỈ THỊ",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "KẾT LUẬN",
    "CÔNG VĂN",
)
_TYPE_RE = re.compile(r"^(?P<type>" + "|".join(_TYPES) + r")(?:\s+(?P<rest>.+))?$")
_MOTTO_RES = (
    re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA(?:\s+VIỆT\s+NAM)?", re.IGNORECASE),
    re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do(?:\s*[-–—]\s*(?:Hạnh\s+phúc)?)?", re.IGNORECASE),
    re.compile(r"^\s*Độc\s+lập\s*[-–—]?\s*$", re.IGNORECASE),
    re.compile(r"^\s*Tự\s+do\s*[-–—]\s*(?:Hạnh\s+phúc)?", re.IGNORECASE),
    re.compile(r"^\s*(?:[-–—]\s*)?Hạnh\s+phúc\s*$", re.IGNORECASE),
    re.compile(r"^\s*VIỆT\s+NAM\s*$"),
)
_NUMBER_RE = re.compile(
    r"\bSố\s*[:.]?\s*(?P<num>\d+)?[\s.…_]*[-/]\s*(?P<sym>[A-ZĐ][A-Za-zĐđ0-9\-/]*)"
)
_DATE_RE = re.compile(
    r"(?P<place>[^,|]*?)\s*,?\s*ngày\s*(?P<d>\d{1,2})?[\s.…_]*tháng\s*(?P<m>\d{1,2})?"
    r"[\s.…_]*năm\s*(?P<y>\d{4})"
)
_ORGANS = (
    (re.compile(r"^(?:ỦY|UỶ|UY)\s+BAN\s+NHÂN\s+DÂN\b"), "UBND"),
    (re.compile(r"^UBND\b"), "UBND"),
    (re.compile(r"^HỘI\s+ĐỒNG\s+NHÂN\s+DÂN\b"), "HĐND"),
    (re.compile(r"^HĐND\b"), "HĐND"),
)
_LOCALITY_RE = re.compile(
    r"(?:^|\s)(?P<lvl>THỊ\s+TRẤN|THỊ\s+XÃ|THÀNH\s+PHỐ|ĐẶC\s+KHU|PHƯỜNG|HUYỆN|QUẬN|TỈNH|XÃ)"
    r"\s+(?P<name>.+)$"
)
_INFER_ISSUER_RE = re.compile(
    r"(?:UBND|[UỦ][ỶY]\s+ban\s+nhân\s+dân)\s+"
    r"(?P<lvl>xã|phường|thị\s+trấn|thị\s+xã|huyện|quận|thành\s+phố|tỉnh|đặc\s+khu)\s+"
    rf"(?P<name>(?:[{VN_UPPER}][^\s,.;:]*\s+){{1,4}}?)(?:ban\s+hành|xây\s+dựng)"
)
_CELL_SPLIT_RE = re.compile(r"\s*\|\s*")
_PREAMBLE_START_RE = re.compile(r"^(?:Căn\s+cứ|Thực\s+hiện\s+\S+\s+số|Theo\s+đề\s+nghị)\b")

_NOI_NHAN_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_AUTHORITY_RE = re.compile(r"^(?:TM|T/M|KT|K/T|TL|T/L|TUQ|Q)\s*\.?\s+\S")
_POSITION_RE = re.compile(
    r"\b(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+(?:BAN|PHÒNG)|BÍ\s+THƯ|CHÁNH\s+VĂN\s+PHÒNG|"
    r"THỦ\s+TRƯỞNG|CHỦ\s+NHIỆM|TỔNG\s+BIÊN\s+TẬP|TRƯỞNG\s+CÔNG\s+AN|CHỈ\s+HUY\s+TRƯỞNG)\b"
)
_SIGNATURE_NOISE_RE = re.compile(
    r"^[\[(]?\s*(?:đã\s+ký|ký|ký\s+tên|đóng\s+dấu|ký,?\s*đóng\s+dấu|ký,?\s*ghi\s+rõ[^)\]]*|"
    r"chữ\s+ký[^)\]]*|daky)\s*[\])]?$",
    re.IGNORECASE,
)
_NAME_RE = re.compile(rf"^(?:[{VN_UPPER}][^\s{VN_UPPER}]*\s+){{1,5}}[{VN_UPPER}][^\s{VN_UPPER}]*$")
_BULLET_RE = re.compile(r"^[-–—•+*]\s*")


def split_cells(line: str) -> list[str]:
    """Cells of a flattened table row ("a | b"), empty cells dropped."""
    return [c for c in _CELL_SPLIT_RE.split(line) if c]


def _iso_date(year: int, month: int, day: int) -> str | None:
    """ISO date, or None when the numbers are not a calendar date."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def format_org(text: str) -> str:
    """Sentence-case an issuing body set in capitals: "ỦY BAN NHÂN DÂN XÃ HỒNG PHONG" →
    "UBND xã Hồng Phong"; keeps mixed-case text as written."""
    text = " ".join(text.split())
    if not is_mostly_upper(text):
        return text
    head = ""
    for rx, short in _ORGANS:
        m = rx.match(text)
        if m:
            head, text = short, text[m.end() :].strip()
            break
    loc = _LOCALITY_RE.search(text)
    if loc:
        prefix = text[: loc.start()].strip()
        place = f"{loc['lvl'].lower()} {loc['name'].title()}"
        tail = f"{prefix[0]}{prefix[1:].lower()} {place}" if prefix else place
    else:
        tail = f"{text[0]}{text[1:].lower()}" if text else ""
    return " ".join(x for x in (head, tail) if x)


@dataclass
class HeaderResult:
    """Parsed header plus where the body starts and whether any header part was found."""

    header: Header
    body_start: int
    found: bool
    issuer_lines: list[str] = field(default_factory=list)


def _peel(cell: str, header: Header, issuer_lines: list[str]) -> tuple[bool, bool]:
    """Cut known header patterns out of one cell.

    Returns (consumed, strong): consumed when nothing but header material was in the cell;
    strong when it held the motto, the number or the date. A line in capitals alone is not
    strong evidence of a plan ("HELLO WORLD" would be an issuer otherwise).
    """
    rest = cell
    found = False
    for rx in _MOTTO_RES:
        rest, n = rx.subn(" ", rest)
        found = found or n > 0
    m = _NUMBER_RE.search(rest)
    if m:
        found = True
        if header.symbol is None:
            header.number = m["num"] or ""
            header.symbol = m["sym"].rstrip("-/")
        rest = f"{rest[: m.start()]} {rest[m.end() :]}"
    m = _DATE_RE.search(rest)
    if m:
        found = True
        if header.year is None:
            place = m["place"].strip(" ,")
            header.place = place or None
            header.year = int(m["y"])
            header.month = int(m["m"]) if m["m"] else None
            if m["d"] and m["m"]:
                header.date = _iso_date(int(m["y"]), int(m["m"]), int(m["d"]))
        rest = f"{rest[: m.start()]} {rest[m.end() :]}"
    rest = " ".join(rest.split()).strip(" -–")
    if not rest:
        return True, found
    if is_mostly_upper(rest) and classify(rest) is None and _TYPE_RE.match(rest) is None:
        issuer_lines.append(rest)
        return True, found
    return False, found


def _title_lines(lines: list[Line], start: int, blank_mode: bool) -> tuple[list[str], int]:
    """The title (trích yếu) after the type line; returns its lines and the next index.

    The title is the block right after the type line. In blank-line separated text its lines
    are consecutive; a part after a blank line is taken only if it starts in lower case or
    follows a connective (the title went on). In line-per-paragraph text every next line must
    do so. Long or sentence-ending lines end the title: they are the preamble.
    """
    n = len(lines)
    i = start
    parts: list[str] = []
    while i < n:
        text, blank = lines[i]
        marker = classify(text)
        if (marker is not None and marker.kind != "dash") or len(text) > 160:
            break
        if parts:
            prev = parts[-1]
            if ends_terminal(prev):
                break
            follows = start_kind(text) == "lower" or last_word(prev) in CONNECTIVES
            soft = blank_mode and not blank
            if not soft and not follows:
                break
            # a title line never ends with punctuation nor opens with "Căn cứ": that is the
            # preamble printed right under the title
            if not follows and (ends_terminal(text) or _PREAMBLE_START_RE.match(text)):
                break
        parts.append(text)
        i += 1
    return parts, i


def parse_header(lines: list[Line], blank_mode: bool, warnings: list[str]) -> HeaderResult:
    """Find the header at the top of the document (see the module docstring)."""
    header = Header()
    issuer_lines: list[str] = []
    type_index = -1
    for i, (text, _) in enumerate(lines[:80]):
        marker = classify(text)
        if marker is not None and marker.kind == "roman":
            break
        cells = split_cells(text)
        if any(_TYPE_RE.match(c) for c in cells):
            type_index = i
            break
    found = False
    if type_index >= 0:
        for text, _ in lines[:type_index]:
            for cell in split_cells(text):
                _peel(cell, header, issuer_lines)
        type_cell = next(c for c in split_cells(lines[type_index][0]) if _TYPE_RE.match(c))
        m = _TYPE_RE.match(type_cell)
        assert m is not None
        header.type = m["type"][0] + m["type"][1:].lower()
        found = True
        first = [m["rest"]] if m["rest"] else []
        parts, body_start = _title_lines(lines, type_index + 1, blank_mode)
        title = " ".join(first + parts).strip()
        header.title = title or None
    else:
        body_start = 0
        for i, (text, _) in enumerate(lines[:40]):
            if not text:
                continue
            peeled = [_peel(c, header, issuer_lines) for c in split_cells(text)]
            if not all(consumed for consumed, _ in peeled):
                break
            found = found or any(strong for _, strong in peeled)
            body_start = i + 1
    if issuer_lines:
        if len(issuer_lines) >= 2 and _LOCALITY_RE.match(issuer_lines[-1]):
            header.issuer = format_org(f"{issuer_lines[-2]} {issuer_lines[-1]}")
        else:
            header.issuer = format_org(issuer_lines[-1])
    if header.type is None and found:
        warnings.append("Không tìm thấy loại văn bản (KẾ HOẠCH) và trích yếu ở phần đầu.")
    if header.type and header.type != "Kế hoạch":
        warnings.append(f"Văn bản có vẻ không phải kế hoạch (loại: {header.type}).")
    if header.symbol is not None and header.number == "":
        warnings.append(f"Số văn bản còn để trống (Số: …/{header.symbol}).")
    if header.year is not None and header.date is None:
        when = f"tháng {header.month} năm {header.year}" if header.month else f"năm {header.year}"
        warnings.append(f"Ngày ban hành còn để trống ({when}).")
    return HeaderResult(header, body_start, found, issuer_lines)


def infer_issuer(text: str) -> str | None:
    """Issuer named in the text ("UBND xã Hồng Phong ban hành ...") when the header lacks it."""
    m = _INFER_ISSUER_RE.search(text)
    if not m:
        return None
    level = " ".join(m["lvl"].split())
    return f"UBND {level} {' '.join(m['name'].split())}"


# --- closing block ------------------------------------------------------------------------


def is_signer_line(text: str) -> bool:
    """ "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH": the signing block."""
    if not is_mostly_upper(text) or len(text) > 60:
        return False
    return bool(_AUTHORITY_RE.match(text) or _POSITION_RE.search(text))


def find_closing(lines: list[Line], start: int) -> int:
    """Index where the closing block ("Nơi nhận:" and the signature) begins."""
    n = len(lines)
    for i in range(start, n):
        cells = split_cells(lines[i][0])
        if cells and _NOI_NHAN_RE.match(cells[0]):
            j = i
            while j - 1 >= start and (not lines[j - 1][0] or is_signer_line(lines[j - 1][0])):
                j -= 1
            while j < i and not lines[j][0]:
                j += 1
            return j
    for i in range(start, n):
        cells = split_cells(lines[i][0])
        if cells and is_signer_line(cells[-1]) and all(len(t) <= 80 for t, _ in lines[i:]):
            return i
    return n


def _clean_recipient(text: str) -> str:
    """ "- Ban biên tập Trang TTĐT xã; (đăng tin)" → "Ban biên tập Trang TTĐT xã (đăng tin)"."""
    text = _BULLET_RE.sub("", text).strip()
    text = re.sub(r"[;,]\s*(\([^)]*\))\s*[;.,]?$", r" \1", text)
    return text.rstrip(" ;,.")


def parse_closing(lines: list[Line]) -> tuple[list[str], Signer]:
    """Recipients ("Nơi nhận:") and the signer from the closing block.

    Cells of a flattened two-column table and separate lines are handled alike: bullets after
    "Nơi nhận" are recipients, capitalised "TM."/"KT."/position lines and the name are the
    signer's, and a line continuing an unfinished recipient is joined to it.
    """
    recipients: list[str] = []
    signer_lines: list[str] = []
    in_recipients = False
    open_recipient = False  # the last recipient line did not end with ";" or "."
    for text, _ in lines:
        for cell in split_cells(text):
            m = _NOI_NHAN_RE.match(cell)
            if m:
                in_recipients = True
                if m["rest"]:
                    recipients.append(_clean_recipient(m["rest"]))
                continue
            if _SIGNATURE_NOISE_RE.match(cell):
                continue
            if in_recipients and _BULLET_RE.match(cell):
                recipients.append(_clean_recipient(cell))
                open_recipient = not cell.rstrip(" )").endswith((";", "."))
                continue
            if is_signer_line(cell) or _NAME_RE.match(cell) or is_mostly_upper(cell):
                signer_lines.append(cell)
                continue
            if in_recipients and recipients and open_recipient:
                recipients[-1] = _clean_recipient(f"{recipients[-1]} {cell}")
                open_recipient = not cell.rstrip(" )").endswith((";", "."))
                continue
            signer_lines.append(cell)
    return [r for r in recipients if r], _signer(signer_lines)


def _signer(cells: list[str]) -> Signer:
    """Pick authority lines, the title and the name out of the signature cells."""
    signer = Signer()
    for cell in cells:
        text = " ".join(cell.split())
        if _AUTHORITY_RE.match(text) and is_mostly_upper(text):
            signer.authority.append(text)
        elif is_mostly_upper(text) and _POSITION_RE.search(text):
            signer.title = text
        else:
            looks_like_name = bool(_NAME_RE.match(text)) or (
                signer.title is not None and is_mostly_upper(text)
            )
            if looks_like_name and (signer.title is not None or signer.name is None):
                signer.name = text
    if signer.title is None and signer.authority:
        last = signer.authority.pop()
        signer.title = re.sub(r"^(?:KT|K/T|Q)\s*\.?\s*", "", last)
    return signer
