"""Writing many rows fast, for benchmark seeders: PostgreSQL `COPY … FROM STDIN` through
psycopg, `executemany` in batches elsewhere (SQLite). Rows are tuples in the order of the
columns a `Table` names; the model's other columns get their field default, so a field added
to a model later does not break the seeder unless it has no default.
"""

import contextlib
import datetime as dt
import json
from collections.abc import Iterator, Sequence

from django.core.management.color import no_style
from django.db import connection, models, transaction

BATCH = 5000  # rows per executemany on databases without COPY


class Table:
    """Rows of one model with explicit columns (ids included), written on `flush`."""

    def __init__(self, model: type[models.Model], columns: Sequence[str], now: dt.datetime):
        self.model = model
        self.columns = list(columns)
        self.rows: list[tuple] = []
        self.written = 0
        rest = [f for f in model._meta.concrete_fields if f.attname not in self.columns]
        self.suffix = tuple(_default(f, now) for f in rest)
        self.all_columns = self.columns + [f.column for f in rest]

    def add(self, *values) -> None:
        self.rows.append(values + self.suffix)

    def next_id(self) -> int:
        return (self.model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1

    def flush(self) -> None:
        if not self.rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in self.all_columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.all_columns))
                rows = [tuple(_portable(v) for v in row) for row in self.rows]
                for start in range(0, len(rows), BATCH):
                    cursor.executemany(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                        rows[start : start + BATCH],
                    )
        self.written += len(self.rows)
        self.rows = []


@contextlib.contextmanager
def bulk_load(tables: Sequence[Table], *, rebuild_indexes: bool = False) -> Iterator[None]:
    """One transaction for the whole load. On PostgreSQL: no synchronous commit, foreign-key
    triggers off when the role may do so (the seeder's rows are consistent by construction),
    with `rebuild_indexes` the secondary indexes dropped before and built again after the load
    (much faster than maintaining them row by row when the tables grow a lot), the id
    sequences moved past the written ids; then VACUUM ANALYZE, so that planner statistics and
    the visibility map look like those of a database that autovacuum has been looking after."""
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        rebuilt: list[tuple[str, str]] = []
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
                cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
                try:
                    with transaction.atomic():
                        cursor.execute("SET LOCAL session_replication_role = replica")
                except Exception:  # noqa: BLE001, S110  (not a superuser: keep the FK checks)
                    pass
                if rebuild_indexes:
                    rebuilt = _secondary_indexes(cursor, tables)
                    for name, _definition in rebuilt:
                        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        yield
        if postgres:
            with connection.cursor() as cursor:
                for _name, definition in rebuilt:
                    cursor.execute(definition)
                for sql in connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables]):
                    cursor.execute(sql)
    if postgres:
        with connection.cursor() as cursor:
            for t in tables:
                cursor.execute(
                    f"VACUUM (ANALYZE) {connection.ops.quote_name(t.model._meta.db_table)}"
                )


def _secondary_indexes(cursor, tables: Sequence[Table]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the indexes that back no constraint: primary keys
    and unique constraints stay, so duplicates would still be refused during the load."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname "
        "AND c.conrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.tablename))::regclass)"
        " ORDER BY i.indexname",
        [[t.model._meta.db_table for t in tables]],
    )
    return list(cursor.fetchall())


def _default(f: models.Field, now: dt.datetime):
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        return now if isinstance(f, models.DateTimeField) else now.date()
    if f.has_default():
        value = f.get_default()
    elif f.null:
        value = None
    elif f.empty_strings_allowed:
        value = ""
    else:
        raise ValueError(f"bulk: give {f.model.__name__}.{f.name} a value")
    if isinstance(f, models.JSONField):
        return json.dumps(value)
    return value


def _portable(value):
    """Values for a DB-API driver without date adapters (SQLite from Python 3.12 on)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
