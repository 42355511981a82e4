"""Similar earlier petitions, offered for linking when a petition comes in.

The same matter comes back: the same person writes again (a repeat petition), or many people of
one village write about one matter. The officer links them (services.petition_link, kinds
"repeat" and "same_matter") so the matter is handled once and counted right.

Candidates come from three cheap sources, each bounded, then are scored in Python:
1. the same phone number, within the commune: non-denunciation petitions only, and never when
   the new petition is a denunciation: a denouncer's identity is not a search key (Luật Tố cáo
   2018, Art. 8(3) and 47: it is kept secret and used only to settle the denunciation);
2. the same village and topic in the last 90 days (index commune, village, topic, received_on);
3. similar wording in the last year (at most the commune's 1,500 newest petitions): the
   distinctive word pairs of the subject, looked up in the commune (SQLite: the FTS5 index, the newest rows per pair, those sharing most pairs
   first; PostgreSQL: the commune's year of rows, newest first), the best few kept.
The score mixes text similarity (shared words and word pairs of the folded subjects and texts) with bonuses for the same person and the same place; reasons say why, in Vietnamese.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from django.db import connection
from django.db.models import Q, Value
from django.db.models.functions import StrIndex
from django.utils import timezone

from danvan.core.models import Unit
from danvan.lib.text import fold
from danvan.petitions.models import Petition, PetitionKind, PetitionQuerySet
from danvan.petitions.search import FTS_TABLE, WORD

PLACE_DAYS = 90
TEXT_DAYS = 365  # similar wording: a matter comes back within the year
PHONE_CANDIDATES = 20
PLACE_CANDIDATES = 40
TEXT_CANDIDATES = 40
PER_PAIR = 10
TEXT_POOL = 1500
TEXT_PAIRS = 6
MIN_SCORE = 0.3
# Syllables so common in petitions that a pair made only of them says nothing about the matter.
COMMON = frozenset(
    [
        "de",
        "nghi",
        "cua",
        "tai",
        "va",
        "cac",
        "cho",
        "viec",
        "ve",
        "tinh",
        "trang",
        "phan",
        "anh",
        "don",
        "kien",
        "xa",
        "thon",
        "ho",
        "gia",
        "dinh",
        "ong",
        "ba",
        "nguoi",
        "dan",
        "nhan",
        "khieu",
        "nai",
        "to",
        "cao",
        "giai",
        "quyet",
        "xem",
        "xet",
        "khong",
        "duoc",
        "da",
        "co",
        "la",
        "mot",
        "nhung",
        "nay",
        "trong",
        "voi",
        "theo",
        "den",
        "tu",
        "tren",
        "o",
        "cung",
        "bi",
        "sau",
        "truoc",
        "khi",
        "con",
        "chua",
        "nhieu",
        "hon",
        "ra",
        "vao",
        "lai",
        "thi",
        "ma",
        "nen",
    ]
)
FIELDS = [
    "id",
    "commune_id",
    "year",
    "number",
    "kind",
    "topic",
    "subject",
    "search_text",
    "village_id",
    "received_on",
    "status",
    "signatories",
    "petitioner_phone",
    "linked_to_id",
    "link_kind",
]


@dataclass
class Candidate:
    petition: Petition
    same_phone: bool = False
    same_place: bool = False


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")[:20]


def word_pairs(folded: str) -> list[str]:
    """Adjacent word pairs of folded text, without pairs made only of common syllables."""
    words = WORD.findall(folded)
    pairs = []
    for a, b in pairwise(words):
        if a in COMMON and b in COMMON:
            continue
        pairs.append(f"{a} {b}")
    return pairs


def _shingles(folded: str, limit: int = 800) -> set[str]:
    """Words and adjacent word pairs of folded text (its first `limit` characters)."""
    words = WORD.findall(folded[:limit])
    return set(words) | {f"{a} {b}" for a, b in pairwise(words)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def text_similarity(subject_a: str, text_a: str, subject_b: str, text_b: str) -> float:
    """0..1: words and word pairs shared by the folded subjects (Jaccard), and by the whole texts.

    Sets rather than difflib: a hundred candidates cost about 3 ms instead of 30, and the order of
    clauses matters less than the words when two people write about the same matter.
    """
    return _similarity(_shingles(subject_a), _shingles(text_a), subject_b, text_b)


def _similarity(subject_a: set[str], text_a: set[str], subject_b: str, text_b: str) -> float:
    """text_similarity with the new petition's shingles made once for all its candidates."""
    subject = _jaccard(subject_a, _shingles(subject_b))
    whole = _jaccard(text_a, _shingles(text_b))
    return max(subject * 0.7 + whole * 0.3, whole)


def _text_candidate_ids(
    commune_id: int, pairs: list[str], before_id: int | None, since: date, limit: int
) -> list[int]:
    """Petitions of the commune received since `since`, and among its TEXT_POOL newest, that
    share a word pair with the new one, best first. The pool bounds the work where petitions
    are many (at the benchmark's density, 1,500 petitions are four months; in a commune with a
    few hundred a year, the whole year)."""
    if not pairs:
        return []
    pool_edge = (
        Petition.objects.filter(commune_id=commune_id)
        .order_by("-received_on", "-id")
        .values_list("received_on", flat=True)[TEXT_POOL - 1 : TEXT_POOL]
    )
    horizon = max([since, *pool_edge])
    recent = Petition.objects.filter(commune_id=commune_id, received_on__gte=horizon)
    if before_id is not None:
        recent = recent.filter(pk__lt=before_id)
    if connection.vendor == "sqlite":
        # The id of the first petition received in the window, through the (commune,
        # received_on) index: ids grow with intake, so it bounds the year in the FTS index
        # (an aggregate MIN(id) lets SQLite pick the plain commune index and read 14,000 rows).
        first = recent.order_by("received_on", "id").values_list("pk", flat=True).first()
        if first is None:
            return []
        # One small query per word pair, each stopping after a few rows: FTS5 answers
        # "commune AND phrase LIMIT n" by walking its posting lists (well under a millisecond),
        # where one OR of all pairs ranked by BM25 must score every match in the commune (~200
        # ms on a million petitions). Oldest first, then newest first only for a pair with more
        # matches than it keeps: walking backwards reads a pair's whole posting lists, 7-12 ms
        # for a pair with few matches in the window ("tro kinh"), against 1-2 forwards. Rows
        # sharing more pairs come first, then the newest.
        last = before_id if before_id is not None else 2**62
        walk = (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - our table
            " AND rowid >= %s AND rowid < %s ORDER BY rowid {} LIMIT %s"
        )
        shared: Counter[int] = Counter()
        with connection.cursor() as cur:
            for pair in pairs:
                phrase = f'commune : "c{int(commune_id)}" AND body : "{pair}"'
                args: list[str | int] = [phrase, first, last]
                cur.execute(walk.format("ASC"), [*args, PER_PAIR + 1])
                rows = cur.fetchall()
                if len(rows) > PER_PAIR:
                    cur.execute(walk.format("DESC"), [*args, PER_PAIR])
                    rows = cur.fetchall()
                shared.update(r[0] for r in rows)
        best = sorted(shared.items(), key=lambda kv: (-kv[1], -kv[0]))
        return [pk for pk, _n in best[:limit]]
    # PostgreSQL: the commune's last year through its (commune, received_on) index, newest
    # first, with substring tests the trigram index is not asked for (see search._pg_filter).
    q = Q()
    for n, p in enumerate(pairs):
        recent = recent.alias(**{f"_p{n}": StrIndex("search_text", Value(p))})
        q |= Q(**{f"_p{n}__gt": 0})
    return list(
        recent.filter(q).order_by("-received_on", "-id").values_list("pk", flat=True)[:limit]
    )


def similar_petitions(
    *,
    commune: Unit,
    subject: str,
    content: str,
    petitioner_phone: str = "",
    village: Unit | None = None,
    topic: str | None = None,
    kind: str = "",
    exclude: int | None = None,
    today: date | None = None,
    within: PetitionQuerySet | None = None,
    limit: int = 5,
) -> list[tuple[Petition, float, list[str]]]:
    """Earlier petitions of `commune` like this one, best first: (petition, score 0..1, reasons).

    `exclude`: the petition being checked, when it is already saved (only petitions received
    before it are offered). `within`: the petitions the user may see (access.petitions_for):
    nobody is shown a petition they could not open.
    """
    today = today or timezone.localdate()
    subject_f = fold(subject)[:300]
    text_f = fold(f"{subject} {content}")[:5000]
    base = Petition.objects.filter(commune_id=commune.pk)
    if exclude is not None:
        base = base.filter(pk__lt=exclude)
    found: dict[int, Candidate] = {}

    def add(rows: Iterable[Petition], **flags: bool) -> None:
        for p in rows:
            c = found.setdefault(p.pk, Candidate(p))
            for k, v in flags.items():
                setattr(c, k, getattr(c, k) or v)

    phone = _digits(petitioner_phone)
    if phone and kind != PetitionKind.DENUNCIATION:
        spellings = {petitioner_phone.strip()[:20], phone}
        # Unordered on purpose: ORDER BY received_on would steer SQLite to the commune's date
        # index (13,000 rows) instead of the (commune, phone) one (a handful).
        same_person = list(
            base.filter(petitioner_phone__in=spellings)
            .exclude(kind=PetitionKind.DENUNCIATION)
            .only(*FIELDS)
            .order_by()[: PHONE_CANDIDATES * 5]
        )
        same_person.sort(key=lambda p: (p.received_on, p.pk), reverse=True)
        add(same_person[:PHONE_CANDIDATES], same_phone=True)
    if village is not None and topic:
        rows = (
            base.filter(
                village_id=village.pk,
                topic=topic,
                received_on__gte=today - timedelta(days=PLACE_DAYS),
            )
            .only(*FIELDS)
            .order_by("-received_on", "-id")[:PLACE_CANDIDATES]
        )
        add(rows, same_place=True)
    pairs = list(dict.fromkeys(word_pairs(subject_f)))[:TEXT_PAIRS]
    since = today - timedelta(days=TEXT_DAYS)
    ids = _text_candidate_ids(commune.pk, pairs, exclude, since, TEXT_CANDIDATES)
    new_ids = [i for i in ids if i not in found]
    if new_ids:
        add(base.filter(pk__in=new_ids).only(*FIELDS))
    if within is not None and found:
        visible = set(within.filter(pk__in=list(found)).values_list("pk", flat=True))
        found = {k: v for k, v in found.items() if k in visible}
    scored: list[tuple[Petition, float, list[str]]] = []
    subject_shingles, text_shingles = _shingles(subject_f), _shingles(text_f)
    for c in found.values():
        p = c.petition
        sim = _similarity(subject_shingles, text_shingles, fold(p.subject), p.search_text)
        score = 0.6 * sim
        reasons = []
        if c.same_phone:
            score += 0.4
            reasons.append("Cùng người gửi (số điện thoại)")
        if c.same_place:
            score += 0.3
            reasons.append(f"Cùng thôn, cùng lĩnh vực trong {PLACE_DAYS} ngày")
        if sim >= 0.3:
            reasons.append(f"Nội dung giống {round(sim * 100)}%")
        score = min(1.0, score)
        if score >= MIN_SCORE and reasons:
            scored.append((p, round(score, 3), reasons))
    scored.sort(key=lambda t: (-t[1], -t[0].received_on.toordinal(), -t[0].pk))
    return scored[:limit]
