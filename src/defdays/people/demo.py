"""Demo: the fictional defender "River" (defender-3) chose "hide me", so the safety team's screen shows a case."""

from django.utils import timezone


def build(ctx):
    river = ctx.users["defender-3"]
    if river.hidden_at is None:  # idempotent: a second `defdays demo` keeps the first date
        river.hidden_at = timezone.now()
        river.save(update_fields=["hidden_at"])
    # The daily purge is not queued here: the 2013 edition ended long ago, so its first run would destroy the
    # demo's participant data. `defdays purge --dry-run` shows what it would do; deployments run
    # `defdays purge --schedule` once.
    ctx.notes.append("Retention: `defdays purge --dry-run` shows what the daily purge would destroy in 2013.")
    ctx.notes.append(f"Safety team: /orga/{ctx.edition.year}/safety/hidden/ lists the hidden demo defender.")


def url_examples(ctx) -> dict[str, dict]:
    return {"people:email_confirm": {"token": "not-a-valid-link"}}
