"""Search that ignores case and diacritics, the same on SQLite and PostgreSQL.

What a query means. Text and query are folded alike (danvan.lib.text.fold: "Ô nhiễm" → "o nhiem",
đ → d, NFD input composed away) and cut into words (runs of letters and digits). A query is a
phrase: its words must follow each other in the text as whole words. So "o nhiem" finds
"Ô nhiễm", "ô nhiễm," and "(ô nhiễm môi trường)", "duong" finds "Đường", while "giao nhiệm vụ"
and "trách nhiệm" are not "ô nhiễm". Vietnamese writes a word as several syllables, so a phrase
is what a person means; commas separate phrases that must all be present ("ô nhiễm, Nà Pàn").
`matches(text, query)` is that definition in Python: the ground truth of tests and benchmarks.

Whole words, not prefixes: on a million petitions FTS5 answers a prefix ("nhiem*") by merging the
posting lists of every word that starts so, three times slower than the phrase itself
(benchmarks/RESULTS-petitions.md), and a one-letter prefix ("d*") takes seconds.

How it runs (the indexes come from migration 0004_search_index):
- SQLite: FTS5 (unicode61 tokens) over search_text, with the commune as a token of its own, so a
  search within some communes is answered inside the index: the phrase and the commune token
  meet in FTS5's posting lists (a few thousand rows) instead of a match over the whole province
  being joined to the commune filter (the 626 ms trap of ECOSYSTEM.md).
- PostgreSQL: a regular expression on search_text checks the phrase and word boundaries, after
  a cheap substring test of its longest words. Within a few communes (an officer's list) the
  rows come from the commune indexes; across the province a GIN trigram index (pg_trgm) proposes
  candidates. PostgreSQL must still visit each candidate row (the index is lossy), so a common
  word in a large commune costs about one page read per petition of that commune.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, F, Func, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import Exact, In
from django.db.models.sql.where import AND, WhereNode

from danvan.lib.text import fold
from danvan.petitions.models import PetitionQuerySet

WORD = re.compile(r"[^\W_]+")
MAX_PHRASES = 4
MAX_WORDS = 8
MAX_WORD_LEN = 40
FTS_TABLE = "petitions_petition_fts"


def parse(query: str) -> list[list[str]]:
    """The phrases of a query, each a list of folded words; at most 4 phrases and 8 words."""
    phrases: list[list[str]] = []
    budget = MAX_WORDS
    for part in re.split(r"[,;]", query[:2000]):
        words = [w[:MAX_WORD_LEN] for w in WORD.findall(fold(part))][:budget]
        if words:
            phrases.append(words)
            budget -= len(words)
        if budget <= 0 or len(phrases) == MAX_PHRASES:
            break
    return phrases


def _phrase_pattern(words: list[str]) -> re.Pattern[str]:
    body = r"[\W_]+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")


def matches(text: str, query: str) -> bool:
    """Whether `text` (raw, any normalisation) answers `query`: the definition above, in Python."""
    folded = fold(text)
    phrases = parse(query)
    return bool(phrases) and all(_phrase_pattern(p).search(folded) for p in phrases)


# --- SQLite: FTS5 -------------------------------------------------------------------------------


def fts_query(phrases: list[list[str]], communes: Iterable[int] | None = None) -> str:
    """The FTS5 MATCH expression; words are letters and digits only, so quoting is safe."""
    expr = " AND ".join(f'(body : "{" ".join(p)}")' for p in phrases)
    if communes is not None:
        tokens = " OR ".join(f'"c{int(c)}"' for c in sorted(set(communes)))
        expr = f"commune : ({tokens}) AND {expr}" if tokens else 'commune : "none"'
    return expr


def _communes_of(qs: PetitionQuerySet) -> set[int] | None:
    """The communes a queryset is limited to by a top-level `commune = x` or `commune IN (…)`
    filter, if it has one (e.g. access.petitions_for of a leader or the petition desk)."""
    where: WhereNode = qs.query.where
    if where.connector != AND or where.negated:
        return None
    for child in where.children:
        target = getattr(getattr(child, "lhs", None), "target", None)
        if (
            getattr(target, "name", None) != "commune"
            or getattr(target, "model", None) is not qs.model
        ):
            continue
        if isinstance(child, Exact) and isinstance(child.rhs, int):
            return {child.rhs}
        if isinstance(child, In) and isinstance(child.rhs, list | set | tuple):
            return {int(c) for c in child.rhs}
    return None


# --- PostgreSQL: trigrams + a regular expression -------------------------------------------------


def _pg_regex(words: list[str]) -> str:
    # PostgreSQL's ARE: [[:alnum:]] is a letter or digit; search_text is folded and lower-case.
    body = "[^[:alnum:]]+".join(words)
    return f"(?:^|[^[:alnum:]]){body}(?:[^[:alnum:]]|$)"


def _pg_filter(
    qs: PetitionQuerySet, phrases: list[list[str]], *, few_communes: bool
) -> PetitionQuerySet:
    """Each phrase: its longest words as a cheap substring test, then the regular expression.

    Within a few communes the rows are read through the commune indexes and these tests run on
    them: written as functions (strpos, textregexeq), they do not tempt the planner into the
    trigram index, whose posting lists for a common word ("duong": 70% of a million rows) cost
    several times the commune's own rows. Across the province, LIKE and ~ let it use the index.
    """
    for n, words in enumerate(phrases):
        longest = sorted({w for w in words if len(w) >= 3}, key=len, reverse=True)[:2]
        if few_communes:
            for k, w in enumerate(longest):
                qs = qs.alias(**{f"_s{n}_{k}": StrIndex("search_text", Value(w))}).filter(
                    **{f"_s{n}_{k}__gt": 0}
                )
            # \m and \M (start and end of a word) run faster than the alternations of the
            # indexable form, but count "_" as a letter: it is made a space first.
            spaced = Func(F("search_text"), Value("_"), Value(" "), function="translate")
            words_re = "\\m" + "[^[:alnum:]]+".join(words) + "\\M"
            qs = qs.filter(
                Func(spaced, Value(words_re), function="textregexeq", output_field=BooleanField())
            )
        else:
            for w in longest:
                qs = qs.filter(search_text__contains=w)
            regex = _pg_regex(words)
            qs = qs.filter(search_text__regex=regex)
    return qs


FEW_COMMUNES = 8


def search(
    qs: PetitionQuerySet, query: str, *, communes: Iterable[int] | None = None
) -> PetitionQuerySet:
    """Petitions of `qs` that answer `query` (see the module docstring), ignoring diacritics.

    `communes` limits the result to those communes. A list page passes the user's readable
    communes (every petition the user may see is in one of them, so the result is the same):
    SQLite's index then searches only there. Without it, a top-level commune filter of `qs`
    serves the same purpose, else the index searches the whole province.
    """
    phrases = parse(query)
    if not phrases:
        return qs
    within = set(communes) if communes is not None else None
    if within is not None:
        qs = qs.filter(commune_id__in=within)
    else:
        within = _communes_of(qs)
    if connection.vendor == "sqlite":
        match = fts_query(phrases, within)
        sub = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        if within is None:
            return qs.filter(pk__in=RawSQL(sub, [match]))  # type: ignore[arg-type]  # noqa: S611
        # Within communes, "+id" (SQLite's way to say: no index for this term) keeps the planner
        # on the commune's (received_on, id) index: it walks the newest rows, checks each against
        # the matches and stops at the page's 25, instead of reading and sorting every match
        # (8,951 rows for "duong" in one commune: 58 ms instead of about 5).
        table = qs.model._meta.db_table
        member = RawSQL(  # noqa: S611 - the match expression is a bound parameter
            f'+"{table}"."id" IN ({sub})',
            [match],
            output_field=BooleanField(),
        )
        return qs.filter(member)
    return _pg_filter(qs, phrases, few_communes=within is not None and len(within) <= FEW_COMMUNES)
