from pathlib import Path

import yaml
from django.core.management.base import BaseCommand

from lotse.occupations.reference_data import DATA_DIR
from lotse.occupations.selectors import reference_data_as_files


class Command(BaseCommand):
    help = "Write the reference data from the database back to YAML files (after admin edits)."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=DATA_DIR)

    def handle(self, *args, out: Path, **options):
        files = reference_data_as_files()
        for name, document in files.items():
            path = out / name
            path.parent.mkdir(parents=True, exist_ok=True)
            text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
            path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {len(files)} files to {out}.")
