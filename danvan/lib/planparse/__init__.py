"""Parse Vietnamese government plans (kế hoạch) from PDF-extracted text or .docx.

Public API::

    parse_text(text: str) -> ParsedPlan
    parse_docx(data: bytes) -> ParsedPlan
    parse_file(data: bytes, filename: str | None = None) -> ParsedPlan   # sniffs the content
    ParsedPlan.to_dict() -> dict   # JSON shape below
    ParsedPlan.outline() -> str    # plain-text outline for a CLI
    PlanParseError(ValueError)     # one-line Vietnamese message

Only the standard library is needed; python-docx is imported on the first .docx.

JSON shape of `ParsedPlan.to_dict()`::

    header      {issuer, number, symbol, place, date, year, month, type, title}
                date is "YYYY-MM-DD" or null (e.g. "ngày   tháng 4 năm 2026"); year and month
                are always present and survive a blank day; number is "" when left blank.
    preamble    text before section I ("Thực hiện Kế hoạch số ... như sau:")
    sections    [{number, path, title, text, footnotes, children}] - I → 1 → a → dash bullets;
                path is "II.1", "II.1.a", bullets "II.1-2"; text excludes children, paragraphs
                separated by "\\n"; footnote marks kept inline as "[^1]" and listed in
                `footnotes`. A heading that is a whole sentence has title "" and the sentence
                as text; "a) X: y" gives title "X", text "y".
    closing     "Trên đây là Kế hoạch ..." paragraph(s)
    footnotes   [{mark, text, section}] - section is the cite path where the mark appears
    references  [{type, number, date, issuer, title, sections}] - cited legal documents,
                de-duplicated; sections are cite paths ("preamble" for the intro/title;
                citations inside a footnote count for the footnote's section)
    assignments [{unit, duties, lead, coordinates_with}] - from "TỔ CHỨC THỰC HIỆN"
    tasks       [{section, title, text, lead, coordinators}] - one per duty: each sentence and
                bullet of the content section that asks for an action, then each duty of
                "TỔ CHỨC THỰC HIỆN" as a task of the unit it names; `text` is the duty as
                written (footnote marks kept), `title` the same without them, shortened
    recipients  [str] - "Nơi nhận:" without "- " and the final ";"/"."
    signer      {title, name, authority} - authority holds "TM. ..."/"KT. ..." lines
    warnings    [str] - Vietnamese, for the user

How the text is repaired (details in the submodules' docstrings): `footnotes` takes footnote
blocks out of the body and joins footnotes continued on the next page; `body` rejoins sentences,
words and headings split by page breaks and builds the section tree; `header` reads the header
and closing tables however they were flattened; `references` and `assign` work on the result.
"""

from __future__ import annotations

import re

from .assign import TOPICS, build_assignments, build_tasks, plan_lead
from .body import build_body
from .docx_input import docx_to_text, is_docx
from .footnotes import RawFootnote, extract_footnotes
from .header import find_closing, infer_issuer, parse_closing, parse_header
from .model import (
    PREAMBLE,
    Assignment,
    Footnote,
    Header,
    ParsedPlan,
    PlanParseError,
    Reference,
    Section,
    Signer,
    Task,
)
from .references import ReferenceCollector
from .textutil import FN_REF_RE, has_control_chars, normalize_lines

__all__ = [
    "TOPICS",
    "Assignment",
    "Footnote",
    "Header",
    "ParsedPlan",
    "PlanParseError",
    "Reference",
    "Section",
    "Signer",
    "Task",
    "parse_docx",
    "parse_file",
    "parse_text",
    "plan_lead",
]

MSG_EMPTY = "Tệp trống: không có nội dung để nhập."
MSG_NOT_TEXT = "Tệp không phải văn bản UTF-8 hoặc .docx."
MSG_NOT_PLAN = "Không nhận ra cấu trúc kế hoạch (không có tiêu đề hay mục I, II…)."
MSG_PDF = "Tệp PDF chưa được hỗ trợ: hãy chuyển sang văn bản UTF-8 hoặc .docx."
MSG_OLD_DOC = "Tệp .doc (Word cũ) chưa được hỗ trợ: hãy lưu lại thành .docx."

_KNOWN_SECTION_RE = re.compile(
    r"MỤC\s+ĐÍCH|YÊU\s+CẦU|NỘI\s+DUNG|NHIỆM\s+VỤ|GIẢI\s+PHÁP|TỔ\s+CHỨC\s+THỰC\s+HIỆN|"
    r"KINH\s+PHÍ|MỤC\s+TIÊU",
    re.IGNORECASE,
)


def parse_file(data: bytes, filename: str | None = None) -> ParsedPlan:
    """Parse an uploaded file, deciding by its content (not its name) how to read it.

    A zip holding word/document.xml is a .docx; anything else must decode as UTF-8 (a BOM is
    allowed). The file name only sharpens the error message.
    """
    if not data or not data.strip():
        raise PlanParseError(MSG_EMPTY)
    if data.startswith(b"PK"):
        if is_docx(data):
            return parse_docx(data)
        if filename and filename.lower().endswith(".docx"):
            raise PlanParseError("Tệp .docx bị hỏng hoặc không đọc được.")
        raise PlanParseError(MSG_NOT_TEXT)
    if data.startswith(b"%PDF-"):
        raise PlanParseError(MSG_PDF)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanParseError(MSG_OLD_DOC)
    if b"\x00" in data:
        raise PlanParseError(MSG_NOT_TEXT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanParseError(MSG_NOT_TEXT) from exc
    return parse_text(text)


def parse_docx(data: bytes) -> ParsedPlan:
    """Parse a .docx: its paragraphs, tables and footnotes rendered as text, then `parse_text`."""
    if not data:
        raise PlanParseError(MSG_EMPTY)
    return parse_text(docx_to_text(data))


def parse_text(text: str) -> ParsedPlan:
    """Parse the text of a plan (UTF-8 text from a PDF extraction, NFC or NFD)."""
    if has_control_chars(text):
        raise PlanParseError(MSG_NOT_TEXT)
    lines = normalize_lines(text)
    nonblank = sum(1 for line in lines if line)
    if nonblank == 0:
        raise PlanParseError(MSG_EMPTY)
    first = next(i for i, line in enumerate(lines) if line)
    last = max(i for i, line in enumerate(lines) if line)
    blanks = sum(1 for line in lines[first:last] if not line)
    # Paragraphs separated by blank lines (most PDF extractors, our .docx rendering) versus one
    # paragraph per line: decides whether consecutive lines are wraps of one paragraph.
    blank_mode = blanks >= 0.25 * nonblank

    warnings: list[str] = []
    kept, raw_notes = extract_footnotes(lines, blank_mode, warnings)
    head = parse_header(kept, blank_mode, warnings)
    closing_at = find_closing(kept, head.body_start)
    body = build_body(kept[head.body_start : closing_at], blank_mode)
    recipients, signer = parse_closing(kept[closing_at:])

    tops = body.sections
    romans = sum(1 for s in tops if s.kind == "roman")
    known = any(_KNOWN_SECTION_RE.search(s.title) for s in tops)
    if not head.found and not (romans >= 2 or (len(tops) >= 2 and known)):
        raise PlanParseError(MSG_NOT_PLAN)

    plan = ParsedPlan(
        header=head.header,
        preamble=body.preamble,
        sections=tops,
        closing=body.closing,
        recipients=recipients,
        signer=signer,
    )
    plan.footnotes = _link_footnotes(plan, raw_notes, warnings)
    _fill_issuer(plan, warnings)
    plan.references = _references(plan)
    plan.assignments = build_assignments(plan.sections, warnings)
    plan.tasks = build_tasks(plan.sections, plan.assignments)
    if not tops:
        warnings.append("Không tìm thấy mục nào (I, II… hoặc 1, 2…) trong nội dung.")
    if not recipients:
        warnings.append("Không tìm thấy phần “Nơi nhận”.")
    if signer.title is None and signer.name is None:
        warnings.append("Không tìm thấy chức danh và tên người ký.")
    plan.warnings = warnings
    return plan


def _link_footnotes(
    plan: ParsedPlan, raw_notes: list[RawFootnote], warnings: list[str]
) -> list[Footnote]:
    """Attach each footnote to the section citing its mark; warn about orphans either way."""
    cited: dict[str, str] = {}
    for mark in FN_REF_RE.findall(plan.header.title or "") + FN_REF_RE.findall(plan.preamble):
        cited.setdefault(mark, PREAMBLE)
    for node in plan.walk():
        for mark in node.footnotes:
            cited.setdefault(mark, node.cite_path)
    notes: list[Footnote] = []
    seen: set[str] = set()
    for raw in raw_notes:
        mark = raw.mark
        text = " ".join(raw.text.split())
        if mark in seen:
            warnings.append(f"Chú thích {mark} xuất hiện nhiều lần.")
        seen.add(mark)
        section = cited.get(mark)
        if section is None:
            warnings.append(f"Chú thích {mark} không được dẫn chiếu ở đâu trong nội dung.")
        notes.append(Footnote(mark, text, section))
    for mark in cited:
        if mark not in seen:
            warnings.append(
                f"Dấu chú thích {mark} có trong nội dung nhưng không thấy lời chú thích."
            )
    return notes


def _fill_issuer(plan: ParsedPlan, warnings: list[str]) -> None:
    """Infer the issuer from "UBND xã ... ban hành" when the header does not state it."""
    if plan.header.issuer:
        return
    texts = [plan.preamble, plan.closing, *(n.text for n in plan.walk())]
    for text in texts:
        issuer = infer_issuer(text)
        if issuer:
            plan.header.issuer = issuer
            plan.header.issuer_inferred = True
            warnings.append(
                f"Phần đầu không ghi cơ quan ban hành; đã suy ra “{issuer}” từ nội dung."
            )
            return
    warnings.append("Không xác định được cơ quan ban hành.")


def _references(plan: ParsedPlan) -> list[Reference]:
    """Collect references in reading order: title, preamble, sections with their footnotes."""
    collector = ReferenceCollector()
    by_mark = {f.mark: f for f in plan.footnotes}
    done: set[str] = set()
    collector.scan(plan.header.title or "", PREAMBLE)
    collector.scan(plan.preamble, PREAMBLE)
    for node in plan.walk():
        collector.scan(f"{node.title}\n{node.text}", node.cite_path)
        for mark in node.footnotes:
            note = by_mark.get(mark)
            if note is not None and mark not in done:
                done.add(mark)
                collector.scan(note.text, note.section)
    for note in plan.footnotes:
        if note.mark not in done:
            collector.scan(note.text, note.section)
    return collector.references()
