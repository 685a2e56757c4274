from django_tasks import task

from defdays.badges import services


@task()
def build_badges(batch_id: int) -> None:
    try:
        services.run_batch(batch_id)
    except Exception:
        services.batch_failed(batch_id)  # the progress page must not spin for ever
        raise
