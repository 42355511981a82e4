"""Turn a .docx into the text the rest of the parser reads.

The .docx path produces the same shape of text as a PDF extraction, so that one pipeline serves
both: paragraphs separated by blank lines; each table row flattened to " | "-separated cells,
the n-th paragraphs of the cells side by side (so the two-column header gives
"ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); real Word footnotes become superscript
marks in the text and "¹ text" paragraphs at the end; digits in superscript runs become
superscript characters. python-docx is imported here only, on first use.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from .model import PlanParseError
from .textutil import digits_to_sup

MSG_BAD_DOCX = "Tệp .docx bị hỏng hoặc không đọc được."
MSG_NO_LIBRARY = "Thiếu thư viện python-docx nên không đọc được tệp .docx."
_SKIPPED_NOTES = ("separator", "continuationSeparator", "continuationNotice")


def is_docx(data: bytes) -> bool:
    """A zip archive that holds word/document.xml."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


class _Reader:
    """Walks WordprocessingML elements and renders their text."""

    def __init__(self, qn: Callable[[str], str]) -> None:
        """Resolve the qualified tag names once: the walk compares tags for every element."""
        self.t_p = qn("w:p")
        self.t_r = qn("w:r")
        self.t_t = qn("w:t")
        self.t_tab = qn("w:tab")
        self.t_br = qn("w:br")
        self.t_cr = qn("w:cr")
        self.t_rpr = qn("w:rPr")
        self.t_valign = qn("w:vertAlign")
        self.t_fnref = qn("w:footnoteReference")
        self.t_tr = qn("w:tr")
        self.t_tc = qn("w:tc")
        self.a_val = qn("w:val")
        self.a_id = qn("w:id")
        self.a_type = qn("w:type")
        self.t_footnote = qn("w:footnote")
        self.order: dict[str, str] = {}  # footnote id → number shown in the text

    def paragraph(self, p: Any) -> str:
        """Text of one paragraph, with footnote references as superscript marks."""
        out: list[str] = []
        for run in p.iter(self.t_r):
            rpr = run.find(self.t_rpr)
            valign = rpr.find(self.t_valign) if rpr is not None else None
            sup = valign is not None and valign.get(self.a_val) == "superscript"
            for el in run:
                if el.tag == self.t_t:
                    text = el.text or ""
                    if sup and text.strip().isdigit():
                        text = digits_to_sup(text.strip())
                    out.append(text)
                elif el.tag == self.t_tab:
                    out.append(" ")
                elif el.tag in (self.t_br, self.t_cr):
                    out.append("\n")
                elif el.tag == self.t_fnref:
                    ident = str(el.get(self.a_id))
                    number = self.order.setdefault(ident, str(len(self.order) + 1))
                    out.append(digits_to_sup(number))
        return "".join(out)

    def table(self, tbl: Any) -> list[str]:
        """Rows as lines; the i-th paragraphs of a row's cells joined with " | "."""
        lines: list[str] = []
        for row in tbl.iter(self.t_tr):
            cells: list[list[str]] = []
            for cell in row.iterchildren(self.t_tc):
                paras = [self.paragraph(p).strip() for p in cell.iterchildren(self.t_p)]
                cells.append([p for p in paras if p])
            depth = max((len(c) for c in cells), default=0)
            for i in range(depth):
                lines.append(" | ".join(c[i] for c in cells if i < len(c)))
        return lines


def _footnotes(document: Any, reader: _Reader, parse_xml: Callable[[bytes], Any]) -> dict[str, str]:
    """Footnote id → text, read from word/footnotes.xml when the document has one."""
    part = None
    for rel in document.part.rels.values():
        if not rel.is_external and str(rel.reltype).endswith("/footnotes"):
            part = rel.target_part
    if part is None:
        return {}
    root = parse_xml(part.blob)
    notes: dict[str, str] = {}
    for note in root.iterchildren(reader.t_footnote):
        if note.get(reader.a_type) in _SKIPPED_NOTES:
            continue
        paras = [reader.paragraph(p).strip() for p in note.iter(reader.t_p)]
        notes[str(note.get(reader.a_id))] = " ".join(p for p in paras if p)
    return notes


def docx_to_text(data: bytes) -> str:
    """The .docx as text (see the module docstring); PlanParseError if it cannot be read."""
    try:
        import docx
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise PlanParseError(MSG_NO_LIBRARY) from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise PlanParseError(MSG_BAD_DOCX) from exc
    reader = _Reader(qn)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == reader.t_p:
            lines.extend((reader.paragraph(child), ""))
        elif child.tag == qn("w:tbl"):
            lines.extend((*reader.table(child), ""))
    notes = _footnotes(document, reader, parse_xml)
    for ident, number in sorted(reader.order.items(), key=lambda kv: int(kv[1])):
        text = notes.get(ident)
        if text:
            lines.extend((f"{digits_to_sup(number)} {text}", ""))
    return "\n".join(lines)
