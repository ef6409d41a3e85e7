from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.core.upsert import summarise
from lotse.directory.data import DATA_DIR, read_directory
from lotse.directory.services import directory_load


class Command(BaseCommand):
    help = "Validate and load regions, districts, Welcome Centers and counselling centres."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
        parser.add_argument("--check", action="store_true", help="validate only")

    def handle(self, *args, data_dir: Path, check: bool, **options):
        data = read_directory(data_dir)
        if data.problems:
            lines = "\n".join(f"  {p}" for p in data.problems)
            raise CommandError(f"{len(data.problems)} problem(s) in the directory data:\n{lines}")
        summary = (
            f"{len(data.regions)} regions, {len(data.districts)} districts, "
            f"{len(data.centres)} centres"
        )
        if check:
            self.stdout.write(f"Directory data is valid: {summary}.")
            return
        counts = directory_load(data=data)
        changes = summarise(counts)
        self.stdout.write(f"Directory data loaded: {summary} ({changes}).")
