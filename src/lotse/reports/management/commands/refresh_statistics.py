"""`lotse refresh_statistics [--year YEAR | --recent] [--enqueue]`: recompute the yearly facts.

Run from cron: `--recent` (this year) every hour, everything once a night.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.reports.selectors import statistics_years
from lotse.reports.services import statistics_refresh
from lotse.reports.tasks import refresh_statistics


class Command(BaseCommand):
    help = "Recompute the pre-aggregated statistics from the live records."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="only this calendar year")
        parser.add_argument("--recent", action="store_true", help="only the current year")
        parser.add_argument(
            "--enqueue", action="store_true", help="leave the work to the task worker"
        )

    def handle(self, *args, year, recent, enqueue, **options):
        if year is not None and year not in statistics_years():
            raise CommandError(
                _("No records for %(year)s; years with records: %(years)s.")
                % {"year": year, "years": ", ".join(str(y) for y in statistics_years())}
            )
        years = [year] if year else [timezone.localdate().year] if recent else statistics_years()
        if enqueue:
            for each in years:
                refresh_statistics.enqueue(each)
            self.stdout.write(_("Queued: %(years)s") % {"years": ", ".join(map(str, years))})
            return
        for each in years:
            snapshot = statistics_refresh(year=each)
            self.stdout.write(
                _("%(year)s: computed in %(seconds)s s")
                % {"year": each, "seconds": f"{snapshot.seconds:.1f}"}
            )
