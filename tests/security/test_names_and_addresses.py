"""Names cannot hide direction changes or invisible characters; lookalike names are marked for staff;
an email address is always a domain name, never an IP literal."""

from datetime import UTC

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from defdays.accounts.forms import LoginForm, PasswordResetRequestForm, RoleGrantForm
from defdays.core.validators import validate_email_address, validate_visible_text
from defdays.editions.forms import EditionForm
from defdays.invitations import importer
from defdays.invitations.forms import InviteForm, RedeemForm
from defdays.opensession.forms import RenameForm, SignUpForm
from defdays.people.forms import ProfileForm
from defdays.programme.forms import GuestForm

pytestmark = pytest.mark.django_db

BIDI = "Ada\u202egnoL"  # shows as "AdaLong" reversed: a right-to-left override
REFUSED = [
    BIDI,
    "Ada\u200b Long",
    "Ada\u00adLong",
    "Ada\u2066Long\u2069",
    "Ada\nLong",
    "Ada\ue000",
    "Ada\u2028Long",
    "\u200cAda",
    "Ada\U000e0041",
]
ALLOWED = ["Ada Long", "می\u200cخواهم", "Zoë Ødegård", "Ли Мин", "👩\u200d🔬 Ada", "محمد"]


@pytest.mark.parametrize("name", REFUSED)
def test_invisible_and_direction_characters_are_refused(name):
    with pytest.raises(ValidationError):
        validate_visible_text(name)


@pytest.mark.parametrize("name", ALLOWED)
def test_real_names_in_any_script_pass(name):
    validate_visible_text(name)


@pytest.mark.parametrize(
    "form, field, data",
    [
        (SignUpForm, "name", {"session": "1", "email": "a@example.org", "language": "en"}),
        (RenameForm, "name", {}),
        (InviteForm, "public_name", {"email": "a@example.org", "role": "defender", "language": "en"}),
        (ProfileForm, "public_name", {"language": "en"}),
        (GuestForm, "name", {}),
        (EditionForm, "contact_name", {}),
    ],
)
def test_every_public_name_field_refuses_a_bidi_override(form, field, data):
    bound = form(data={**data, field: BIDI})
    assert not bound.is_valid() and field in bound.errors


def test_the_redeem_form_refuses_a_bidi_override(edition):
    bound = RedeemForm(data={"public_name": BIDI}, edition=edition)
    assert not bound.is_valid() and "public_name" in bound.errors


def test_the_open_session_sign_up_refuses_a_bidi_name(client, edition):
    from datetime import datetime

    from defdays.opensession.models import Booking
    from defdays.opensession.services import create_open_session

    session = create_open_session(
        edition,
        title="Open",
        description="",
        place="Stockholm",
        seats=5,
        starts_at=datetime(2013, 4, 4, 11, tzinfo=UTC),
        ends_at=datetime(2013, 4, 4, 15, tzinfo=UTC),
    )
    response = client.post(
        "/2013/open-session/", {"session": session.pk, "name": BIDI, "email": "a@example.org", "language": "en"}
    )
    assert response.status_code == 400 and Booking.objects.count() == 0


def test_the_invitation_import_refuses_rows_with_invisible_characters(edition):
    text = (
        "public name,email,role\n"
        f"{BIDI},bidi@example.org,defender\n"
        "Plain,plain@example.org,defender\n"
        "Zero,zero\u200b@example.org,defender\n"
    )
    result = importer.validate(edition, importer.read(text.encode("utf-8")))
    assert {(e["row"], e["field"], e["reason"]) for e in result.errors} == {
        (2, "public_name", "invisible"),
        (4, "email", "invisible"),
    }
    assert [row.public_name for row in result.valid] == ["Plain"]


@pytest.mark.parametrize("address", ["user@[127.0.0.1]", "user@[IPv6:::1]", "user@localhost", "user@127.0.0.1"])
def test_ip_literal_and_bare_host_addresses_are_refused(address):
    with pytest.raises(ValidationError):
        validate_email_address(address)
    validate_email_address("user@example.org")


@pytest.mark.parametrize(
    "form, data",
    [
        (LoginForm, {"password": "x" * 12}),
        (PasswordResetRequestForm, {}),
        (RoleGrantForm, {"role": "defender"}),
        (InviteForm, {"public_name": "A", "role": "defender", "language": "en"}),
        (SignUpForm, {"session": "1", "name": "A", "language": "en"}),
        (EditionForm, {}),
    ],
)
def test_every_email_field_refuses_an_ip_literal(form, data):
    field = "contact_email" if form is EditionForm else "email"
    bound = form(data={**data, field: "user@[127.0.0.1]"})
    assert not bound.is_valid() and field in bound.errors


def test_the_email_change_form_and_the_import_refuse_an_ip_literal(edition, make_user):
    from defdays.people.forms import EmailChangeForm

    user = make_user("defender", edition=edition)
    bound = EmailChangeForm(user, data={"email": "me@[10.0.0.1]", "password": "x"})
    assert not bound.is_valid() and "email" in bound.errors
    result = importer.validate(edition, importer.read(b"public name,email,role\nA,a@[127.0.0.1],defender\n"))
    assert [(e["field"], e["reason"]) for e in result.errors] == [("email", "bad_email")]


def test_staff_see_when_two_participants_share_a_name(client_as, edition, make_user):
    from defdays.registration import services

    def participant(name):
        user = make_user("defender", edition=edition, public_name=name)
        services.register(
            user, edition, "defender", days=[edition.main_day], code_of_conduct_version="1", photo_policy_version="1"
        )
        return user

    first, second, alone = participant("Ada Long"), participant("ＡＤＡ  long"), participant("Grace")
    hidden = participant("Grace ")
    from defdays.accounts import visibility

    visibility.set_hidden(hidden.pk, True, by="person")
    client = client_as("organiser")
    page = client.get(reverse("registration:participants", kwargs={"year": 2013}))
    assert page.context["same_name"] == {first.pk, second.pk}  # the hidden Grace marks nobody
    assert page.content.decode().count("same name as another participant") == 2
    roles = client.get(reverse("accounts:orga_roles", kwargs={"year": 2013}))
    assert roles.context["same_name"] == {first.pk, second.pk}
    assert roles.content.decode().count("same name as another person") == 2
    assert alone.pk not in roles.context["same_name"]
