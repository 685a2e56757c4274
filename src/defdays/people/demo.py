"""Demo: the fictional defender "River" (defender-3) chose "hide me", so the safety team's screen shows a case."""

from defdays.people.services import set_hidden


def build(ctx):
    river = ctx.users["defender-3"]
    set_hidden(river, True, actor=river)  # idempotent: a second `defdays demo` keeps the first date
    # The daily purge is not queued here: the 2013 edition ended long ago, so its first run would destroy the
    # demo's participant data. `defdays purge --dry-run` shows what it would do; deployments run
    # `defdays purge --schedule` once.
    ctx.notes.append("Retention: `defdays purge --dry-run` shows what the daily purge would destroy in 2013.")
    ctx.notes.append(f"Safety team: /orga/{ctx.edition.year}/safety/hidden/ lists the hidden demo defender.")


def url_examples(ctx) -> dict[str, dict]:
    return {"people:email_confirm": {"token": "not-a-valid-link"}}
