from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run the background task worker (emails, invitation imports, the retention purge, the nightly deletion of "
        "expired sessions)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued now, then exit.")

    def handle(self, *args, batch=False, **options):
        from django.utils.crypto import get_random_string

        from defdays.core import task_recovery
        from defdays.core.tasks import run_worker_start_hooks, schedule_session_cleanup

        worker_id = get_random_string(32)
        # Alive first, then recover: this worker's own claims are never mistaken for a dead worker's.
        task_recovery.hold_alive(worker_id)
        task_recovery.requeue_abandoned()  # tasks of workers killed mid-task (core.task_recovery)
        schedule_session_cleanup()  # the nightly deletion of expired sessions; queued once, then it re-queues
        run_worker_start_hooks()  # the apps' own deferred work (the award's announcement at its time)
        call_command("db_worker", batch=batch, reload=False, worker_id=worker_id)
