"""Server time of the guide's result page with the full knowledge base.

    .venv/bin/python bench/guide.py [--requests 2000]

Loads the shipped reference and directory data into a throw-away SQLite database and requests
the result page (and the JSON API) in-process through Django's test client for random
combinations of occupation, country and district, pinned to one core. Prints median, p95 and
p99 server time per request. The target is p95 ≤ 50 ms for the page.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import percentile, pin_to_one_core, setup_django

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    pin_to_one_core()
    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as var_dir:
        setup_django(var_dir, commands=("load_reference_data", "load_directory_data"))
        from django.test import Client

        from lotse.core.i18n import countries
        from lotse.directory.models import District
        from lotse.occupations.models import Occupation

        slugs = list(Occupation.objects.values_list("slug", flat=True))
        codes = [*District.objects.values_list("code", flat=True), "abroad"]
        country_codes = [code for code, _name in countries("en")]
        languages = ["de", "en", "ar", "tr", "uk", "ru", "fa"]
        rng = random.Random(2026)
        client = Client(HTTP_HOST="127.0.0.1")
        client.get("/de/guide/result/?occupation=arzt&country=SY&district=08111")  # warm-up

        def run(url_for) -> list[float]:
            times = []
            for _ in range(args.requests):
                url = url_for(rng.choice(slugs), rng.choice(country_codes), rng.choice(codes))
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            return times

        page = run(
            lambda s, c, d: (
                f"/{rng.choice(languages)}/guide/result/?occupation={s}&country={c}&district={d}"
            )
        )
        api = run(lambda s, c, d: f"/api/v1/guide?occupation={s}&country={c}&district={d}")
    print(f"{len(slugs)} occupations, {len(codes) - 1} districts, {len(country_codes)} countries; "
          f"{args.requests} requests each, one core, SQLite, in-process")  # fmt: skip
    print(f"{'':<22}{'median':>8}{'p95':>8}{'p99':>8}{'max':>8}  (ms)")
    for name, times in (("result page (HTML)", page), ("GET /api/v1/guide", api)):
        print(
            f"{name:<22}{statistics.median(times):>8.1f}{percentile(times, 95):>8.1f}"
            f"{percentile(times, 99):>8.1f}{max(times):>8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
