from django.db import transaction
from django_tasks import task

from defdays.core.tasks import deliver_email
from defdays.mail.outbox import OutgoingEmail, destroy


@task()
def send_outgoing_email(outgoing_id: int) -> bool:
    """Send a stored OutgoingEmail and destroy it. Gone already (erased person, sent twice): nothing to do."""
    with transaction.atomic():
        message = OutgoingEmail.objects.select_for_update().select_related("data_key").filter(pk=outgoing_id).first()
        if message is None:
            return False
        deliver_email.call(to=message.to, subject=message.subject, text=message.text, html=message.html)
        destroy([message])
    return True
