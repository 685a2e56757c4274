"""The daily retention purge. It schedules itself: each run enqueues the next one for the following night.

The first run is enqueued by `defdays purge --schedule` (run it once at deployment; running it again changes
nothing) and by `defdays demo`. The task worker (`defdays worker`) then runs it every day at PURGE_HOUR_UTC.
"""

from django_tasks import task

from defdays.core.tasks import next_daily_run, schedule_daily

PURGE_HOUR_UTC = 3


def next_run_after(now=None):
    return next_daily_run(PURGE_HOUR_UTC, now)


def schedule_daily_purge() -> bool:
    """Enqueue the next run unless one is waiting. False when the backend cannot defer (tests run tasks at once)."""
    return schedule_daily(daily_purge, PURGE_HOUR_UTC)


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


@task()
def send_email_change_link(user_id: int, sealed_email: str, base_url: str = "") -> bool:
    """Open the sealed new address; send its confirmation link if no account uses it, or do nothing."""
    from defdays.people import email_change

    return email_change.send_link(user_id=user_id, sealed_email=sealed_email, base_url=base_url)
