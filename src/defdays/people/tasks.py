"""The daily retention purge. It schedules itself: each run enqueues the next one for the following night.

The first run is enqueued by `defdays purge --schedule` (run it once at deployment; running it again changes
nothing) and by `defdays demo`. The task worker (`defdays worker`) then runs it every day at PURGE_HOUR_UTC.
"""

from datetime import datetime, time, timedelta
from datetime import timezone as dt_timezone

from django.utils import timezone
from django_tasks import default_task_backend, task

PURGE_HOUR_UTC = 3


def next_run_after(now=None) -> datetime:
    now = now or timezone.now()
    today_run = datetime.combine(now.astimezone(dt_timezone.utc).date(), time(PURGE_HOUR_UTC), dt_timezone.utc)
    return today_run if now < today_run else today_run + timedelta(days=1)


def _already_scheduled() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=daily_purge.module_path, status="READY").exists()


def schedule_daily_purge() -> bool:
    """Enqueue the next run unless one is waiting. False when the backend cannot defer (tests run tasks at once)."""
    if not default_task_backend.supports_defer:
        return False
    if not _already_scheduled():
        daily_purge.using(run_after=next_run_after()).enqueue()
    return True


@task()
def daily_purge() -> dict:
    from defdays.people import services

    try:
        results = services.purge(dry_run=False)
    finally:
        schedule_daily_purge()  # a failed run must not end the chain
    failed = sorted({label for result in results for label in result.failed})
    if failed:  # the task result shows it as failed; the other apps' data has been purged
        raise RuntimeError(f"The retention purge failed for: {', '.join(failed)}")
    return {"checked": len(results), "destroyed": sum(result.total for result in results)}
