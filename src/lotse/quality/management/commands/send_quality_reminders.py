from django.core.management.base import BaseCommand

from lotse.quality.tasks import enqueue_overdue_reminders


class Command(BaseCommand):
    help = "Queue reminder e-mails for overdue quality action items (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"Reminders queued: {enqueue_overdue_reminders()}.")
