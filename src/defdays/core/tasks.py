from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task


@task()
def deliver_email(to: str, subject: str, text: str, html: str = "") -> None:
    """Send one message to one recipient now. Callers that hold a secret in the body call it with .call()
    inside their own task, so the body never lands in a task row."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_outgoing_email(outgoing_id: int) -> bool:
    """Send a stored OutgoingEmail and destroy it. Gone already (erased person, sent twice): nothing to do."""
    from defdays.core.outbox import OutgoingEmail, destroy

    with transaction.atomic():
        message = OutgoingEmail.objects.select_for_update().select_related("data_key").filter(pk=outgoing_id).first()
        if message is None:
            return False
        deliver_email.call(to=message.to, subject=message.subject, text=message.text, html=message.html)
        destroy([message])
    return True
