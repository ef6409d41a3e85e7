from django.core.management.base import BaseCommand, CommandError

from lotse.casework.retention import apply_retention, retention_apply


class Command(BaseCommand):
    help = (
        "Erase clients and delete documents and answered guide requests whose retention "
        "period has passed (run daily, e.g. from cron). --dry-run only lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="print what is due, change nothing"
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="queue the run for the task worker instead"
        )

    def handle(self, *args, dry_run: bool = False, enqueue: bool = False, **options):
        if enqueue and not dry_run:
            result = apply_retention.enqueue()
            self.stdout.write(f"Retention run queued ({result.id}).")
            return
        run = retention_apply(dry_run=dry_run)
        verb = "due" if dry_run else "removed"
        self.stdout.write(f"Retention on {run.today.isoformat()}{' (dry run)' if dry_run else ''}:")
        for record_type, ids in run.due.items():
            done = ids if dry_run else run.done.get(record_type, [])
            listed = ", ".join(str(pk) for pk in done) or "-"
            self.stdout.write(
                f"  {record_type} (kept {run.days[record_type]} days): {len(done)} {verb}: {listed}"
            )
            failed = run.failed.get(record_type)
            if failed:
                self.stderr.write(
                    f"  {record_type}: {len(failed)} failed: {', '.join(map(str, failed))}"
                )
        if run.failed:
            # A non-zero exit makes cron report it; the next run tries again.
            raise CommandError("Some records could not be removed; see the log.")
