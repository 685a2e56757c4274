from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker (emails, invitation imports, the retention purge, the nightly deletion of expired sessions)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued now, then exit.")

    def handle(self, *args, batch=False, **options):
        from defdays.core.tasks import schedule_session_cleanup

        schedule_session_cleanup()  # the nightly deletion of expired sessions; queued once, then it re-queues
        call_command("db_worker", batch=batch, reload=False)
