from datetime import UTC, datetime, time, timedelta

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import default_task_backend, task

# Expired sessions are deleted every night at this hour; `defdays worker` queues the first run.
SESSION_CLEANUP_HOUR_UTC = 4


@task()
def deliver_email(to: str, subject: str, text: str, html: str = "") -> None:
    """Send one message to one recipient now. Callers that hold a secret in the body call it with .call()
    inside their own task, so the body never lands in a task row."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


# --- Daily tasks that re-queue themselves ------------------------------------------------------------------


def next_daily_run(hour_utc: int, now=None) -> datetime:
    now = now or timezone.now()
    today_run = datetime.combine(now.astimezone(UTC).date(), time(hour_utc), UTC)
    return today_run if now < today_run else today_run + timedelta(days=1)


def schedule_daily(daily_task, hour_utc: int) -> bool:
    """Queue the next run of `daily_task` unless one is waiting. False when the backend cannot defer (tests run
    tasks at once, and a task that queues itself would loop)."""
    from django_tasks_db.models import DBTaskResult

    if not default_task_backend.supports_defer:
        return False
    if not DBTaskResult.objects.filter(task_path=daily_task.module_path, status="READY").exists():
        daily_task.using(run_after=next_daily_run(hour_utc)).enqueue()
    return True


def schedule_session_cleanup() -> bool:
    return schedule_daily(clear_expired_sessions, SESSION_CLEANUP_HOUR_UTC)


@task()
def clear_expired_sessions() -> int:
    """Delete expired session rows: a session that can no longer be used has no business in a backup."""
    from defdays.core.sessions import StoredSession

    try:
        return StoredSession.objects.filter(expire_date__lt=timezone.now()).delete()[0]
    finally:
        schedule_session_cleanup()  # a failed run must not end the chain


# --- Work the worker queues when it starts --------------------------------------------------------------------
# Apps above core register a callable here (from AppConfig.ready) that queues their own deferred tasks; a task
# lost with a database restore is then queued again by the next worker start.
_worker_start_hooks: list = []


def on_worker_start(hook):
    if hook not in _worker_start_hooks:
        _worker_start_hooks.append(hook)
    return hook


def run_worker_start_hooks() -> None:
    for hook in tuple(_worker_start_hooks):
        hook()
