"""The parse result: plain dataclasses with a JSON-ready `to_dict()` and a text outline.

Plain dataclasses (no Django, no pydantic) so that the parser can run in a CLI, a worker or a
test without the web project, and so that the JSON shape is written down in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .textutil import strip_refs

PREAMBLE = "preamble"  # section label for text before section I (and for the title)
_SEPARATORS = {"roman": ". ", "arabic": ". ", "letter": ") ", "dash": " "}


class PlanParseError(ValueError):
    """The input cannot be read as a plan; the message is one line in Vietnamese for users."""


@dataclass
class Header:
    """The document's identity block: issuer, "Số: .../KH-UBND", place and date, type, title."""

    issuer: str | None = None
    number: str | None = None
    symbol: str | None = None
    place: str | None = None
    date: str | None = None
    year: int | None = None
    month: int | None = None
    type: str | None = None
    title: str | None = None
    issuer_inferred: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON shape; `year`/`month` are always present (they survive a blank day)."""
        return {
            "issuer": self.issuer,
            "number": self.number,
            "symbol": self.symbol,
            "place": self.place,
            "date": self.date,
            "year": self.year,
            "month": self.month,
            "type": self.type,
            "title": self.title,
        }


@dataclass
class Section:
    """One numbered node: I → 1 → a → dash bullets. `text` excludes the children's text."""

    number: str
    title: str
    text: str
    path: str
    kind: str  # "roman" | "arabic" | "letter" | "dash"
    children: list[Section] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    cite_path: str = ""  # path used when citing: the nearest numbered node (not a dash)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of a node and its subtree."""
        return {
            "number": self.number,
            "path": self.path,
            "title": self.title,
            "text": self.text,
            "footnotes": list(self.footnotes),
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self) -> Iterator[Section]:
        """This node and its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """Own text plus the descendants' headings and texts, for tasks and keyword matching."""
        parts = [self.text] if self.text else []
        for child in self.children:
            head = f"{child.number}{_SEPARATORS[child.kind]}{child.title}".rstrip()
            body = child.full_text()
            if child.title and body:
                parts.extend((head, body))
            else:
                parts.append(f"{head} {body}".rstrip())
        return "\n".join(p for p in parts if p)

    def label(self) -> str:
        """Heading as printed: "II. NỘI DUNG", "1. Mục đích", "a) ...", "- ..."."""
        shown = self.title or _shorten(strip_refs(self.text), 90)
        return f"{self.number}{_SEPARATORS[self.kind]}{shown}"


@dataclass
class Footnote:
    """A footnote, its full text (joined across pages) and the section citing it."""

    mark: str
    text: str
    section: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {"mark": self.mark, "text": self.text, "section": self.section}


@dataclass
class Reference:
    """A cited legal document, de-duplicated over the whole plan."""

    type: str
    number: str | None
    date: str | None
    issuer: str | None
    title: str | None
    sections: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "type": self.type,
            "number": self.number,
            "date": self.date,
            "issuer": self.issuer,
            "title": self.title,
            "sections": list(self.sections),
        }


@dataclass
class Assignment:
    """A unit named under "TỔ CHỨC THỰC HIỆN" and what it is asked to do."""

    unit: str
    duties: list[str] = field(default_factory=list)
    lead: bool = False
    coordinates_with: list[str] = field(default_factory=list)
    section: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "unit": self.unit,
            "duties": list(self.duties),
            "lead": self.lead,
            "coordinates_with": list(self.coordinates_with),
        }


@dataclass
class Task:
    """A suggested task for one item of the content section, with inferred lead/coordinators."""

    section: str
    title: str
    text: str
    lead: str | None = None
    coordinators: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "section": self.section,
            "title": self.title,
            "text": self.text,
            "lead": self.lead,
            "coordinators": list(self.coordinators),
        }


@dataclass
class Signer:
    """Who signs: the title line ("CHỦ TỊCH"), the name, and "TM."/"KT." authority lines."""

    title: str | None = None
    name: str | None = None
    authority: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {"title": self.title, "name": self.name, "authority": list(self.authority)}


@dataclass
class ParsedPlan:
    """Everything recovered from one plan document."""

    header: Header = field(default_factory=Header)
    preamble: str = ""
    sections: list[Section] = field(default_factory=list)
    closing: str = ""
    footnotes: list[Footnote] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in the package docstring."""
        return {
            "header": self.header.to_dict(),
            "preamble": self.preamble,
            "sections": [s.to_dict() for s in self.sections],
            "closing": self.closing,
            "footnotes": [f.to_dict() for f in self.footnotes],
            "references": [r.to_dict() for r in self.references],
            "assignments": [a.to_dict() for a in self.assignments],
            "tasks": [t.to_dict() for t in self.tasks],
            "recipients": list(self.recipients),
            "signer": self.signer.to_dict(),
            "warnings": list(self.warnings),
        }

    def walk(self) -> Iterator[Section]:
        """All section nodes in document order."""
        for section in self.sections:
            yield from section.walk()

    def section(self, path: str) -> Section | None:
        """The node with this path ("II.3"), or None."""
        for node in self.walk():
            if node.path == path:
                return node
        return None

    def outline(self) -> str:
        """A readable plain-text summary (Vietnamese labels) for a CLI without --json."""
        h = self.header
        out: list[str] = []
        out.append((h.type or "Văn bản").upper())
        if h.title:
            out.append(h.title)
        issuer = h.issuer or "(không rõ)"
        out.append(
            f"Cơ quan ban hành: {issuer}{' (suy ra từ nội dung)' if h.issuer_inferred else ''}"
        )
        if h.symbol is not None or h.number is not None:
            out.append(f"Số: {h.number or '…'}/{h.symbol or '…'}")
        if h.date:
            out.append(f"Ngày: {h.date}{f' tại {h.place}' if h.place else ''}")
        elif h.year:
            month = f"tháng {h.month} " if h.month else ""
            out.append(f"Ngày: … {month}năm {h.year}{f' tại {h.place}' if h.place else ''}")
        out.append("")
        for top in self.sections:
            _outline_node(top, 0, out)
        if self.footnotes:
            out.append("")
            out.append(f"Chú thích ({len(self.footnotes)}):")
            for fn in self.footnotes:
                where = f" [{fn.section}]" if fn.section else ""
                out.append(f"  {fn.mark}.{where} {_shorten(fn.text, 90)}")
        if self.references:
            out.append("")
            out.append(f"Văn bản dẫn chiếu ({len(self.references)}):")
            for ref in self.references:
                ident = ref.number or ref.title or ""
                when = f", ngày {ref.date}" if ref.date else ""
                out.append(f"  - {ref.type} {ident}{when} [{', '.join(ref.sections)}]")
        if self.assignments:
            out.append("")
            out.append("Phân công thực hiện:")
            for a in self.assignments:
                role = " (chủ trì)" if a.lead else ""
                out.append(f"  - {a.unit}{role}: {len(a.duties)} nhiệm vụ")
        if self.tasks:
            out.append("")
            out.append("Nhiệm vụ gợi ý:")
            for t in self.tasks:
                co = f"; phối hợp: {', '.join(t.coordinators)}" if t.coordinators else ""
                lead = t.lead or "(chưa rõ)"
                out.append(f"  - {t.section} {_shorten(t.title, 70)} → {lead}{co}")
        if self.recipients:
            out.append("")
            out.append(f"Nơi nhận ({len(self.recipients)}): " + "; ".join(self.recipients))
        if self.signer.title or self.signer.name:
            authority = " ".join(self.signer.authority)
            who = " ".join(x for x in (authority, self.signer.title, self.signer.name) if x)
            out.append(f"Người ký: {who}")
        if self.warnings:
            out.append("")
            out.append("Cảnh báo:")
            out.extend(f"  - {w}" for w in self.warnings)
        return "\n".join(out).rstrip() + "\n"


def _outline_node(node: Section, depth: int, out: list[str]) -> None:
    """Append one node and its subtree, indented two spaces per level."""
    out.append("  " * depth + strip_refs(node.label()))
    for child in node.children:
        _outline_node(child, depth + 1, out)


def _shorten(text: str, limit: int) -> str:
    """First line of `text`, cut at `limit` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
