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
