"""The announcement at its time, without anyone having to be awake: a deferred task per cycle, queued when the time
is set and again at every worker start (core.tasks.on_worker_start). A task that finds the time moved later does
nothing but queue itself for the new time; one that runs twice announces once (the service locks the cycle)."""

from django_tasks import task


@task()
def announce_due(cycle_id: int) -> bool:
    from defdays.award import services

    return services.announce_if_due(cycle_id)
