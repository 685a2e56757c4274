"""Tasks of a worker that died mid-task run again.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: a worker killed with
SIGKILL, by the out-of-memory killer or with its machine leaves an invitation import half-way for ever (the
organiser's page says "writing" until the end of time) and the email it was sending is lost. A timeout cannot tell
a dead worker from a slow one, so each worker proves it is alive instead: it holds a PostgreSQL advisory lock named
after its worker id, on a connection of its own, for as long as the process lives. When the process dies the
kernel closes that connection and PostgreSQL releases the lock. A starting worker re-queues every RUNNING task
whose worker's lock it can take.

Running again is safe for our tasks: an import writes all its rows in one transaction and checks the job's status
under a row lock first (a killed import wrote nothing; a finished one is not written twice), and an outgoing email
is destroyed in the transaction that sends it. The one case that repeats: a worker killed after the mail server
accepted a message and before its transaction committed; that message is sent twice (at least once, never lost).
On SQLite (the one-process demo) there is nothing to recover from another process and this does nothing.
"""

from __future__ import annotations

import hashlib
import logging

from django.db import connection

logger = logging.getLogger(__name__)

# pg_advisory_lock(int, int): the first number names our use of the lock space, the second the worker.
LOCK_SPACE = 0x64_64_77  # "ddw"

_alive = None  # the connection that holds this worker's lock; lives as long as the process


def _worker_key(worker_id: str) -> int:
    return int.from_bytes(hashlib.sha256(worker_id.encode()).digest()[:4], "big", signed=True)


def hold_alive(worker_id: str) -> None:
    """Take this worker's lock on a connection of its own (Django closes and reopens its own between tasks)."""
    global _alive
    if connection.vendor != "postgresql":
        return
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("server_side_binding", None)
    _alive = psycopg.connect(**params, autocommit=True)
    _alive.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_SPACE, _worker_key(worker_id)])


def _is_dead(worker_id: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE, _worker_key(worker_id)])
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, _worker_key(worker_id)])
    return True


def requeue_abandoned() -> int:
    """Put back in the queue every RUNNING task whose worker is gone. Returns how many."""
    if connection.vendor != "postgresql":
        return 0
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    requeued = 0
    for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids", "started_at"):
        if not task.worker_ids or not _is_dead(task.worker_ids[-1]):
            continue
        # started_at in the filter: another starting worker may have re-queued it and a live one claimed it since.
        requeued += DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        ).update(status=TaskResultStatus.READY, started_at=None)
    if requeued:
        logger.warning("Re-queued %d task(s) of workers that stopped mid-task.", requeued)
    return requeued
