"""Rebuild paragraphs broken by page breaks and arrange them in the section tree.

Rules for joining a paragraph to the previous one (after the footnotes are taken out):

* a paragraph starting in lower case continues the previous one ("phù" / "hợp với");
* one starting with a digit continues a previous paragraph that ends without terminal
  punctuation ("giai đoạn" / "2021 - 2030");
* any start continues a previous paragraph that stops on a connective word ("của" / "Nhân dân");
* in blank-line separated text, consecutive lines are one wrapped paragraph unless the previous
  line ends a sentence and the next starts with a capital;
* a heading line that does not end a sentence takes the next paragraph by the same rules
  ("5. ... quyền lợi của Nhân" / "dân");
* a dash after a paragraph ending in a letter or digit is a hyphen, not a bullet
  ("giai đoạn 2026" / "- 2030.").

A paragraph that starts with a numbering is a heading only when the numbering fits the sequence
(I then II; 1 then 2; a then b) or the previous paragraph ended a sentence, so dates and ranges
split by a page break never become headings. Joined pieces are separated by one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Section
from .textutil import (
    CONNECTIVES,
    FN_REF_RE,
    RANK_ARABIC,
    Marker,
    classify,
    ends_terminal,
    is_mostly_upper,
    last_word,
    marks_to_refs,
    start_kind,
    word_count,
)

_CLOSING_RE = re.compile(r"^Trên\s+đây\s+là\b")
_COLON_RE = re.compile(r":(?:\s|$)")


@dataclass
class _Node:
    """A section under construction."""

    kind: str  # "root" | "roman" | "arabic" | "letter" | "dash"
    number: str
    rank: int
    value: int
    head: str = ""
    paras: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


@dataclass
class BodyResult:
    """The section tree, the text before the first section and the closing paragraphs."""

    preamble: str
    sections: list[Section]
    closing: str


class _Builder:
    """Feeds paragraphs one by one into the tree, joining page-break fragments."""

    def __init__(self, blank_mode: bool) -> None:
        """Start with an empty root; `blank_mode` says whether blank lines separate paragraphs."""
        self.blank_mode = blank_mode
        self.root = _Node("root", "", 0, 0)
        self.stack: list[_Node] = [self.root]
        self.target: tuple[_Node, int] | None = None  # (node, -1) = its heading, else paragraph
        self.closing: list[str] = []
        self.in_closing = False

    # -- where the previous paragraph went -------------------------------------------------

    def _prev(self) -> tuple[str, bool, _Node] | None:
        """Previous paragraph: its text, whether it is a heading line, and its node."""
        if self.target is None:
            return None
        node, index = self.target
        if index < 0:
            return node.head, node.kind != "dash", node
        return node.paras[index], False, node

    def _append(self, text: str) -> None:
        """Join a fragment to the previous paragraph with one space."""
        assert self.target is not None
        node, index = self.target
        if index < 0:
            node.head = f"{node.head} {text}".strip()
        else:
            node.paras[index] = f"{node.paras[index]} {text}"

    # -- decisions -----------------------------------------------------------------------

    def _continues(self, text: str, soft: bool, prev: str, is_head: bool, node: _Node) -> bool:
        """Does `text` continue the previous paragraph (rules in the module docstring)?"""
        kind = start_kind(text)
        finished = ends_terminal(prev)
        connective = not finished and last_word(prev) in CONNECTIVES
        if is_head:
            if node.kind == "roman" and soft and is_mostly_upper(text) and len(text) < 80:
                return True
            return kind == "lower" or connective or (kind == "digit" and not finished)
        if soft:
            return not (finished and kind == "upper")
        return kind == "lower" or connective or (kind == "digit" and not finished)

    def _parent_for(self, rank: int) -> _Node:
        """The node a new heading of this rank would hang under."""
        for node in reversed(self.stack):
            if node.rank < rank:
                return node
        return self.root

    def _accept(self, marker: Marker, prev: tuple[str, bool, _Node] | None) -> bool:
        """Is this numbering a real heading here, or text that happens to start with it?"""
        if marker.kind == "dash":
            if prev is None or prev[1] or prev[2].kind == "dash":
                return True
            text = prev[0].rstrip()
            return ends_terminal(text) or not text[-1:].isalnum()
        finished = prev is None or prev[1] or ends_terminal(prev[0])
        parent = self._parent_for(marker.rank)
        if marker.kind == "arabic" and marker.rank > RANK_ARABIC:
            prefix = marker.number.rsplit(".", 1)[0]
            if parent.kind != "arabic" or parent.number != prefix:
                return False
        siblings = [c for c in parent.children if c.kind == marker.kind and c.rank == marker.rank]
        v = marker.value
        if marker.kind == "letter":
            last = siblings[-1].value if siblings else -1
            return last < v <= last + 2 and (v == last + 1 or finished)
        last = siblings[-1].value if siblings else 0
        if start_kind(marker.rest) == "lower":
            return v == last + 1 and finished
        if v == last + 1:
            return True
        return finished and (last < v <= last + 3 or (marker.kind == "arabic" and v == 1))

    # -- feeding -------------------------------------------------------------------------

    def feed(self, text: str, blank_before: bool) -> None:
        """Add one line of body text."""
        soft = self.blank_mode and not blank_before
        if self.in_closing:
            if self.closing and (soft or start_kind(text) == "lower"):
                self.closing[-1] = f"{self.closing[-1]} {text}"
            else:
                self.closing.append(text)
            return
        prev = self._prev()
        marker = classify(text)
        hyphen = False  # a dash refused as a bullet is a hyphen: "giai đoạn 2026" / "- 2030."
        if marker is not None and not self._accept(marker, prev):
            hyphen = marker.kind == "dash"
            marker = None
        if marker is None:
            if prev is not None and (hyphen or self._continues(text, soft, *prev)):
                self._append(text)
                return
            if _CLOSING_RE.match(text):
                self.in_closing = True
                self.closing.append(text)
                return
            while self.stack[-1].kind == "dash":
                self.stack.pop()
            node = self.stack[-1]
            node.paras.append(text)
            self.target = (node, len(node.paras) - 1)
            return
        while self.stack[-1].rank >= marker.rank:
            self.stack.pop()
        node = _Node(marker.kind, marker.number, marker.rank, marker.value, head=marker.rest)
        self.stack[-1].children.append(node)
        self.stack.append(node)
        self.target = (node, -1)


def _split_head(kind: str, head: str) -> tuple[str, str]:
    """Split a heading line into (title, inline text).

    "a) Phòng Văn hóa - Xã hội: chủ trì ..." → title before the colon, text after it; a whole
    sentence ("1. Các cơ quan, đơn vị căn cứ Kế hoạch này, ... đơn vị.") has no title and is
    the item's text; a short line is all title.
    """
    head = head.strip()
    if kind == "roman":
        return head.rstrip(" :.;"), ""
    m = _COLON_RE.search(head)
    if m and 0 < m.start() <= 150:
        return head[: m.start()].strip(), head[m.end() :].strip()
    if ends_terminal(head):
        if kind != "dash" and word_count(head) <= 8 and head.endswith("."):
            return head.rstrip(" ."), ""
        return "", head
    if len(head) > 250:
        return "", head
    return head, ""


def _finalize(node: _Node, parent_path: str, parent_cite: str, index: int) -> Section:
    """Turn a builder node into a `Section` with its path and footnote marks."""
    if node.kind == "dash":
        path = f"{parent_path}-{index}"
    elif node.kind == "arabic" and "." in node.number:
        path = f"{parent_path}.{node.number.rsplit('.', 1)[1]}"
    else:
        path = f"{parent_path}.{node.number}" if parent_path else node.number
    cite = (parent_cite or path) if node.kind == "dash" else path
    title, inline = _split_head(node.kind, node.head)
    title = marks_to_refs(title)
    text = marks_to_refs("\n".join(p for p in [inline, *node.paras] if p))
    marks = list(dict.fromkeys(FN_REF_RE.findall(f"{title}\n{text}")))
    section = Section(
        number=node.number,
        title=title,
        text=text,
        path=path,
        kind=node.kind,
        footnotes=marks,
        cite_path=cite,
    )
    dash_index = 0
    for child in node.children:
        if child.kind == "dash":
            dash_index += 1
        section.children.append(_finalize(child, path, cite, dash_index))
    return section


def build_body(lines: list[tuple[str, bool]], blank_mode: bool) -> BodyResult:
    """Build the section tree from body lines (footnotes already removed)."""
    builder = _Builder(blank_mode)
    for text, blank in lines:
        builder.feed(text, blank)
    root = builder.root
    sections: list[Section] = []
    dash_index = 0
    for child in root.children:
        if child.kind == "dash":
            dash_index += 1
        sections.append(_finalize(child, "", "", dash_index))
    preamble = marks_to_refs("\n".join(root.paras))
    closing = marks_to_refs("\n".join(builder.closing))
    return BodyResult(preamble, sections, closing)
