from django.utils import timezone
from django_tasks import task

from defdays.invitations import services
from defdays.invitations.models import ImportJob, ImportStatus


def _failed(job_id):
    ImportJob.objects.filter(pk=job_id).update(status=ImportStatus.FAILED, updated_at=timezone.now())


@task()
def send_invitations(invitation_ids: list[int], base_url: str = "", queued_at: str = "") -> int:
    """Email a batch of invitations, one message each; each gets its fresh token here. A batch run again after
    its worker died (core.task_recovery) skips the invitations sent since it was queued: they were mailed by the
    run that died, and a second mail would also void the link of the first."""
    return sum(1 for pk in invitation_ids if services.send_one(pk, base_url, not_sent_since=queued_at or None))


@task()
def validate_import(job_id: int) -> None:
    try:
        services.run_validation(job_id)
    except Exception:
        _failed(job_id)  # the progress page must not spin for ever
        raise


@task()
def run_import(job_id: int, actor_id: int | None = None, base_url: str = "") -> None:
    try:
        services.run_import(job_id, actor_id, base_url)
    except Exception:
        _failed(job_id)
        raise
