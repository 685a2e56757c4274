import functools
import threading
import time

import pytest
from django.test import Client
from django.urls import reverse

from defdays.accounts.models import User
from defdays.audit.models import AuditEvent
from defdays.core.crypto import DecryptionError
from defdays.core.models import DataKey
from defdays.core.roles import RoleName
from defdays.invitations import services
from defdays.invitations.models import Invitation, InvitationStatus
from defdays.registration.models import Participation, ParticipationStatus, RegistrationSettings
from tests.concurrency import at_once
from tests.invitations.helpers import invite, redeem_data

pytestmark = pytest.mark.django_db


def url(token):
    return reverse("invitations:redeem", args=[token])


def test_redemption_creates_the_account_grants_the_role_registers_and_signs_in(client, edition):
    invitation, token = invite(edition, "swallow@example.org", role="stakeholder", note="secret note", language="sv")
    page = client.get(url(token))
    assert page.status_code == 200
    assert page.content.count(b'type="checkbox" name="days"') == len(edition.days())
    response = client.post(url(token), redeem_data(edition, photo_consent="internal", access_needs="A quiet room"))
    assert response.status_code == 302
    assert response["Location"] == reverse("registration:mine", kwargs={"year": 2013})
    user = User.objects.find_by_email("swallow@example.org")
    assert (
        user.public_name == "Swallow" and user.language == "sv" and user.check_password("a long enough passphrase 42")
    )
    assert user.roles_in(edition) == {RoleName.STAKEHOLDER}
    assert int(client.session["_auth_user_id"]) == user.pk
    participation = Participation.objects.get(user=user, edition=edition)
    assert participation.status == ParticipationStatus.APPROVED  # no approval required by default
    assert participation.days == sorted([edition.start_date.isoformat(), edition.main_day.isoformat()])
    assert participation.photo_consent == "internal" and participation.access_needs == "A quiet room"
    assert participation.code_of_conduct_version == "1" and participation.code_of_conduct_accepted_at
    assert participation.photo_policy_version == "1" and participation.photo_policy_accepted_at
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REDEEMED and invitation.user == user and invitation.used_at
    assert AuditEvent.objects.filter(action="invitation.redeemed", target_id=str(invitation.pk)).exists()


def test_approval_required_leaves_the_registration_waiting(client, edition):
    RegistrationSettings.objects.create(edition=edition, approval_required=True, code_of_conduct_version="2013-b")
    _invitation, token = invite(edition)
    client.post(url(token), redeem_data(edition))
    participation = Participation.objects.get()
    assert participation.status == ParticipationStatus.REGISTERED
    assert participation.code_of_conduct_version == "2013-b"


def test_one_erasure_shreds_the_invitation_data_too(client, edition):
    invitation, token = invite(edition, "swallow@example.org", note="met in a safe house")
    old_key_id = invitation.data_key_id
    client.post(url(token), redeem_data(edition, access_needs="wheelchair"))
    invitation = Invitation.objects.select_related("data_key").get(pk=invitation.pk)
    user = User.objects.get(pk=invitation.user_id)
    assert invitation.data_key_id == user.data_key_id and invitation.note == "met in a safe house"
    assert DataKey.objects.get(pk=old_key_id).shredded_at is not None
    user.data_key.shred()
    invitation = Invitation.objects.select_related("data_key").get(pk=invitation.pk)
    for name in ("email", "note"):
        with pytest.raises(DecryptionError):
            getattr(invitation, name)
    with pytest.raises(DecryptionError):
        Participation.objects.select_related("data_key").get(user=user).access_needs  # noqa: B018


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"password1": "short", "password2": "short"}, b"too short"),
        ({"password2": "something else entirely 99"}, b"The two passwords differ"),
        ({"days": []}, b"This field is required"),
        ({"days": ["2013-05-01"]}, b"not one of the available choices"),
        ({"accept_code_of_conduct": ""}, b"This field is required"),
    ],
)
def test_bad_redemption_input_is_refused_and_the_token_still_works(client, edition, overrides, field):
    _invitation, token = invite(edition)
    response = client.post(url(token), redeem_data(edition, **overrides))
    assert response.status_code == 400 and field in response.content
    assert not User.objects.filter(public_name="Swallow").exists()
    assert client.get(url(token)).status_code == 200


def test_a_double_submit_makes_one_account_and_lands_on_the_registration(client, edition):
    _invitation, token = invite(edition)
    first = client.post(url(token), redeem_data(edition))
    second = client.post(url(token), redeem_data(edition))
    assert first.status_code == second.status_code == 302
    assert second["Location"] == reverse("registration:mine", kwargs={"year": 2013})
    assert User.objects.filter(public_name="Swallow").count() == 1 and Participation.objects.count() == 1
    # A different browser replaying the same form gets the neutral page.
    assert Client().post(url(token), redeem_data(edition)).status_code == 404


def test_an_existing_account_must_sign_in_and_keeps_its_password(client, edition, make_user):
    existing = make_user(email="known@example.org")
    _invitation, token = invite(edition, "known@example.org", role="speaker")
    page = client.get(url(token))
    assert b"Sign in first" in page.content
    assert client.post(url(token), redeem_data(edition)).status_code == 200  # still only the sign-in page
    assert not existing.check_password("a long enough passphrase 42")
    client.force_login(existing)
    data = {k: v for k, v in redeem_data(edition).items() if not k.startswith("password") and k != "public_name"}
    assert client.post(url(token), data).status_code == 302
    assert RoleName.SPEAKER in User.objects.get(pk=existing.pk).roles_in(edition)


# --- Two simultaneous redemptions of one token (PostgreSQL row locks) -------------------------------------


def _race(edition, token, unlocked, settings, monkeypatch):
    settings.DEFDAYS_TEST_UNLOCKED_REDEMPTION = unlocked
    # Widen the gap between "is it still open?" and "create the account", so an unlocked run races for sure.
    monkeypatch.setattr(services, "_race_window", lambda: time.sleep(0.5))

    def attempt():
        try:
            _redeem_as_swallow(edition, token)
            return "redeemed"
        except services.InvitationUnavailable:
            return "unavailable"

    return sorted(at_once(attempt, times=2, timeout=30))


def _redeem_as_swallow(edition, token, *, code_of_conduct_version="1"):
    """The same complete redemption form, sent from a fresh anonymous browser."""
    services.redeem(
        token,
        viewer=_anonymous(),
        public_name="Swallow",
        password="a long passphrase 42",
        days=[edition.main_day.isoformat()],
        photo_consent="none",
        access_needs="",
        code_of_conduct_version=code_of_conduct_version,
        photo_policy_version="1",
    )


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_redemptions_create_exactly_one_account(edition, settings, monkeypatch):
    _invitation, token = invite(edition, "race@example.org")
    outcomes = _race(edition, token, False, settings, monkeypatch)
    assert outcomes == ["redeemed", "unavailable"]
    assert User.objects.filter(email_index=Invitation.objects.get().email_index).count() == 1
    assert Participation.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_the_race_is_caught(edition, settings, monkeypatch):
    _invitation, token = invite(edition, "race@example.org")
    outcomes = _race(edition, token, True, settings, monkeypatch)
    # Both passed the check; only the unique email index stopped a second account, as an error for a person.
    assert outcomes != ["redeemed", "unavailable"]
    assert "IntegrityError" in outcomes


def test_redeeming_in_a_browser_signed_in_as_someone_else_signs_the_new_person_in(client, edition, make_user):
    from tests.conftest import sign_in

    other = make_user("attendee", edition=edition)
    sign_in(client, other)
    _invitation, token = invite(edition, "newcomer@example.org")
    assert client.post(url(token), redeem_data(edition)).status_code == 302
    newcomer = User.objects.find_by_email("newcomer@example.org")
    assert int(client.session["_auth_user_id"]) == newcomer.pk
    assert client.get(reverse("registration:mine", kwargs={"year": 2013})).status_code == 200


# --- The code of conduct changes while the form is open -----------------------------------------------------


def test_a_code_of_conduct_published_while_the_form_was_open_is_shown_and_nothing_is_recorded(
    client, edition, make_user
):
    from defdays.safety.services import code_of_conduct_publish

    organiser = make_user("organiser", edition=edition)
    code_of_conduct_publish(edition=edition, text="Version one: be kind.", actor=organiser)
    _invitation, token = invite(edition)
    page = client.get(url(token))
    assert b'name="code_of_conduct_version" value="1"' in page.content
    shown = redeem_data(edition)  # filled in from the page as it was: version 1
    code_of_conduct_publish(edition=edition, text="Version two: **no photos** in the garden.", actor=organiser)

    refused = client.post(url(token), shown)
    assert refused.status_code == 409
    assert not Participation.objects.exists() and list(User.objects.all()) == [organiser]
    assert Invitation.objects.get().status == InvitationStatus.SENT
    body = refused.content.decode()
    assert "<strong>no photos</strong>" in body and "version 2" in body
    assert 'name="code_of_conduct_version" value="2"' in body
    assert 'name="accept_code_of_conduct" required checked' not in body  # to be ticked again, after reading

    accepted = client.post(url(token), redeem_data(edition))
    assert accepted.status_code == 302
    assert Participation.objects.get().code_of_conduct_version == "2"


def test_the_service_refuses_a_version_that_is_not_current(edition):
    from defdays.registration.services import CodeOfConductChanged

    RegistrationSettings.objects.create(edition=edition, code_of_conduct_version="3")
    _invitation, token = invite(edition)
    with pytest.raises(CodeOfConductChanged) as refused:
        _redeem_as_swallow(edition, token, code_of_conduct_version="2")
    assert refused.value.current == "3"
    assert not Participation.objects.exists() and Invitation.objects.get().status == InvitationStatus.SENT


# --- A code of conduct published while an acceptance is being written (PostgreSQL row locks) ----------------


def _publish_during_acceptance(edition, organiser, token, monkeypatch, *, locked):
    """The invitee's acceptance of version 1 has passed its check; an organiser publishes version 2 now."""
    from defdays.registration import services as registration_services
    from defdays.safety.services import code_of_conduct_publish

    if not locked:
        unlocked = functools.partial(registration_services._rules_for_acceptance, lock=False)
        monkeypatch.setattr(registration_services, "_rules_for_acceptance", unlocked)
    checked = threading.Event()

    def window():
        checked.set()
        time.sleep(0.5)

    monkeypatch.setattr(registration_services, "_acceptance_window", window)

    def accept():
        _redeem_as_swallow(edition, token)
        return time.monotonic()

    def publish():
        # Started with the acceptance, but publishes only once that acceptance has passed its check.
        if not checked.wait(10):
            return "never checked"
        code_of_conduct_publish(edition=edition, text="Version two.", actor=organiser)
        return time.monotonic()

    accepted, published = at_once(accept, publish, timeout=30)
    assert isinstance(accepted, float) and isinstance(published, float), (accepted, published)
    assert Participation.objects.get().code_of_conduct_version == "1"
    return {"accepted": accepted, "published": published}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_new_code_of_conduct_waits_for_an_acceptance_of_the_old_one_in_flight(edition, make_user, monkeypatch):
    from defdays.safety.services import code_of_conduct_publish

    organiser = make_user("organiser", edition=edition)
    code_of_conduct_publish(edition=edition, text="Version one.", actor=organiser)
    _invitation, token = invite(edition, "race@example.org")
    finished = _publish_during_acceptance(edition, organiser, token, monkeypatch, locked=True)
    # Version 1 was current until the acceptance committed: version 2 became current only after it.
    assert finished["accepted"] < finished["published"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_version_two_is_current_before_the_old_acceptance_commits(
    edition, make_user, monkeypatch
):
    from defdays.safety.services import code_of_conduct_publish

    organiser = make_user("organiser", edition=edition)
    code_of_conduct_publish(edition=edition, text="Version one.", actor=organiser)
    _invitation, token = invite(edition, "race@example.org")
    finished = _publish_during_acceptance(edition, organiser, token, monkeypatch, locked=False)
    assert finished["published"] < finished["accepted"]
