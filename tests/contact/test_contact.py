"""The contact form: a message sealed under its own key, a notice that names nobody, answers on the platform, and
abuse refused without any third party (limits per network and overall, a honeypot, a minimum fill time)."""

import time

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from defdays.audit.models import AuditEvent
from defdays.contact import forms, views
from defdays.contact.models import ContactMessage, ContactReply
from defdays.core.models import DataKey

pytestmark = pytest.mark.django_db

SENDER = "canary.sender@example.org"
TEXT = "CANARY-MESSAGE-TEXT my brother was taken on Tuesday"
NAME = "CANARY-SENDER-NAME"


def _post(client, *, text=TEXT, email=SENDER, name=NAME, started=None, address="198.51.100.7", **extra):
    data = {
        "name": name,
        "email": email,
        "message": text,
        "website": "",
        "started": started or forms.started_token(time.time() - 30),
        **extra,
    }
    return client.post("/2013/contact/", data, REMOTE_ADDR=address)


def test_the_page_names_the_contact_person_and_has_the_form(client, edition):
    page = client.get("/2013/contact/").content.decode()
    assert edition.contact_name in page and 'name="message"' in page and 'name="csrfmiddlewaretoken"' in page
    assert 'name="website"' in page  # the honeypot, hidden by the stylesheet
    assert "captcha" not in page.lower()


def test_a_message_is_stored_sealed_and_the_notice_says_neither_text_nor_sender(client, edition):
    response = _post(client)
    assert response.status_code == 302 and response["Location"] == "/2013/contact/sent/"
    message = ContactMessage.objects.get()
    assert message.body == TEXT and message.email == SENDER and message.name == NAME
    assert message.data_key_id not in set(
        ContactMessage.objects.exclude(pk=message.pk).values_list("data_key_id", flat=True)
    )

    # A raw dump of the columns, as bytes, holds none of it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM contact_contactmessage")
        raw = b"".join(bytes(v) if isinstance(v, (bytes, memoryview)) else str(v).encode() for v in cursor.fetchone())
    for canary in (TEXT, SENDER, NAME, "CANARY"):
        assert canary.encode() not in raw
        assert canary.encode("utf-16-le") not in raw

    (notice,) = mail.outbox
    assert notice.to == [edition.contact_email]
    whole = notice.subject + notice.body + "".join(str(alt[0]) for alt in getattr(notice, "alternatives", []))
    for canary in (TEXT, SENDER, NAME, "CANARY", "canary.sender"):
        assert canary not in whole
    assert "/orga/2013/contact/" in notice.body


def test_the_honeypot_discards_silently(client, edition):
    keys = DataKey.objects.count()
    response = _post(client, website="http://spam.example.com")
    assert response.status_code == 302 and response["Location"] == "/2013/contact/sent/"  # looks like success
    assert ContactMessage.objects.count() == 0 and DataKey.objects.count() == keys
    assert mail.outbox == []


def test_a_form_sent_faster_than_anyone_writes_is_refused_and_nothing_is_stored(client, edition):
    response = _post(client, started=forms.started_token(time.time()))
    assert response.status_code == 400 and "wait a moment" in response.content.decode()
    assert ContactMessage.objects.count() == 0
    forged = _post(client, started="1700000000")  # unsigned: not ours
    assert forged.status_code == 400 and ContactMessage.objects.count() == 0


def test_over_the_limit_per_network_a_clear_refusal_and_nothing_stored(client, edition):
    for n in range(views.LIMIT_PER_NETWORK):
        assert _post(client, text=f"message {n}").status_code == 302
    before = (ContactMessage.objects.count(), DataKey.objects.count(), len(mail.outbox))
    refused = _post(client, text="one too many")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Please try again later" in page and "nothing of it was kept" in page
    assert (ContactMessage.objects.count(), DataKey.objects.count(), len(mail.outbox)) == before
    # Another network is not held back by this one.
    assert _post(client, text="elsewhere", address="203.0.113.9").status_code == 302


def test_over_the_global_limit_every_network_is_refused(client, edition, monkeypatch):
    monkeypatch.setattr(views, "LIMIT_GLOBAL", 3)
    for n in range(3):
        assert _post(client, text=f"message {n}", address=f"10.{n}.0.1").status_code == 302
    assert _post(client, text="fourth", address="10.99.0.1").status_code == 429
    assert ContactMessage.objects.count() == 3


def test_a_message_of_one_megabyte_is_refused_and_nothing_is_stored(client, edition):
    response = _post(client, text="x" * (1024 * 1024))
    assert response.status_code == 400
    assert "at most 10000 characters" in response.content.decode().replace(",", "").replace("\u00a0", "")
    assert ContactMessage.objects.count() == 0 and mail.outbox == []


def test_the_form_posted_without_the_csrf_token_is_refused(edition):
    client = Client(enforce_csrf_checks=True)
    response = _post(client)
    assert response.status_code == 403
    assert ContactMessage.objects.count() == 0


def test_organisers_and_the_contact_persons_account_read_and_answer_others_find_nothing(client, edition, make_user):
    from defdays.contact import services
    from tests.conftest import sign_in

    _post(client)
    message = ContactMessage.objects.get()
    mail.outbox.clear()

    organiser = make_user("organiser", edition=edition)
    reader = make_user("volunteer", edition=edition)
    other_staff = make_user("volunteer", edition=edition)
    services.settings_save(edition=edition, reader=reader, openpgp_key="", secure_channels="", actor=organiser)

    for user in (organiser, reader):
        c = sign_in(Client(), user)
        assert c.get("/orga/2013/contact/").status_code == 200
        page = c.get(f"/orga/2013/contact/{message.pk}/").content.decode()
        assert TEXT in page and SENDER in page
    stranger = sign_in(Client(), other_staff)
    assert stranger.get("/orga/2013/contact/").status_code == 404
    assert stranger.get(f"/orga/2013/contact/{message.pk}/").status_code == 404
    assert Client().get(f"/orga/2013/contact/{message.pk}/").status_code == 302  # sign in first

    answer = sign_in(Client(), reader).post(f"/orga/2013/contact/{message.pk}/", {"answer": "CANARY-ANSWER text"})
    assert answer.status_code == 302
    (sent,) = mail.outbox
    assert sent.to == [SENDER] and "CANARY-ANSWER text" in sent.body and "CANARY" not in sent.subject
    reply = ContactReply.objects.get()
    assert reply.data_key_id == message.data_key_id and reply.body == "CANARY-ANSWER text"
    with connection.cursor() as cursor:
        cursor.execute("SELECT body_enc FROM contact_contactreply")
        assert b"CANARY-ANSWER" not in bytes(cursor.fetchone()[0])


def test_a_reader_without_a_staff_role_here_reads_nothing(client, edition, make_user):
    from defdays.contact import services
    from tests.conftest import sign_in

    _post(client)
    organiser = make_user("organiser", edition=edition)
    reader = make_user("volunteer", edition=edition)
    services.settings_save(edition=edition, reader=reader, openpgp_key="", secure_channels="", actor=organiser)
    reader.roles.all().delete()
    reader.refresh_from_db()
    assert Client().get("/orga/2013/contact/").status_code == 302
    assert sign_in(Client(), reader).get("/orga/2013/contact/").status_code in (403, 404)


def test_the_page_shows_the_secure_channels_set_by_organisers(client, edition, make_user):
    from defdays.contact import services

    key = "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQINBGDEMO\n-----END PGP PUBLIC KEY BLOCK-----"
    services.settings_save(
        edition=edition, reader=None, openpgp_key=key, secure_channels="Signal: +46 70 000 00 00", actor=None
    )
    page = client.get("/2013/contact/").content.decode()
    assert "Signal: +46 70 000 00 00" in page and "BEGIN PGP PUBLIC KEY BLOCK" in page


def test_messages_fall_under_the_retention_purge_and_erasure(client, edition, make_user):
    from defdays.contact import personal_data
    from defdays.people.registry import sources_in

    assert "contact" in [source.label for source in sources_in("registrations")]
    _post(client)
    message = ContactMessage.objects.get()
    key = message.data_key
    assert personal_data.purge_edition(edition, dry_run=True) == {"contact messages": 1}
    assert personal_data.purge_edition(edition, dry_run=False) == {"contact messages": 1}
    assert ContactMessage.objects.count() == 0
    assert not AuditEvent.objects.filter(target_type="contact.contactmessage").exclude(target_id="").exists()
    key.refresh_from_db()
    assert key.wrapped is None and key.shredded_at is not None

    _post(client, text="second")
    person = make_user(email=SENDER)
    assert personal_data.export_for(person)["contact_messages"][0]["text"] == "second"
    personal_data.erase_for(person)
    assert ContactMessage.objects.count() == 0
