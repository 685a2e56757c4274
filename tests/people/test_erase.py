import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from defdays.accounts.models import Role, User
from defdays.accounts.selectors import listable_users
from defdays.audit.models import AuditEvent
from defdays.core.crypto import DecryptionError
from defdays.people import services
from tests.conftest import PASSWORD, sign_in
from tests.people.dbdump import found_canaries

pytestmark = pytest.mark.django_db

CANARY_EMAIL = "canary-7f3a@example.org"
CANARY_NAME = "Canary Pseudonym 7f3a"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def person(make_user, edition):
    return make_user("defender", "speaker", edition=edition, email=CANARY_EMAIL, public_name=CANARY_NAME)


def erase_through_the_page(client, password=PASSWORD):
    return client.post(reverse("people:erase"), {"password": password, "confirm": "on"})


def test_erasure_destroys_the_account_and_ends_the_session(client, person, fakeapp, edition):
    fakeapp.HELD[person.pk] = ["something"]
    sign_in(client, person)
    key = person.data_key
    response = erase_through_the_page(client)
    assert response.status_code == 302 and response["Location"] == reverse("people:erased")
    assert client.get(reverse("people:erased")).status_code == 200
    # The session is over.
    assert client.get(reverse("accounts:me"))["Location"].startswith(reverse("accounts:login"))
    person.refresh_from_db()
    key.refresh_from_db()
    assert key.shredded_at is not None and key.wrapped is None
    assert person.public_name == services.ERASED_PUBLIC_NAME
    assert person.email_enc is None and len(person.email_index) == 64
    assert not person.has_usable_password() and not person.is_active and not person.is_listed
    assert not Role.objects.filter(user=person).exists()
    assert fakeapp.CALLS == [("erase", person.pk)] and person.pk not in fakeapp.HELD
    assert User.objects.find_by_email(CANARY_EMAIL) is None
    login = Client().post(reverse("accounts:login"), {"email": CANARY_EMAIL, "password": PASSWORD})
    assert login.status_code == 200  # refused: the form is shown again
    assert person not in listable_users()
    event = AuditEvent.objects.get(action="people.erased")
    assert event.detail["roles"] == 2 and "fakeapp" in event.detail["apps"]
    assert CANARY_NAME not in str(event.detail)


def test_the_shredded_key_cannot_open_old_ciphertexts(person):
    blob = person.email_enc
    services.erase(person)
    person.refresh_from_db()
    person.email_enc = blob  # even with the old ciphertext put back, nothing opens
    with pytest.raises(DecryptionError):
        person.email


def test_wrong_password_or_no_confirmation_erases_nothing(client, person):
    sign_in(client, person)
    response = erase_through_the_page(client, password="not the password")
    assert response.status_code == 200 and "Nothing was erased" in response.content.decode()
    response = client.post(reverse("people:erase"), {"password": PASSWORD})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.is_active and person.email == CANARY_EMAIL and person.data_key.shredded_at is None
    assert not AuditEvent.objects.filter(action="people.erased").exists()


def test_a_double_submit_erases_once_and_shows_no_error(client, person):
    sign_in(client, person)
    first = erase_through_the_page(client)
    second = erase_through_the_page(client)  # the browser sends the form again: the session is gone
    assert first.status_code == 302 and second.status_code == 302
    assert reverse("accounts:login") in second["Location"]
    assert services.erase(person) is None  # a late second request finds nothing left to do
    assert AuditEvent.objects.filter(action="people.erased").count() == 1


def test_staff_erasure_removes_second_factor_devices(client, make_user, edition):
    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser)
    assert TOTPDevice.objects.filter(user=organiser).exists()
    assert erase_through_the_page(client).status_code == 302
    assert not TOTPDevice.objects.filter(user=organiser).exists()


def _leave_traces(client, person):
    """What using the platform leaves behind: a failed sign-in, a queued email."""
    client.post(reverse("accounts:login"), {"email": CANARY_EMAIL, "password": "wrong password here"})
    with override_settings(TASKS=DB_TASKS):
        client.post(reverse("accounts:password_reset"), {"email": CANARY_EMAIL})
        # The worker's first step: the reset task queues the sealed message, which then waits to be sent.
        from django_tasks_db.models import DBTaskResult

        from defdays.accounts.tasks import send_password_reset

        send_password_reset.call(**DBTaskResult.objects.get().args_kwargs["kwargs"])


def test_after_erasure_no_canary_is_readable_anywhere_in_the_database(client, person, edition):
    _leave_traces(client, person)
    # Before erasure the dump sees the public name; the address is nowhere in clear even now: the lockout
    # counters mask it and the queued email is sealed in the outbox.
    from defdays.mail.outbox import OutgoingEmail

    assert OutgoingEmail.objects.count() == 1
    assert found_canaries([CANARY_NAME, CANARY_EMAIL]) == [CANARY_NAME]
    sign_in(client, person)
    assert erase_through_the_page(client).status_code == 302
    assert found_canaries([CANARY_NAME, CANARY_EMAIL, CANARY_EMAIL.split("@")[0]]) == []
    assert OutgoingEmail.objects.count() == 0  # the unsent message to the erased person will not go out


def test_the_erase_page_asks_first(client, person):
    sign_in(client, person)
    response = client.get(reverse("people:erase"))
    assert response.status_code == 200
    assert 'type="password"' in response.content.decode()
    person.refresh_from_db()
    assert person.is_active


def test_sessions_on_other_devices_end_too(client, person):
    other_device = Client()
    sign_in(other_device, person)
    assert other_device.get(reverse("people:data")).status_code == 200
    sign_in(client, person)
    erase_through_the_page(client)
    response = other_device.get(reverse("people:data"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_my_page_offers_the_data_cards(client, person):
    sign_in(client, person)
    page = client.get(reverse("accounts:me")).content.decode()
    for name in ("people:data", "people:hide", "people:erase"):
        assert f'href="{reverse(name)}"' in page
