import re
from io import StringIO

import pytest
from django.core.management import call_command

from defdays.accounts.models import Role, User
from defdays.editions.models import Edition

pytestmark = pytest.mark.django_db


def run_demo(*args):
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_builds_2013_from_the_seed_and_prints_working_logins(client):
    output = run_demo()
    edition = Edition.objects.get(year=2013)
    assert (edition.start_date.isoformat(), edition.end_date.isoformat(), edition.main_day.isoformat()) == (
        "2013-04-02",
        "2013-04-05",
        "2013-04-04",
    )
    assert "Martin Luther King" in edition.main_day_note and edition.contact_name == "Ms Kim Matthis"
    assert edition.contact_email.endswith("@example.org") and edition.is_current
    for role in (
        "organiser",
        "programme",
        "travel",
        "jury",
        "speaker",
        "defender",
        "stakeholder",
        "attendee",
        "volunteer",
        "safety",
    ):
        assert Role.objects.filter(edition=edition, role=role).exists(), role
    password = re.search(r"defender\.demo@example\.org\s+(\S+)", output).group(1)
    response = client.post("/account/login/", {"email": "defender.demo@example.org", "password": password})
    assert response.status_code == 302
    assert re.search(r"organiser\.demo@example\.org\s+\S+\s+TOTP secret: [A-Z2-7]{32}", output)
    assert User.objects.filter(is_demo=False).count() == 0


def test_demo_is_idempotent_with_new_passwords_each_run():
    first = run_demo()
    counts = (User.objects.count(), Role.objects.count(), Edition.objects.count())
    second = run_demo()
    assert (User.objects.count(), Role.objects.count(), Edition.objects.count()) == counts
    pick = lambda out: re.search(r"defender\.demo@example\.org\s+(\S+)", out).group(1)  # noqa: E731
    assert pick(first) != pick(second)


def test_demo_reset_rebuilds():
    run_demo()
    run_demo("--reset")
    assert Edition.objects.filter(year=2013).count() == 1
    assert User.objects.filter(is_demo=True).exists()


def test_totp_code_command_refuses_real_accounts():
    from django.core.management.base import CommandError

    run_demo()
    User.objects.create_user("real@example.org", "correct horse battery staple", public_name="Real")
    with pytest.raises(CommandError):
        call_command("totp_code", "real@example.org", stdout=StringIO())
    out = StringIO()
    call_command("totp_code", "organiser.demo@example.org", stdout=out)
    assert re.fullmatch(r"\d{6}\n", out.getvalue())
