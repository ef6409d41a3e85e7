from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.core.upsert import summarise
from lotse.occupations.reference_data import DATA_DIR, read_all
from lotse.occupations.services import reference_data_load


class Command(BaseCommand):
    help = "Validate the reference data files and load them (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
        parser.add_argument("--check", action="store_true", help="validate only, write nothing")

    def handle(self, *args, data_dir: Path, check: bool, **options):
        data = read_all(data_dir)
        if data.problems:
            lines = "\n".join(f"  {p}" for p in data.problems)
            raise CommandError(f"{len(data.problems)} problem(s) in the reference data:\n{lines}")
        summary = (
            f"{len(data.occupations)} occupations, {len(data.authorities)} authorities, "
            f"{len(data.competences)} competence rules, {len(data.districts)} districts, "
            f"{len(data.labels)} labels"
        )
        if check:
            self.stdout.write(f"Reference data is valid: {summary}.")
            return
        counts = reference_data_load(data=data)
        changes = summarise(counts)
        self.stdout.write(f"Reference data loaded: {summary} ({changes}).")
