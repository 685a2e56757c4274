import json

import pytest
from django.urls import reverse

from defdays.accounts.models import User
from defdays.audit.models import AuditEvent
from defdays.people import email_change
from tests.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(make_user, edition):
    return make_user("defender", edition=edition, email="wren.canary@example.org", public_name="Wren Canary")


def test_data_page_shows_what_we_hold_and_is_audited(client, person, fakeapp):
    fakeapp.HELD[person.pk] = ["needs a quiet room"]
    sign_in(client, person)
    response = client.get(reverse("people:data"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "wren.canary@example.org" in page and "Wren Canary" in page
    assert "needs a quiet room" in page  # the app section is rendered
    assert "Defender (closed part)" in page or "defender" in page
    event = AuditEvent.objects.filter(action="export").get()
    assert (event.actor_id, event.target_id, event.detail["format"]) == (person.pk, str(person.pk), "html")


def test_json_download_holds_account_and_apps(client, person, fakeapp):
    fakeapp.HELD[person.pk] = ["note"]
    sign_in(client, person)
    client.post(reverse("people:hide"), {"hidden": "1"})
    client.get(reverse("people:data"))  # an action of theirs (an export), to find in the activity
    response = client.get(reverse("people:data_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    account = data["account"]
    assert account["email"] == "wren.canary@example.org"
    assert account["public_name"] == "Wren Canary"
    assert account["roles"] == [{"edition": 2013, "role": "defender", "since": account["roles"][0]["since"]}]
    assert account["two_factor_enrolled"] is False
    assert account["hidden_from_lists"] is True and account["hidden_since"]
    # "Hide me" is recorded without naming the person (a dump must not tell who hides): not in their activity.
    assert {item["action"] for item in account["activity"]} == {"export"}
    assert set(account["activity"][0]) == {"id", "at", "action"}  # ids and actions only
    assert data["apps"]["fakeapp"]["notes"] == ["note"]
    assert AuditEvent.objects.filter(action="export", detail__format="json").count() == 1


def test_another_persons_data_is_never_shown(client, person, make_user):
    other = make_user(email="someone.else@example.org", public_name="Someone Else")
    sign_in(client, other)
    page = client.get(reverse("people:data")).content.decode()
    assert "Wren Canary" not in page and "wren.canary" not in page


def test_anonymous_visitors_go_to_the_login(client):
    for name in ("people:data", "people:data_json", "people:edit", "people:hide", "people:erase"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_editing_name_and_language(client, person):
    sign_in(client, person)
    response = client.post(reverse("people:edit"), {"public_name": "  Heron ", "language": "sv"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.public_name, person.language) == ("Heron", "sv")
    event = AuditEvent.objects.get(action="profile.changed")
    assert event.detail["fields"] == ["language", "public_name"]
    assert "Heron" not in json.dumps(event.detail)


def _confirm_link(message):
    """The path of the confirmation link in the email (its host is the configured base URL)."""
    from urllib.parse import urlsplit

    link = next(line for line in message.body.splitlines() if "/me/data/email/confirm/" in line).strip()
    return urlsplit(link).path


def test_email_changes_only_through_a_link_sent_to_the_new_address(client, person):
    from django.core import mail

    sign_in(client, person)
    wrong = client.post(reverse("people:email"), {"email": "heron.new@example.org", "password": "not mine!!"})
    assert wrong.status_code == 200 and mail.outbox == []
    client.post(reverse("people:email"), {"email": "Heron.New@example.org", "password": PASSWORD})
    person.refresh_from_db()
    assert person.email == "wren.canary@example.org"  # nothing changes before the link is opened
    message = mail.outbox[0]
    assert message.to == ["Heron.New@example.org"] and message.subject == "Confirm your new address"
    path = _confirm_link(message)
    assert "heron" not in path.lower()  # the new address travels sealed, never readable in the URL
    client.get(path)
    person.refresh_from_db()
    assert person.email == "Heron.New@example.org"
    assert User.objects.find_by_email("heron.new@example.org") == person
    assert User.objects.find_by_email("wren.canary@example.org") is None
    assert AuditEvent.objects.filter(action="profile.changed", detail__fields=["email"]).exists()
    # Single use: the index moved on, so the same link does nothing now.
    assert not email_change.confirm_change(person, path.split("/")[-2])


def test_an_address_in_use_gets_the_same_answer_and_no_mail(client, person, make_user):
    from django.core import mail

    make_user(email="taken@example.org")
    sign_in(client, person)
    taken = client.post(reverse("people:email"), {"email": "taken@example.org", "password": PASSWORD}, follow=True)
    free = client.post(reverse("people:email"), {"email": "free@example.org", "password": PASSWORD}, follow=True)
    message_of = lambda response: [str(m) for m in response.context["messages"]]  # noqa: E731
    assert message_of(taken) == message_of(free)
    assert [m.to for m in mail.outbox] == [["free@example.org"]]
    person.refresh_from_db()
    assert person.email == "wren.canary@example.org"


def test_another_persons_link_does_nothing(client, person, make_user):
    from django.core import mail

    other = make_user(email="other.person@example.org")
    sign_in(client, other)
    client.post(reverse("people:email"), {"email": "new.other@example.org", "password": PASSWORD})
    path = _confirm_link(mail.outbox[0])
    sign_in(client, person)
    client.get(path)
    person.refresh_from_db()
    other.refresh_from_db()
    assert person.email == "wren.canary@example.org" and other.email == "other.person@example.org"
    assert client.get(reverse("people:email_confirm", args=["forged:token"])).status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"public_name": "   ", "language": "en"},
        {"public_name": "x" * 101, "language": "en"},
        {"public_name": "Heron", "language": "xx"},
    ],
)
def test_bad_input_gets_a_message_and_loses_nothing(client, person, data):
    sign_in(client, person)
    response = client.post(reverse("people:edit"), data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    person.refresh_from_db()
    assert (person.public_name, person.language, person.email) == ("Wren Canary", "en", "wren.canary@example.org")
