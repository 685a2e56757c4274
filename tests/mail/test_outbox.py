import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from defdays.mail import services as defdays_mail
from defdays.mail.outbox import OutgoingEmail, forget_unsent_to
from defdays.mail.tasks import send_outgoing_email

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://example.org/account/reset/MQ/secret-token-4242/"


def test_sent_mail_leaves_no_body_or_address_behind(settings):
    defdays_mail.send_templated(
        "reader@example.org",
        "Reset your password",
        "accounts/email/password_reset",
        {"link": SECRET_LINK, "user": None},
    )
    assert len(mail.outbox) == 1 and SECRET_LINK in mail.outbox[0].body
    assert mail.outbox[0].to == ["reader@example.org"]
    assert OutgoingEmail.objects.count() == 0


def test_queued_mail_is_sealed_and_its_task_holds_only_an_id(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    defdays_mail.send_templated(
        "queued@example.org", "Your booking", "accounts/email/password_reset", {"link": SECRET_LINK, "user": None}
    )
    assert mail.outbox == []
    row = DBTaskResult.objects.get()
    assert "queued@example.org" not in str(row.args_kwargs) and SECRET_LINK not in str(row.args_kwargs)
    stored = OutgoingEmail.objects.get()
    assert b"queued@example.org" not in bytes(stored.to_enc) and stored.to == "queued@example.org"
    send_outgoing_email.call(**row.args_kwargs["kwargs"])
    assert len(mail.outbox) == 1 and OutgoingEmail.objects.count() == 0
    # Sent once only, even if the worker picks the task up again.
    assert send_outgoing_email.call(**row.args_kwargs["kwargs"]) is False


def test_erasing_a_person_drops_their_unsent_mail(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    defdays_mail.send_templated(
        "gone@example.org", "Your booking", "accounts/email/password_reset", {"link": SECRET_LINK, "user": None}
    )
    defdays_mail.send_templated(
        "stays@example.org", "Your booking", "accounts/email/password_reset", {"link": SECRET_LINK, "user": None}
    )
    assert forget_unsent_to("Gone@example.org") == 1
    assert [message.to for message in OutgoingEmail.objects.all()] == ["stays@example.org"]


def test_one_recipient_only():
    with pytest.raises(ValueError):
        defdays_mail.send_templated("a@example.org, b@example.org", "x", "accounts/email/password_reset", {})
