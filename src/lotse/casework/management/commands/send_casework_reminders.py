from django.core.management.base import BaseCommand

from lotse.casework.tasks import enqueue_appointment_reminders, enqueue_follow_up_reminders


class Command(BaseCommand):
    help = (
        "Queue reminder e-mails: to clients whose appointment starts within 24 hours, and to "
        "staff whose follow-up tasks have become due. Each is sent once; run hourly from cron."
    )

    def handle(self, *args, **options):
        appointments = enqueue_appointment_reminders()
        tasks = enqueue_follow_up_reminders()
        self.stdout.write(
            f"Appointment reminders queued: {appointments}. Task reminders queued: {tasks}."
        )
