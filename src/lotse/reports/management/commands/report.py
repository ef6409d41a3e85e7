"""`lotse report TABLE --by DIMENSION[,DIMENSION] --from DATE --to DATE --format csv`."""

import argparse
from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lotse.accounts.models import Organisation
from lotse.core.audit import audit_record
from lotse.reports import exports
from lotse.reports.aggregates.catalogue import DIMENSIONS, MEASURES
from lotse.reports.aggregates.compose import RequestError, check, compose
from lotse.reports.aggregates.sources import Geography, LiveSource


def listing() -> str:
    lines = [_("Tables and their dimensions (every table also by region and district):")]
    for measure in MEASURES.values():
        lines.append(f"  {measure.key:<16}{measure.title}")
        lines.append(f"  {'':<16}--by {','.join(d for d in measure.dimensions)}")
    lines.append(_("Dimensions:"))
    lines += [f"  {key:<18}{label}" for key, label in DIMENSIONS.items()]
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Print an anonymised statistics table, computed from the live records: "
        "cells of fewer than five people and the cells that would reveal them are written "
        "as '.', zeros as '-'. Example: lotse report clients --by district,gender "
        "--from 2025-01-01 --to 2025-12-31"
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.epilog = listing()
        return parser

    def add_arguments(self, parser):
        parser.add_argument("table", nargs="?", help="clients, sessions, cases … (see --list)")
        parser.add_argument("--by", default="", help="one or two dimensions, comma-separated")
        parser.add_argument(
            "--from", dest="start", help="first day, YYYY-MM-DD (default: 1 January)"
        )
        parser.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (default: today)")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="write to this file (needed for xlsx)")
        parser.add_argument("--organisation", help="short name: that organisation's figures only")
        parser.add_argument("--language", default="en", choices=["de", "en"])
        parser.add_argument(
            "--list", dest="list_tables", action="store_true", help="list tables and dimensions"
        )

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self._handle(**options)

    def _handle(self, *, table, by, start, end, output, organisation, list_tables, **options):
        if list_tables:
            self.stdout.write(listing())
            return
        if not table:
            raise CommandError(_("Name a table, e.g. lotse report clients --by district."))
        dimensions = [d.strip() for d in by.split(",") if d.strip()]
        try:
            measure = check(table, dimensions)
        except RequestError as error:
            raise CommandError(str(error)) from error
        today = timezone.localdate()
        first = _date(start, "--from") if start else date(today.year, 1, 1)
        last = _date(end, "--to") if end else today
        if first > last:
            raise CommandError(_("--from must not be after --to."))
        organisation_id = None
        if organisation:
            found = Organisation.objects.filter(slug=organisation).first()
            if found is None:
                raise CommandError(_("Unknown organisation “%(slug)s”.") % {"slug": organisation})
            organisation_id = found.pk
        source = LiveSource(start=first, end=last, organisation_id=organisation_id)
        result, transpose = compose(source, measure, dimensions, Geography.load())
        audit_record(
            action="reports.exported",
            extra={"table": result.name, "format": options["format"], "command": True},
        )
        if options["format"] == "xlsx":
            if not output:
                raise CommandError(_("XLSX needs a file: add --output FILE.xlsx."))
            Path(output).write_bytes(exports.workbook([result], transpose=transpose))
            return
        buffer = StringIO()
        exports.write_csv(buffer, result, transpose=transpose)
        if output:
            Path(output).write_text(buffer.getvalue(), encoding="utf-8")
        else:
            self.stdout.write(buffer.getvalue(), ending="")


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("%(option)s: “%(text)s” is not a date like 2025-12-31.")
            % {"option": option, "text": text}
        ) from None
