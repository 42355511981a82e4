"""Who does what: units under "TỔ CHỨC THỰC HIỆN" and suggested tasks for the content items.

Assignments: each numbered item of the implementation section names a unit, either as its
heading ("2. Phòng Văn hóa - Xã hội", "a) Phòng ...: chủ trì ...") or as the subject of its
sentence ("1. Các cơ quan, đơn vị căn cứ Kế hoạch này, ..." → "Các cơ quan, đơn vị"). Its
paragraphs and bullets are its duties. `lead` is true when a duty says "chủ trì" (or
"thường trực"); `coordinates_with` lists what follows "phối hợp với".

Tasks: one per duty. A duty is a sentence of a content item's paragraphs ("NỘI DUNG", "NHIỆM
VỤ", "GIẢI PHÁP"), or one of its bullets; a sentence that only states a purpose ("Góp phần ...")
or has fewer than six words stays with the duty before it. Each duty of the implementation
section is a task of the unit it names; a duty of "Các cơ quan, đơn vị" (every unit) is led by
the unit that follows the whole plan, the others coordinating. A content duty's lead and
coordinators come from a small keyword table (`TOPICS`): the topics named in the duty (else the
one topic of its item's title) are matched against the topics of each unit's duties. A unit
whose matching duty does not start with "Phối hợp"/"Tham gia" may lead; the one whose topic
appears first leads, every other matching unit coordinates, and so does whatever follows
"phối hợp với". Duties no unit matches go to the unit that "chủ trì ... Kế hoạch này" (general
monitoring) or, failing that, to the only unit that "chủ trì" anything (or the only one named).
"""

from __future__ import annotations

import re

from .model import Assignment, Section, Task
from .textutil import start_kind, strip_refs, word_count

_IMPLEMENTATION_RE = re.compile(r"TỔ\s+CHỨC\s+THỰC\s+HIỆN|PHÂN\s+CÔNG|TRÁCH\s+NHIỆM", re.IGNORECASE)
_CONTENT_RE = re.compile(r"NỘI\s+DUNG|NHIỆM\s+VỤ|GIẢI\s+PHÁP|HOẠT\s+ĐỘNG", re.IGNORECASE)
_PURPOSE_RE = re.compile(r"MỤC\s+ĐÍCH|YÊU\s+CẦU|MỤC\s+TIÊU|KINH\s+PHÍ|CĂN\s+CỨ", re.IGNORECASE)

_VERBS = (
    "căn cứ",
    "chủ trì",
    "phối hợp",
    "xây dựng",
    "thực hiện",
    "triển khai",
    "tổ chức",
    "theo dõi",
    "tham mưu",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "hướng dẫn",
    "kiểm tra",
    "đôn đốc",
    "chỉ đạo",
    "tăng cường",
    "tuyên truyền",
    "bố trí",
    "rà soát",
    "báo cáo",
    "nghiên cứu",
    "quán triệt",
    "phổ biến",
    "lãnh đạo",
    "tiếp tục",
    "chủ động",
    "nâng cao",
    "đẩy mạnh",
    "phát huy",
    "giám sát",
    "cung cấp",
    "tham gia",
    "bảo đảm",
    "đảm bảo",
)
_VERB_RE = re.compile(r"\s(?:" + "|".join(v.replace(" ", r"\s+") for v in _VERBS) + r")(?!\w)")
_REQUEST_RE = re.compile(r"^(?:Đề\s+nghị|Giao|Yêu\s+cầu)\s+")
_LEAD_RE = re.compile(r"\bchủ\s+trì\b|\bthường\s+trực\b", re.IGNORECASE)
_SUPPORT_RE = re.compile(r"^\s*(?:phối\s+hợp|tham\s+gia)\b", re.IGNORECASE)
_COORD_RE = re.compile(
    r"phối\s+hợp(?:\s+chặt\s+chẽ)?\s+với\s+(?P<who>.+?)(?=\s+(?:để|nhằm|theo\s+dõi|tham\s+mưu|"
    r"triển\s+khai|tổ\s+chức|thực\s+hiện|xây\s+dựng|hướng\s+dẫn|kiểm\s+tra|đôn\s+đốc|"
    r"tuyên\s+truyền|trong|tại|báo\s+cáo|giải\s+quyết|rà\s+soát)(?!\w)|[;.:]|$)",
    re.IGNORECASE,
)
_GENERAL_RE = re.compile(r"kế\s+hoạch\s+này", re.IGNORECASE)

# topic → keywords (lower case). Keep it short and obvious: it is documented to users.
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tuyên truyền", ("tuyên truyền", "quán triệt", "phổ biến")),
    (
        "cải cách hành chính",
        ("cải cách hành chính", "thủ tục hành chính", "một cửa", "dịch vụ công", "hồ sơ"),
    ),
    ("tiếp dân", ("tiếp công dân", "tiếp dân", "khiếu nại", "tố cáo", "đối thoại", "đơn thư")),
    ("dân tộc, tôn giáo", ("dân tộc", "tôn giáo", "tín ngưỡng")),
    ("dân chủ ở cơ sở", ("dân chủ ở cơ sở", "dân chủ cơ sở", "quy chế dân chủ")),
    ("thi đua", ("thi đua", "khen thưởng")),
    ("chuyển đổi số", ("chuyển đổi số", "kỹ năng số", "khoa học, công nghệ")),
    ("kiểm tra công vụ", ("kiểm tra công vụ", "kỷ luật, kỷ cương")),
    ("mặt trận", ("mặt trận", "đoàn thể", "tổ chức chính trị - xã hội")),
)


def topics(text: str) -> dict[str, int]:
    """Topics named in a text, each with the position of its first keyword."""
    low = " ".join(text.lower().split())
    found: dict[str, int] = {}
    for name, words in TOPICS:
        positions = [p for p in (low.find(w) for w in words) if p >= 0]
        if positions:
            found[name] = min(positions)
    return found


def _top_sections(sections: list[Section], rx: re.Pattern[str]) -> list[Section]:
    """Top-level sections whose title matches `rx` (and is not purpose/implementation)."""
    out = []
    for s in sections:
        if s.kind == "dash" or not rx.search(s.title):
            continue
        other = _PURPOSE_RE.search(s.title) or _IMPLEMENTATION_RE.search(s.title)
        if rx is _CONTENT_RE and other:
            continue
        out.append(s)
    return out


def _content(node: Section) -> str:
    """A bullet's or item's words as one duty."""
    body = node.full_text()
    if node.title and body:
        return f"{node.title}: {body}"
    return node.title or body


def _split_unit(sentence: str) -> tuple[str, str] | None:
    """ "Các cơ quan, đơn vị căn cứ Kế hoạch này, ..." → ("Các cơ quan, đơn vị", "Căn cứ ...")."""
    text = _REQUEST_RE.sub("", sentence.strip())
    m = _VERB_RE.search(text)
    if not m or word_count(text[: m.start()]) > 14:
        return None
    unit = text[: m.start()].strip(" ,:")
    duty = text[m.start() :].strip(" ,:")
    if not unit or not duty:
        return None
    return unit, duty[0].upper() + duty[1:]


def _assignments_of(item: Section, warnings: list[str]) -> list[Assignment]:
    """The unit(s) one implementation item names, with their duties."""
    numbered = [c for c in item.children if c.kind != "dash"]
    bullets = [_content(c) for c in item.children if c.kind == "dash"]
    paras = [p for p in item.text.split("\n") if p.strip()]
    if item.title:
        duties = paras + bullets
        if not duties and numbered:
            out: list[Assignment] = []
            for child in numbered:
                out.extend(_assignments_of(child, warnings))
            return out
        duties += [_content(c) for c in numbered]
        unit = item.title.rstrip(" :")
    else:
        split = _split_unit(paras[0]) if paras else None
        if split is None:
            warnings.append(f"Không xác định được đơn vị thực hiện ở mục {item.path}.")
            return []
        unit, first = split
        duties = [first, *paras[1:], *bullets, *(_content(c) for c in numbered)]
    coordinates: list[str] = []
    for duty in duties:
        for m in _COORD_RE.finditer(duty):
            who = m["who"].strip(" ,")
            if who and who not in coordinates:
                coordinates.append(who)
    lead = any(_LEAD_RE.search(d) for d in duties)
    return [Assignment(unit, duties, lead, coordinates, item.path)]


def build_assignments(sections: list[Section], warnings: list[str]) -> list[Assignment]:
    """Assignments from every implementation section ("TỔ CHỨC THỰC HIỆN")."""
    out: list[Assignment] = []
    for section in _top_sections(sections, _IMPLEMENTATION_RE):
        items = [c for c in section.children if c.kind != "dash"] or section.children
        for item in items:
            out.extend(_assignments_of(item, warnings))
    return out


# --- duties ----------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset({"tp", "tt", "v.v", "vv", "ths", "ts", "pgs", "gs", "ông", "bà"})
_SENTENCE_BREAK_RE = re.compile(r"[.!?…]+[”\"’)\]]*(?:\[\^\d+\])*\s+")
# Sentences that state a purpose or a consequence of the duty before them, not a duty of their
# own: "Góp phần bảo vệ chủ quyền quốc gia trên không gian mạng ..." stays with its duty.
_NOT_A_DUTY_RE = re.compile(
    r"^(?:Góp\s+phần|Nhằm|Qua\s+đó|Từ\s+đó|Trong\s+đó|Đây\s+là|Như\s+vậy)(?!\w)"
)
_DANGLING_RE = re.compile(r"(?:\s+(?:và|các|cùng))+$")
_GENERIC_SUBJECT_RE = re.compile(r"^(?:Các|Chính\s+quyền|Mỗi|Từng)\s", re.IGNORECASE)
MIN_DUTY_WORDS = 6
TITLE_LIMIT = 180


def sentences(paragraph: str) -> list[str]:
    """A paragraph cut into sentences: after ". ", "! ", "? ", "… " (a closing quote or a
    footnote mark may stand between) when the next word starts with a capital. An ellipsis
    inside a sentence ("văn hoá mới... để phát triển") and "TP. Lạng Sơn" do not cut."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_BREAK_RE.finditer(paragraph):
        rest = paragraph[m.end() :]
        if start_kind(rest) != "upper":
            continue
        words = paragraph[start : m.start()].split()
        if words and words[-1].lower().rstrip(".") in _ABBREVIATIONS:
            continue
        out.append(paragraph[start : m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _merge_short(parts: list[str]) -> list[str]:
    """Sentences that are no duty of their own join the duty before them."""
    out: list[str] = []
    for part in parts:
        if out and (_NOT_A_DUTY_RE.match(part) or word_count(part) < MIN_DUTY_WORDS):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def _duties(node: Section) -> list[tuple[Section, str]]:
    """The duties of a content item, each with the numbered node it belongs to: every sentence
    of its paragraphs, every bullet (with its sub-bullets) as one, and the duties of its
    numbered children."""
    out: list[tuple[Section, str]] = []
    for paragraph in node.text.split("\n"):
        out.extend((node, d) for d in _merge_short(sentences(paragraph.strip())) if d)
    for child in node.children:
        if child.kind == "dash":
            text = " ".join(_content(child).split())
            if text:
                out.append((node, text))
        else:
            out.extend(_duties(child))
    if not out and node.title and node.kind != "roman":
        out.append((node, node.title))  # a heading alone ("1. Tiếp công dân định kỳ")
    return out


def duty_title(text: str) -> str:
    """A task's title from its duty: without footnote marks and without a generic subject
    ("Các cơ quan, đơn vị chủ động xây dựng ..." → "Chủ động xây dựng ..."), cut at a word."""
    text = " ".join(strip_refs(text).split())
    split = _split_unit(text)
    if split and _is_generic(split[0]) and word_count(split[0]) <= 8 and " để " not in split[0]:
        text = split[1]
    if len(text) <= TITLE_LIMIT:
        return text.rstrip(" .;")
    cut = text[: TITLE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "…"


def _is_generic(unit: str) -> bool:
    """ "Các cơ quan, đơn vị", "Các thôn": every unit, not one that can lead a task."""
    return bool(_GENERIC_SUBJECT_RE.match(unit))


def _coordinators_named(text: str) -> list[str]:
    """What follows "phối hợp với" in a duty."""
    found: list[str] = []
    for m in _COORD_RE.finditer(text):
        who = _DANGLING_RE.sub("", m["who"].strip(" ,"))
        if who and who not in found:
            found.append(who)
    return found


def plan_lead(assignments: list[Assignment]) -> str | None:
    """The unit that follows the whole plan: the one that "chủ trì ... Kế hoạch này", else the
    only unit that "chủ trì" anything, else the only unit named; None when the text says not."""
    for a in assignments:
        if any(_LEAD_RE.search(d) and _GENERAL_RE.search(d) for d in a.duties):
            return a.unit
    leaders = [a.unit for a in assignments if a.lead and not _is_generic(a.unit)]
    if len(leaders) == 1:
        return leaders[0]
    named = {a.unit for a in assignments if not _is_generic(a.unit)}
    return named.pop() if len(named) == 1 else None


def build_tasks(sections: list[Section], assignments: list[Assignment]) -> list[Task]:
    """One suggested task per duty (module docstring): the content section's duties, each
    with the unit whose own duties in "TỔ CHỨC THỰC HIỆN" name its topic, then the
    implementation section's duties, each a task of the unit it names."""
    roles: list[tuple[Assignment, set[str], set[str]]] = []
    general = plan_lead(assignments)
    for a in assignments:
        lead_topics: set[str] = set()
        support_topics: set[str] = set()
        for duty in a.duties:
            found = set(topics(duty))
            if _SUPPORT_RE.match(duty) and not _LEAD_RE.search(duty):
                support_topics |= found
            else:
                lead_topics |= found
        roles.append((a, lead_topics, support_topics))
    named = [a.unit for a in assignments if not _is_generic(a.unit)]

    def units_for(text: str, fallback: str) -> tuple[str | None, list[str]]:
        """The lead and coordinating units for a duty: the unit leading the topic named
        first in the duty (else the one topic of its item's title), the others matching
        coordinate; a duty no unit leads goes to the unit that follows the whole plan."""
        wanted = topics(text)
        if not wanted and len(topics(fallback)) == 1:
            wanted = topics(fallback)  # "5. ... tiếp xúc, đối thoại ...": one topic only
        leads: list[tuple[int, int, str]] = []
        coordinators: list[str] = []
        for order, (a, lead_topics, support_topics) in enumerate(roles):
            if _is_generic(a.unit):
                continue
            shared = lead_topics & wanted.keys()
            if shared:
                leads.append((min(wanted[t] for t in shared), order, a.unit))
            elif support_topics & wanted.keys():
                coordinators.append(a.unit)
        lead = min(leads)[2] if leads else general
        others = {u for _, _, u in leads if u != lead} | set(coordinators)
        ordered = [a.unit for a, _, _ in roles if a.unit != lead and a.unit in others]
        for who in _coordinators_named(text):
            if who != lead and who not in ordered:
                ordered.append(who)
        return lead, list(dict.fromkeys(ordered))

    tasks: list[Task] = []
    for section in _top_sections(sections, _CONTENT_RE):
        items = [c for c in section.children if c.kind != "dash"] or [section]
        for item in items:
            for node, duty in _duties(item):
                lead, coordinators = units_for(duty, node.title or item.title)
                tasks.append(Task(node.cite_path, duty_title(duty), duty, lead, coordinators))
    for a in assignments:
        generic = _is_generic(a.unit)
        for paragraph in a.duties:
            for duty in _merge_short(sentences(" ".join(paragraph.split()))):
                if generic:
                    lead = general
                    coordinators = [u for u in named if u != lead]
                else:
                    lead = a.unit
                    coordinators = [u for u in _coordinators_named(duty) if u != lead]
                tasks.append(Task(a.section, duty_title(duty), duty, lead, coordinators))
    return tasks
