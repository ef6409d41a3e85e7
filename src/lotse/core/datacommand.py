"""The shape every reference-data command shares: read, report problems, validate-only or load."""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.core.upsert import summarise


class DataLoadCommand(BaseCommand):
    """Subclasses set `label`, `data_dir`, `read(dir)`, `load(data)` and `summary(data)`."""

    label: str = "Data"
    data_dir: Path
    read: Callable
    load: Callable
    summary: Callable

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=self.data_dir)
        parser.add_argument("--check", action="store_true", help="validate only, write nothing")

    def handle(self, *args, data_dir: Path, check: bool, **options):
        data = type(self).read(data_dir)
        if data.problems:
            lines = "\n".join(f"  {p}" for p in data.problems)
            raise CommandError(
                f"{len(data.problems)} problem(s) in the {self.label.lower()}:\n{lines}"
            )
        summary = type(self).summary(data)
        if check:
            self.stdout.write(f"{self.label} is valid: {summary}.")
            return
        counts = type(self).load(data=data)
        self.stdout.write(f"{self.label} loaded: {summary} ({summarise(counts)}).")
