"""`lotse match "QUERY"` and `lotse match --batch FILE` (one JSON object per line)."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lotse.occupations.matcher import occupation_match


class Command(BaseCommand):
    help = "Find reference occupations for what people type, in any language."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="?", help="free text, any language or script")
        parser.add_argument("--limit", type=int, default=5)
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--batch", help="file with one query per line, or - for stdin")

    def handle(self, *args, query, limit, batch, **options):
        as_json = options["json"]
        if limit < 1 or limit > 50:
            raise CommandError("--limit must be between 1 and 50.")
        if batch:
            self._batch(batch, limit)
            return
        if not query or not query.strip():
            raise CommandError('Give a query, e.g. lotse match "Krankenschwester".')
        payload = self._payload(query, limit)
        if as_json:
            self.stdout.write(_dumps(payload))
            return
        if not payload["results"]:
            self.stdout.write("No reference occupation matches well.")
        for r in payload["results"]:
            flag = "regulated" if r["regulated"] else "not regulated"
            self.stdout.write(
                f"{r['score']:.2f}  {r['title_de']} ({r['slug']}, {flag}) "
                f"← {r['matched_label']} [{r['matched_lang']}]"
            )
        if not payload["confident"]:
            self.stdout.write("Low confidence: browse the occupation groups instead.")

    def _batch(self, source: str, limit: int) -> None:
        if source == "-":
            lines = sys.stdin.read().splitlines()
        else:
            path = Path(source)
            if not path.is_file():
                raise CommandError(f"No such file: {source}")
            lines = path.read_text(encoding="utf-8").splitlines()
        for line in lines:
            if line.strip():
                self.stdout.write(_dumps(self._payload(line.strip(), limit)))

    @staticmethod
    def _payload(query: str, limit: int) -> dict:
        matches = occupation_match(query, limit=limit)
        return {
            "query": query,
            "results": [r.as_dict() for r in matches.results],
            "confident": matches.confident,
        }


def _dumps(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False)
