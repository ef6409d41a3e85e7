from django.core.management.base import BaseCommand

from lotse.training.tasks import enqueue_reminders


class Command(BaseCommand):
    help = "Queue reminder e-mails for trainings starting within 48 hours (run hourly from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"Reminders queued: {enqueue_reminders()}.")
