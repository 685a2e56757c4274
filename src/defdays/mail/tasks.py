from django.db import transaction
from django_tasks import task

from defdays.core.tasks import deliver_email
from defdays.mail.outbox import OutgoingEmail, destroy


def deliver_stored(outgoing_id: int) -> bool:
    """Send a stored OutgoingEmail now and destroy it; False when it is gone already (erased person, sent twice).
    A refusal by the mail server raises and leaves the row sealed in the outbox, for the caller to try again."""
    with transaction.atomic():
        message = OutgoingEmail.objects.select_for_update().select_related("data_key").filter(pk=outgoing_id).first()
        if message is None:
            return False
        deliver_email.call(to=message.to, subject=message.subject, text=message.text, html=message.html)
        destroy([message])
    return True


@task()
def send_outgoing_email(outgoing_id: int) -> bool:
    return deliver_stored(outgoing_id)
