"""The demo's message: one note from the organisers to the approved defenders of 2013 (the worker sends it)."""

from defdays.mailings import services
from defdays.mailings.models import Audience, Message

TITLE = "Practical details for 2 April"
BODY = (
    "Registration opens at 08:30 on Tuesday 2 April. Please bring the confirmation on your page; "
    "no printed list of participants exists.\n\n"
    "The training rooms are on the second floor. Ask the contact person if you need anything."
)


def build(ctx):
    ctx.notes.append(
        "Messages to participants: /orga/2013/messages/ (one sent to the approved defenders by the worker; "
        "the defender reads the copy on /me/)."
    )
    if Message.objects.filter(edition=ctx.edition).exists():
        return
    services.message_send(
        edition=ctx.edition,
        audience=Audience.APPROVED_DEFENDERS,
        title=TITLE,
        body=BODY,
        actor=ctx.users.get("organiser"),
    )


def url_examples(ctx) -> dict[str, dict]:
    message = Message.objects.filter(edition=ctx.edition).order_by("pk").first()
    return {"mailings:progress": {"year": ctx.edition.year, "uid": message.uid}}
