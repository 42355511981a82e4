"""Search that ignores case and diacritics, the same on SQLite and PostgreSQL.

What a query means. Text and query are folded alike (danvan.lib.text.fold: "Ô nhiễm" → "o nhiem",
đ → d, NFD input composed away) and cut into words (runs of letters and digits). A query is a
phrase: its words must follow each other in the text as whole words. So "o nhiem" finds
"Ô nhiễm", "ô nhiễm," and "(ô nhiễm môi trường)", "duong" finds "Đường", while "giao nhiệm vụ"
and "trách nhiệm" are not "ô nhiễm". Vietnamese writes a word as several syllables, so a phrase
is what a person means; commas separate phrases that must all be present ("ô nhiễm, Nà Pàn").
`matches(text, query)` is that definition in Python: the ground truth of tests and benchmarks.

What is indexed. search_text is the folded subject and content as stored; a denunciation's are
stored already struck of the denouncer's identity (petitions.services.petition_receive, with
petitions.redaction; `danvan redact-denunciations` strikes letters stored before), so its name,
phone or address finds nothing, whoever searches (Luật Tố cáo 2018, Điều 8 khoản 3). The index
terms of both databases derive from search_text alone.

Whole words, not prefixes: on a million petitions FTS5 answers a prefix ("nhiem*") by merging the
posting lists of every word that starts so, three times slower than the phrase itself
(benchmarks/RESULTS-petitions.md), and a one-letter prefix ("d*") takes seconds.

How it runs (the indexes come from migration 0004_search_index):
- SQLite: FTS5 (unicode61 tokens) over search_text, with the commune as a token of its own, so a
  search within some communes is answered inside the index: the phrase and the commune token
  meet in FTS5's posting lists (a few thousand rows) instead of a match over the whole province
  being joined to the commune filter (the 626 ms trap of ECOSYSTEM.md).
- PostgreSQL: within one commune (an officer's book) a phrase of one or two words is a term of
  the GIN index of migration 0006, petition_search_terms(commune_id, search_text): the commune,
  the words and the adjacent word pairs of each petition. That answer is exact, so the page's
  count comes from the index without reading a row (it read a page per petition of the commune,
  12,000 pages, when every row was checked). Longer phrases also get the regular expression,
  on the few rows that have all their word pairs. Within a few communes, a regular expression on
  search_text checks the phrase and word boundaries, after a cheap substring test of its longest
  words, on the rows of the commune indexes. Across the province (no commune filter) the same
  terms index answers without the commune's term; only a word of other than ASCII letters, or
  a set of more than 8 communes, falls back to the GIN trigram index (pg_trgm), which proposes
  candidates that PostgreSQL re-reads (that index is lossy).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import pairwise

from django.db import connection
from django.db.models import BooleanField, CharField, F, Func, OrderBy, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, StrIndex
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


WORD_CHAR = re.compile(r"[^\W_]")


def phrase_finder(words: list[str]) -> Callable[[str], bool]:
    """`_phrase_pattern(words).search`, as a yes or no, about twenty times faster on the texts a
    walk reads: a pattern that starts with a look-behind is tried at every position of the
    text, while one that starts with the phrase's first word lets `re` jump between the places
    that word occurs; the look-behind is then checked at each of those places."""
    body = re.compile(r"[\W_]+".join(re.escape(w) for w in words) + r"(?![^\W_])")
    search, letter = body.search, WORD_CHAR.match

    def found(text: str) -> bool:
        at = 0
        while (m := search(text, at)) is not None:
            start = m.start()
            if not start or not letter(text, start - 1):
                return True
            at = start + 1
        return False

    return found


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


def fts_count(query: str, communes: Iterable[int] | None, limit: int) -> int:
    """SQLite: how many petitions of `communes` (None: of any) answer `query`, counted up to
    `limit` inside the FTS5 index (its posting lists, read until `limit`; no row of the table
    is read)."""
    phrases = parse(query)
    if not phrases:
        return 0
    sql = (
        f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s)"  # noqa: S608
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [fts_query(phrases, communes), limit])
        return int(cursor.fetchone()[0])


def count(qs: PetitionQuerySet, query: str) -> int:
    """How many rows `search(qs, query)` has. On SQLite, when `qs` is one commune's book (or a
    few communes') with no other filter, its matches are counted in the FTS5 index alone
    (`fts_count`), not by checking each entry of the commune's index against them (2,168
    matches of 12,700 rows: about half the time)."""
    within = _communes_of(qs)
    if (
        connection.vendor == "sqlite"
        and within is not None
        and len(qs.query.where.children) == 1
        and not qs.query.distinct
        and parse(query)
    ):
        return fts_count(query, within, -1)  # SQLite's LIMIT -1: no limit
    return search(qs, query).count()


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
ASCII_WORD = re.compile(r"[a-z0-9]+")


def _terms(phrases: list[list[str]]) -> list[str] | None:
    """The index terms every match must have: a phrase's word, or its adjacent word pairs. None
    when a word has other than ASCII letters and digits (PostgreSQL's notion of a letter there
    depends on the locale, so the regular expression decides)."""
    if not all(ASCII_WORD.fullmatch(w) for p in phrases for w in p):
        return None
    terms: list[str] = []
    for words in phrases:
        terms += words if len(words) == 1 else [f"{a} {b}" for a, b in pairwise(words)]
    return sorted(set(terms))


MCE_KEPT = 600.0  # seconds a process keeps the statistics' common terms (ANALYZE renews them)
_mce: tuple[float, frozenset[str]] = (0.0, frozenset())


def has_known_frequency(query: str) -> bool:
    """PostgreSQL: whether `query` is one term of the terms index (a phrase of one or two
    words) among the most common elements of that index's statistics, i.e. whether the
    planner's estimate of its matches comes from a measured frequency. For any other term it
    is a default guess (0.5 % of the rows: 15,000 at 3,000,000 where "dat dai" has 65,790)."""
    global _mce
    terms = _terms(parse(query))
    if connection.vendor != "postgresql" or terms is None or len(terms) != 1:
        return False
    kept_at, common = _mce
    if time.monotonic() - kept_at > MCE_KEPT:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[] FROM pg_stats "
                "WHERE schemaname = current_schema() AND tablename = 'petition_search_terms'"
            )
            row = cursor.fetchone()
        common = frozenset(row[0] or ()) if row else frozenset()
        _mce = (time.monotonic(), common)
    return terms[0] in common


def _pg_exact(
    qs: PetitionQuerySet, phrases: list[list[str]], commune: int | None, terms: list[str]
) -> PetitionQuerySet:
    """Rows (of `commune`, or of any) whose terms (index petition_search_terms of migration
    0006) contain all of `terms`: exact for phrases of one or two words; longer ones are checked
    word by word."""
    table = qs.model._meta.db_table
    wanted = terms if commune is None else [f"#{int(commune)}", *terms]
    has_terms = RawSQL(  # noqa: S611 - the terms are a bound parameter
        f'petition_search_terms("{table}"."commune_id", "{table}"."search_text") @> %s::text[]',
        [wanted],
        output_field=BooleanField(),
    )
    qs = qs.filter(has_terms)
    longer = [p for p in phrases if len(p) > 2]
    return _pg_filter(qs, longer, few_communes=True) if longer else qs


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
    given = within is not None
    if within is None:
        within = _communes_of(qs)
    # SQLite: the index's commune tokens (fts_query) limit the matches to `within`; the same
    # filter on the table would be indexed, and for an officer's few assigned cases the planner
    # then walked every row of the commune (2,000 of 12,700) instead of the handler's and the
    # unit's indexes (26 -> 7 ms for "duong").
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
    few = within is not None and len(within) <= FEW_COMMUNES
    terms = _terms(phrases)
    if terms is not None and (within is None or len(within) == 1):
        # One commune: its term narrows the index. The province (petitions.province): the
        # terms alone, exact where the trigrams were lossy (every candidate's text re-read).
        # A commune given as `communes` is filtered by its term alone: with its column too, the
        # planner read every match of the commune (8,025 for "duong") and then kept an
        # officer's assigned cases among them, instead of joining the index's matches to those
        # cases' own indexes (heap pages 6,990 -> 1,229 in the 150,000-petition bench).
        return _pg_exact(qs, phrases, next(iter(within)) if within else None, terms)
    if given:
        qs = qs.filter(commune_id__in=within)
    return _pg_filter(qs, phrases, few_communes=few)


def few_matches(qs: PetitionQuerySet, query: str, *, order: Sequence[str | OrderBy]) -> list[int]:
    """The ids of `search(qs, query)` in `order`, for a `qs` of a few rows in any commune (an
    officer's assigned cases: 2,000 of a commune's 13,800): one list gives the page both its
    count and its rows.

    The index is asked within the communes those rows lie in. On SQLite one read of the rows
    gives their order and their communes, and the index's matches (in those communes, between
    the lowest and the highest id) are kept in that order: the rows were read twice, once for
    their communes and once to sort the matches (9 -> 7 ms for "duong"). PostgreSQL asks the
    communes first, then sorts the matches its indexes find."""
    phrases = parse(query)
    if connection.vendor != "sqlite":
        within = qs.order_by().values_list("commune_id", flat=True).distinct()
        found = search(qs, query, communes=within) if phrases else qs
        return list(found.order_by(*order).values_list("pk", flat=True))
    rows = list(qs.order_by(*order).values_list("pk", "commune_id"))
    if not phrases or not rows:
        return [pk for pk, _commune in rows]
    ids = [pk for pk, _commune in rows]
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid BETWEEN %s AND %s"  # noqa: S608
    with connection.cursor() as cursor:
        match = fts_query(phrases, {commune for _pk, commune in rows})
        cursor.execute(sql, [match, min(ids), max(ids)])
        hits = {rowid for (rowid,) in cursor.fetchall()}
    return [pk for pk in ids if pk in hits]


WALK_ROWS = 1000  # rows a walk is expected to read at most
WALK_CHUNK = 250


def newest_matches(
    qs: PetitionQuerySet, query: str, *, matches: int, first: int, upto: int
) -> list[int] | None:
    """The ids of the matches first..upto (newest first) of `search(qs, query)`, found by
    walking `qs` newest first, when matches are common enough that they lie among its newest
    rows; None when the search's own plan is the better (or the walk finds too few).

    PostgreSQL, one commune: the terms index counts exactly, but the page's rows would then be
    every match, fetched and sorted (8,951 rows for "duong", 25 ms), since the planner counts
    the commune twice (its column and its term) and expects a few dozen; and handed the regular
    expression instead, it expects one row and plans worse still. Here the commune's (received_on,
    id) index gives its newest rows a chunk at a time, and `matches`' own patterns check their
    folded text: a few dozen rows for "duong". `matches` is the count already made.

    SQLite, one commune: its plan walks the commune's date index, but checks each row against
    every match of the commune, which the index lists first (8,025 for "duong": 6 ms); the
    walk asks the index only for the matches among each chunk's ids (`_sqlite_walk`).
    """
    phrases = parse(query)
    within = _communes_of(qs)
    if not phrases or within is None or len(within) != 1 or not 0 < upto <= matches:
        return None
    if connection.vendor == "postgresql" and _terms(phrases) is None:
        return None
    total = qs.count()
    if upto * total > WALK_ROWS * matches:
        return None
    rows = min(total, 3 * WALK_ROWS)
    if connection.vendor == "sqlite":
        return _sqlite_walk(qs, phrases, first=first, upto=upto, rows=rows, communes=within)
    return _walk(qs, phrases, first=first, upto=upto, rows=rows)


def _walk(
    qs: PetitionQuerySet, phrases: list[list[str]], *, first: int, upto: int, rows: int
) -> list[int] | None:
    """The matches first..upto among the newest `rows` rows of `qs`, read a chunk at a time
    and checked by `matches`' patterns (as `phrase_finder`s; chunks that double up to 2,000
    rows); None if fewer lie there. Each chunk starts after the last row of the one before
    (by date and id, not by an offset): rows received meanwhile neither repeat nor hide one,
    and no chunk re-reads those before it."""
    finders = [phrase_finder(p) for p in phrases]
    newest = qs.order_by("-received_on", "-id").values_list("pk", "received_on", "search_text")
    found: list[int] = []
    chunk: list[tuple[int, date, str]] = []
    size, read = WALK_CHUNK, 0
    while read < rows:
        after = newest
        if chunk:
            pk, day, _text = chunk[-1]
            after = newest.filter(Q(received_on__lt=day) | Q(received_on=day, pk__lt=pk))
        chunk = list(after[:size])
        read += len(chunk)
        found += [pk for pk, _day, text in chunk if all(f(text) for f in finders)]
        if len(found) >= upto:
            return found[first:upto]
        if len(chunk) < size:
            break
        size = min(2 * size, 8 * WALK_CHUNK)  # a long walk in fewer, larger chunks
    return None


DENSE = 4  # a chunk whose ids span less than 4 x its rows asks the index for its matches
DENSE_COMMUNE = 100  # or, for one commune's rows, less than 100 x


def _sqlite_walk(
    qs: PetitionQuerySet,
    phrases: list[list[str]],
    *,
    first: int,
    upto: int,
    rows: int,
    communes: set[int] | None = None,
) -> list[int] | None:
    """`_walk` on SQLite, the matches of each chunk found in the FTS5 index: a chunk is read
    from the date index (its ids, no text), and the index gives the matches among the ids from
    the chunk's lowest to its highest, in their doclists' order (0.1 ms for the 2,000 newest
    rows of the province, where reading and checking their texts took 8). Ids follow the order
    of intake, so a chunk's ids are close together; a chunk whose ids are spread wider than
    DENSE times its rows (petitions entered long after they were received) has its texts read
    and checked instead, as `_walk` does. The rows of `communes` (one commune's book) lie among
    other communes' rows: there the commune's token leads the index through a span up to
    DENSE_COMMUNE times the chunk's rows (a commune of a hundred)."""
    spread = DENSE if communes is None else DENSE_COMMUNE
    match = fts_query(phrases, communes)
    finders = [phrase_finder(p) for p in phrases]
    # The date as SQLite stores it, text: a date made for each row is a converter call each.
    day_text = Cast("received_on", CharField())
    newest = qs.order_by("-received_on", "-id").values_list("pk", day_text)
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid BETWEEN %s AND %s"  # noqa: S608
    found: list[int] = []
    chunk: list[tuple[int, str]] = []
    size, read = WALK_CHUNK, 0
    while read < rows:
        after = newest
        if chunk:
            pk, day = chunk[-1]
            after = newest.filter(Q(received_on__lt=day) | Q(received_on=day, pk__lt=pk))
        chunk = list(after[:size])
        if not chunk:
            break
        read += len(chunk)
        ids = [pk for pk, _day in chunk]
        low, high = min(ids), max(ids)
        if high - low < spread * len(ids):
            with connection.cursor() as cursor:
                cursor.execute(sql, [match, low, high])
                hits = {rowid for (rowid,) in cursor.fetchall()}
        else:
            texts = qs.model.objects.filter(pk__in=ids).values_list("pk", "search_text")
            hits = {pk for pk, text in texts if all(f(text) for f in finders)}
        found += [pk for pk in ids if pk in hits]
        if len(found) >= upto:
            return found[first:upto]
        if len(chunk) < size:
            break
        size = min(2 * size, 8 * WALK_CHUNK)
    return None


PG_WALK_FACTOR = 4


def _pg_walk(
    qs: PetitionQuerySet, phrases: list[list[str]], *, first: int, upto: int, rows: int
) -> list[int] | None:
    """`_walk` done by PostgreSQL itself: down the date index over the newest rows (4 × `rows`:
    no text leaves the database unless it matches), each tested by `_pg_filter`'s functions,
    a substring test then the regular expression; None if fewer matches lie there."""
    newest = qs.order_by("-received_on", "-id")
    reach = rows * PG_WALK_FACTOR
    edge = list(newest.values_list("received_on", flat=True)[reach - 1 : reach])
    within = qs.filter(received_on__gte=edge[0]) if edge else qs
    matched = _pg_filter(within, phrases, few_communes=True).order_by("-received_on", "-id")
    ids = list(matched.values_list("pk", flat=True)[first:upto])
    return ids if len(ids) == upto - first else None


def newest_ids(qs: PetitionQuerySet, query: str, *, first: int, upto: int, walk: int) -> list[int]:
    """The ids of the matches first..upto (newest first) of `search(qs, query)` across the
    province (petitions.province): common matches lie among the newest rows, of which `walk`
    are read and checked; otherwise (or if too few lie there) the index finds every match and
    they are sorted."""
    if walk:
        walker = _pg_walk if connection.vendor == "postgresql" else _sqlite_walk
        walked = walker(qs, parse(query), first=first, upto=upto, rows=walk)
        if walked is not None:
            return walked
    found = search(qs, query).order_by("-received_on", "-id")
    return list(found.values_list("pk", flat=True)[first:upto])
