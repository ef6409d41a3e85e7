"""Background work of the reports app (django-tasks; inline in tests and with
LOTSE_TASKS_INLINE=1)."""

from django_tasks import task

from lotse.core.audit import audit_record
from lotse.reports.models import Snapshot
from lotse.reports.selectors import snapshot_of, statistics_years
from lotse.reports.services import statistics_refresh


@task()
def refresh_statistics(year: int | None = None) -> list[int]:
    """Recompute the yearly facts of `year`, or of every year with records; returns the years."""
    years = [year] if year is not None else statistics_years()
    for each in years:
        statistics_refresh(year=each)
    return years


def refresh_request(*, year: int, actor=None, request=None) -> None:
    """A person asked for fresh figures of `year`: queue the work and note who asked."""
    refresh_statistics.enqueue(year)
    audit_record(
        action="reports.refresh_requested", actor=actor, request=request, extra={"year": year}
    )


def figures_ready(year: int) -> bool:
    """True when `year` has been computed. The first reader of a year never computed queues
    the computation of every year (done at once when tasks run inline); later readers wait
    for the worker instead of queueing it again."""
    if snapshot_of(year) is not None:
        return True
    _snapshot, created = Snapshot.objects.get_or_create(year=year)
    if created:
        refresh_statistics.enqueue()
    return snapshot_of(year) is not None
