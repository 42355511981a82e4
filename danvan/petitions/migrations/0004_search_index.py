"""Indexes for diacritic-free search and duplicate checks, one set per database.

Petition.search_text holds the folded subject and content (danvan.lib.text.fold: "Ô nhiễm" →
"o nhiem", đ → d), written at intake by services.petition_receive. On top of it:

- SQLite: an FTS5 table `petitions_petition_fts` (contentless, tokenizer unicode61) with two
  columns: `commune` (one token, "c<commune id>") and `body` (search_text). Triggers keep it in
  step with every insert, delete and change of search_text or commune. The commune token lets
  a search stay inside one commune within the index itself instead of joining a million-row
  match to the commune filter (see petitions/search.py and benchmarks/RESULTS-petitions.md).
- PostgreSQL: pg_trgm and a GIN trigram index on search_text.
- Both: an index on (commune, petitioner_phone) for "same person" duplicate candidates.

Rows that exist before this migration get a search_text if theirs is empty, and enter the index.
"""

from django.db import migrations

from danvan.lib.text import fold

SQLITE_UP = [
    """CREATE VIRTUAL TABLE petitions_petition_fts USING fts5(
        commune, body, content='', tokenize='unicode61 remove_diacritics 0'
    )""",
    """INSERT INTO petitions_petition_fts(rowid, commune, body)
        SELECT id, 'c' || commune_id, search_text FROM petitions_petition""",
    """CREATE TRIGGER petitions_petition_fts_insert AFTER INSERT ON petitions_petition BEGIN
        INSERT INTO petitions_petition_fts(rowid, commune, body)
        VALUES (new.id, 'c' || new.commune_id, new.search_text);
    END""",
    """CREATE TRIGGER petitions_petition_fts_delete AFTER DELETE ON petitions_petition BEGIN
        INSERT INTO petitions_petition_fts(petitions_petition_fts, rowid, commune, body)
        VALUES ('delete', old.id, 'c' || old.commune_id, old.search_text);
    END""",
    """CREATE TRIGGER petitions_petition_fts_update
        AFTER UPDATE OF search_text, commune_id ON petitions_petition
        WHEN old.search_text IS NOT new.search_text OR old.commune_id IS NOT new.commune_id
    BEGIN
        INSERT INTO petitions_petition_fts(petitions_petition_fts, rowid, commune, body)
        VALUES ('delete', old.id, 'c' || old.commune_id, old.search_text);
        INSERT INTO petitions_petition_fts(rowid, commune, body)
        VALUES (new.id, 'c' || new.commune_id, new.search_text);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS petitions_petition_fts_update",
    "DROP TRIGGER IF EXISTS petitions_petition_fts_delete",
    "DROP TRIGGER IF EXISTS petitions_petition_fts_insert",
    "DROP TABLE IF EXISTS petitions_petition_fts",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX IF NOT EXISTS petition_search_trgm
        ON petitions_petition USING gin (search_text gin_trgm_ops)""",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS petition_search_trgm"]
PHONE_UP = """CREATE INDEX IF NOT EXISTS petition_commune_phone
    ON petitions_petition (commune_id, petitioner_phone)"""
PHONE_DOWN = "DROP INDEX IF EXISTS petition_commune_phone"


def fill_search_text(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    missing = Petition.objects.filter(search_text="").only("pk", "subject", "content")
    for p in missing.iterator(chunk_size=2000):
        p.search_text = fold(f"{p.subject} {p.content}")
        p.save(update_fields=["search_text"])


def forward(apps, schema_editor):
    fill_search_text(apps, schema_editor)
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}.get(vendor, [])
    for sql in [*statements, PHONE_UP]:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}.get(vendor, [])
    for sql in [PHONE_DOWN, *statements]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_petitioner_email")]
    operations = [migrations.RunPython(forward, backward)]
