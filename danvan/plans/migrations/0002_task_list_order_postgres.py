"""PostgreSQL only: an index in the task list's own order (open first, nearest deadline, then
finished, latest first), so a page of 25 is read from the index instead of sorting every task
the user may see. SQLite cannot index NULLS FIRST/LAST; its sort of one commune's tasks is cheap.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

INDEXES = {
    "plans_task_list_order": "(commune_id, done_on DESC NULLS FIRST, next_due ASC NULLS LAST, id)",
    "plans_task_list_order_all": "(done_on DESC NULLS FIRST, next_due ASC NULLS LAST, id)",
}


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON plans_task {columns}")


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
