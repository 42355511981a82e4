"""Make the test database refuse writes, as a full disk or a read-only server would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def read_only_database() -> Iterator[None]:
    """Every write fails from here to the end of the block with the database's own error
    (SQLite: "attempt to write a readonly database", PostgreSQL: "cannot execute INSERT in a
    read-only transaction"), reads still work. Runs inside the test's transaction (pytest-django
    `db`), and everything is as before afterwards."""
    assert connection.in_atomic_block, "needs the test's transaction (the db fixture)"
    sqlite = connection.vendor == "sqlite"
    # A block of its own: a write failing outside any atomic block of the code under test marks
    # this block, not the test's transaction, as to be rolled back.
    with transaction.atomic():
        with connection.cursor() as c:
            c.execute("PRAGMA query_only = ON" if sqlite else "SET transaction_read_only = on")
        try:
            yield
        finally:
            if sqlite:
                transaction.set_rollback(False)  # to run one more statement
                with connection.cursor() as c:
                    c.execute("PRAGMA query_only = OFF")
            # PostgreSQL: rolling back to the savepoint undoes the SET as well.
            transaction.set_rollback(True)
