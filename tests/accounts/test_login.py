import pytest
from django.urls import reverse

from defdays.audit.models import AuditEvent
from tests.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_login_by_email_rotates_session_and_audits(client, make_user, edition):
    user = make_user("defender", edition=edition, email="Nightingale@Example.org")
    client.get(reverse("accounts:login"))
    before = client.cookies.get("__Host-defdays-session")
    response = client.post(reverse("accounts:login"), {"email": "nightingale@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:me")
    assert client.session.session_key and (before is None or before.value != client.session.session_key)
    assert AuditEvent.objects.filter(action="login", actor=user).exists()


def test_unknown_email_and_wrong_password_answer_the_same(client, make_user, edition):
    make_user("defender", edition=edition, email="known@example.org")
    wrong = client.post(reverse("accounts:login"), {"email": "known@example.org", "password": "not it at all!"})
    unknown = client.post(reverse("accounts:login"), {"email": "nobody@example.org", "password": "not it at all!"})
    assert wrong.status_code == unknown.status_code == 200
    strip = lambda r: r.content.decode().split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(wrong).replace("known@", "X@") == strip(unknown).replace("nobody@", "X@")
    assert AuditEvent.objects.filter(action="login.failed").count() == 2


def test_staff_password_only_session_gets_the_second_factor_step(client, make_user, edition):
    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser, verified=False)
    response = client.get(reverse("editions:orga_home", kwargs={"year": 2013}))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:verify"))
    sign_in(client, organiser, verified=True)
    assert client.get(reverse("editions:orga_home", kwargs={"year": 2013})).status_code == 200


def test_roles_of_one_edition_give_nothing_in_another(client, make_user, edition):
    from tests.factories import EditionFactory

    EditionFactory(year=2014)
    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser)
    assert client.get(reverse("editions:orga_home", kwargs={"year": 2014})).status_code == 403
