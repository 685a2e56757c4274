"""Demo contact page for 2013: Ms Kim Matthis (from the edition), a secure channel, one fictional message."""

from defdays.contact import services
from defdays.contact.models import ContactMessage, ContactSettings
from defdays.core.links import absolute_url


def build(ctx):
    edition = ctx.edition
    if not ContactSettings.objects.filter(edition=edition).exists():
        services.settings_save(
            edition=edition,
            reader=None,
            openpgp_key="",
            secure_channels="Signal: ask in a first message for the number (demo)",
            actor=ctx.users.get("organiser"),
        )
    if not ContactMessage.objects.filter(edition=edition).exists():
        message = services.message_receive(
            edition=edition,
            name="A. Visitor (demo)",
            email="visitor.demo@example.org",
            body="Is the open session interpreted into Russian? (demo message)",
            language="en",
            inbox_url=absolute_url(f"/orga/{edition.year}/contact/"),
        )
        ContactMessage.objects.filter(pk=message.pk).update(is_demo=True)
    ctx.notes.append(f"Contact: /{edition.year}/contact/; messages at /orga/{edition.year}/contact/.")


def url_examples(ctx) -> dict[str, dict]:
    message = ContactMessage.objects.filter(edition=ctx.edition).first()
    return {"contact:message": {"year": ctx.edition.year, "pk": message.pk if message else 1}}
