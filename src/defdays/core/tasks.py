from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def deliver_email(to: str, subject: str, text: str, html: str = "") -> None:
    """Send one message to one recipient. Runs in the task worker (`defdays worker`)."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
