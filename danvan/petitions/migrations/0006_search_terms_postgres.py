"""PostgreSQL only: an exact index of the words and adjacent word pairs of each petition, with
its commune, so that a search within a commune counts its matches without reading the rows.

The trigram index of 0004 is lossy: every candidate row must be read and checked with the
regular expression, and one commune's rows lie on as many pages as there are rows (communes are
interleaved in intake order), so counting "o nhiem" in one commune of a million petitions read
12,000 pages. `petition_search_terms(commune_id, search_text)` lists the words (runs of letters
and digits, as search.py's regular expression sees them), each pair of adjacent words
("o nhiem") and the commune ("#2": "#" is in no word). A phrase of one or two words in one
commune is then exactly "the row has these terms": GIN's containment answer needs no recheck,
and PostgreSQL counts the matches from the index and the visibility map.

The commune is a term, not a column beside the terms (btree_gin), so that one index scan
intersects the commune and the words: given two indexes, the planner ANDs a bitmap of the
commune with one of the word over the whole province, and the province's "o nhiem" (160,000
rows) overflows work_mem into a lossy bitmap whose every row must be read and checked again.

Words longer than 40 letters are left out, with their pairs: search.parse cuts a query word at
40 letters, so a longer word is never asked for. SQLite keeps its FTS5 index (0004); this
migration does nothing there and does not touch the table (no rebuild, FTS triggers kept).
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# COST: about 50 µs a call (the regexp split is half of it), some 400 times an operator; the
# planner then walks a commune's newest rows calling it only where matches are common.
FUNCTION = """
CREATE OR REPLACE FUNCTION petition_search_terms(commune bigint, t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 400 AS $$
DECLARE
  terms text[] := ARRAY['#' || commune];
  prev text := '';
  w text;
BEGIN
  FOREACH w IN ARRAY regexp_split_to_array(coalesce(t, ''), '[^[:alnum:]]+') LOOP
    IF w <> '' AND length(w) <= 40 THEN
      terms := terms || w;
      IF prev <> '' THEN
        terms := terms || (prev || ' ' || w);
      END IF;
      prev := w;
    ELSE
      prev := '';
    END IF;
  END LOOP;
  RETURN terms;
END
$$
"""
UP = [
    FUNCTION,
    # A bench-sized table (a million rows) builds in minutes; more sort memory helps.
    "SET LOCAL maintenance_work_mem = '256MB'",
    """CREATE INDEX IF NOT EXISTS petition_search_terms ON petitions_petition
        USING gin (petition_search_terms(commune_id, search_text))""",
]
DOWN = [
    "DROP INDEX IF EXISTS petition_search_terms",
    "DROP FUNCTION IF EXISTS petition_search_terms(bigint, text)",
]


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in UP:
            schema_editor.execute(sql)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in DOWN:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_deadline_rules_shared")]
    operations = [migrations.RunPython(create, drop)]
