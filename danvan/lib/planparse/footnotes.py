"""Take footnote texts out of the running text of a PDF extraction.

In text extracted from a PDF the footnotes of a page stand where the page broke, in the middle
of the body, and a footnote too long for its page goes on at the bottom of the *next* page.
The rules (see also the package docstring):

1. A footnote starts on a line that begins with superscript digits ("¹ Trọng tâm là: ...").
   Lines that follow it without a blank line (blank-line separated text) are its wrapped lines.
   Consecutive footnotes form a *block*; the first ordinary paragraph after a block is body text
   of the next page (even when it starts in lower case: that is the rest of the sentence that
   the page break cut, "... cơ quan, đơn" / footnotes / "vị, địa phương").
2. A footnote of the block that does not end like a sentence (".", ";", "!", "?", "…") is
   *pending*: its continuation is printed at the bottom of the next page. On that page the
   body can contain only one paragraph starting in lower case, the first one (it continues the
   sentence cut by the previous page break). So the continuation is the first later paragraph
   that starts in lower case (or with a digit), is not a numbered heading or a bullet and is not
   the first paragraph after the block. It is usually followed by the next block, as in the
   Hồng Phong plan, but need not be.
3. If no such paragraph exists and the next block begins, the paragraph just before that block
   is taken when the pending footnote ended on a comma or a connective word ("của", "về") and
   the paragraph carries no footnote mark (a warning says so: it is a guess).
4. A paragraph of at most eight words that does not end a sentence, directly after an
   unfinished heading, is the rest of the heading ("... quyền lợi của Nhân" / "dân"), never a
   footnote continuation.
5. Some extractors print a footnote's continuation at the top of the next page's footnote
   area *before* that page's body: then the first paragraph after the block finishes the
   footnote (it starts in lower case and ends a sentence) and the second one, in lower case
   too, resumes the body's cut sentence. Only that shape is read so; anything else keeps
   rule 1.
Anything else pending is reported as a warning, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .textutil import (
    CONNECTIVES,
    SUPERSCRIPTS,
    classify,
    ends_sentence,
    ends_terminal,
    last_word,
    start_kind,
    sup_to_digits,
    word_count,
)

_FN_START_RE = re.compile(rf"^(?P<mark>[{SUPERSCRIPTS}]+)\s*(?P<text>\S.*)$")
_MARK_RE = re.compile(rf"[{SUPERSCRIPTS}]")

Line = tuple[str, bool]  # (text, preceded by a blank line)


@dataclass
class RawFootnote:
    """A footnote being assembled: its mark and the pieces of text found so far."""

    mark: str
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The pieces joined with spaces (pieces are split mid-sentence)."""
        return " ".join(p for p in self.parts if p)


@dataclass
class _Group:
    """A run of lines that belong together: one footnote, or one body paragraph."""

    kind: str  # "fn" | "text"
    lines: list[str]
    blank_before: bool
    mark: str = ""


def _group(lines: list[str], blank_mode: bool) -> list[_Group]:
    """Split lines into footnote groups and paragraph groups.

    In blank-line separated text a paragraph (or footnote) is the run of lines up to the next
    blank line; in line-per-paragraph text every line is its own group.
    """
    groups: list[_Group] = []
    current: _Group | None = None
    blank_before = True
    for line in lines:
        if not line:
            blank_before = True
            current = None
            continue
        m = _FN_START_RE.match(line)
        if m:
            current = _Group("fn", [m["text"]], blank_before, sup_to_digits(m["mark"]))
            groups.append(current)
        elif current is not None and blank_mode:
            current.lines.append(line)
        else:
            current = _Group("text", [line], blank_before)
            groups.append(current)
        if not blank_mode and current.kind == "text":
            current = None
        blank_before = False
    return groups


def _is_heading(line: str) -> bool:
    """A numbered heading or bullet: never a footnote continuation."""
    return classify(line) is not None


def _is_candidate(group: _Group, previous: _Group | None) -> bool:
    """Rule 2/4: could this paragraph be the continuation of a pending footnote?"""
    first = group.lines[0]
    if _is_heading(first) or start_kind(first) not in ("lower", "digit"):
        return False
    if previous is not None:
        prev_last = previous.lines[-1]
        marker = classify(previous.lines[0])
        is_head = marker is not None and marker.kind != "dash" and len(previous.lines) == 1
        text = " ".join(group.lines)
        if (
            is_head
            and not ends_terminal(prev_last)
            and word_count(text) <= 8
            and not ends_sentence(text)
        ):
            return False
    return True


def _fallback_ok(note: RawFootnote, group: _Group) -> bool:
    """Rule 3: an upper-case continuation is accepted only after a comma or connective, and
    never when it carries a footnote mark (then it is body text citing the next block)."""
    if _is_heading(group.lines[0]) or any(_MARK_RE.search(line) for line in group.lines):
        return False
    text = note.text.rstrip()
    return text.endswith(",") or last_word(text) in CONNECTIVES


def _continues_before_body(group: _Group, following: _Group | None, body: _Group | None) -> bool:
    """Rule 5: the paragraph right after a block ends the pending footnote when the body text
    resumes only after it. It starts in lower case and finishes a sentence, carries no
    footnote mark; the body before the block stopped mid-sentence, and the paragraph after
    this one starts in lower case: that one, not this, is the rest of the body's sentence."""
    if body is None or following is None or following.kind != "text":
        return False
    first = group.lines[0]
    text = " ".join(group.lines)
    return (
        not _is_heading(first)
        and start_kind(first) in ("lower", "digit")
        and ends_sentence(text)
        and not any(_MARK_RE.search(line) for line in group.lines)
        and not ends_terminal(body.lines[-1])
        and not _is_heading(following.lines[0])
        and start_kind(following.lines[0]) == "lower"
    )


def extract_footnotes(
    lines: list[str], blank_mode: bool, warnings: list[str]
) -> tuple[list[Line], list[RawFootnote]]:
    """Split normalised lines into body lines and footnotes (rules in the module docstring).

    Returns the body lines with a "blank line before" flag (a removed footnote block counts as
    a blank line) and the footnotes in order of appearance.
    """
    groups = _group(lines, blank_mode)
    kept: list[_Group] = []
    notes: list[RawFootnote] = []
    pending: list[RawFootnote] = []
    carry: list[RawFootnote] = []
    block: list[RawFootnote] = []
    in_block = False
    since_block = -1  # paragraphs kept since the last block ended; -1 before any block
    removed_before: set[int] = set()  # ids of kept groups that follow a removed group

    def mark_next_blank() -> None:
        """The next kept paragraph follows removed text: treat that as a blank line."""
        removed_before.add(len(kept))

    for index, group in enumerate(groups):
        if group.kind == "fn":
            if not in_block:
                if pending and since_block >= 2 and kept and _fallback_ok(pending[0], kept[-1]):
                    taken = " ".join(kept.pop().lines)
                    note = pending.pop(0)
                    note.parts.append(taken)
                    short = taken if len(taken) <= 60 else taken[:59].rstrip() + "…"
                    warnings.append(
                        f"Đã nối đoạn “{short}” vào chú thích {note.mark} (phần tiếp theo ở "
                        "trang sau); hãy kiểm tra lại."
                    )
                for note in pending:
                    warnings.append(
                        f"Chú thích {note.mark} có vẻ bị ngắt ở cuối trang nhưng không tìm "
                        "thấy phần tiếp theo; đã giữ nguyên phần đã có."
                    )
                pending = []
                in_block = True
                block = []
            note = RawFootnote(group.mark, [" ".join(group.lines)])
            notes.append(note)
            block.append(note)
            mark_next_blank()
            continue
        if in_block:
            in_block = False
            since_block = 0
            pending = carry + [n for n in block if not ends_sentence(n.text)]
            carry = []
            following = groups[index + 1] if index + 1 < len(groups) else None
            if pending and _continues_before_body(group, following, kept[-1] if kept else None):
                note = pending.pop(0)
                note.parts.append(" ".join(group.lines))
                mark_next_blank()
                continue
        if pending and since_block >= 1 and _is_candidate(group, kept[-1] if kept else None):
            note = pending.pop(0)
            note.parts.append(" ".join(group.lines))
            if not ends_sentence(note.text):
                carry.append(note)
            mark_next_blank()
            continue
        kept.append(group)
        if since_block >= 0:
            since_block += 1
    for note in pending + carry:
        warnings.append(
            f"Chú thích {note.mark} có vẻ bị ngắt ở cuối trang nhưng không tìm thấy phần "
            "tiếp theo; đã giữ nguyên phần đã có."
        )

    out: list[Line] = []
    for index, group in enumerate(kept):
        blank = group.blank_before or index in removed_before
        for n, line in enumerate(group.lines):
            out.append((line, blank if n == 0 else False))
    return out, notes
