"""The code of conduct: versions published by organisers, the public page shows the latest, and the version a
participant accepts is the one they were shown (registration records its number)."""

import pytest

from defdays.audit.models import AuditEvent
from defdays.audit.services import Action
from defdays.registration.models import RegistrationSettings
from defdays.safety.models import CodeOfConduct
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_organisers_publish_versions_and_the_public_page_shows_the_latest(client, make_user, edition):
    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser)
    assert client.post("/orga/2013/code-of-conduct/", {"text": "## Respect\n\nFirst text."}).status_code == 302
    response = client.post("/orga/2013/code-of-conduct/", {"text": "## Respect\n\nSecond text <script>x()</script>"})
    assert response.status_code == 302
    assert list(CodeOfConduct.objects.values_list("version", flat=True)) == [2, 1]
    assert RegistrationSettings.for_edition(edition).code_of_conduct_version == "2"
    assert AuditEvent.objects.filter(action=Action.CODE_OF_CONDUCT_PUBLISHED).count() == 2

    client.logout()
    page = client.get("/2013/code-of-conduct/").content.decode()
    assert "Second text" in page and "First text" not in page and "Version 2" in page
    assert "<h2" in page and "<script>x()" not in page  # Markdown through core.markdown, raw HTML off


def test_only_organisers_publish(client, make_user, edition):
    for role in ("safety", "programme", "defender"):
        sign_in(client, make_user(role, edition=edition))
        assert client.post("/orga/2013/code-of-conduct/", {"text": "Hijacked"}).status_code == 403
    assert not CodeOfConduct.objects.exists()


def test_a_registration_records_the_published_version(make_user, edition):
    from defdays.registration import services as registration
    from defdays.safety import services

    services.code_of_conduct_publish(edition=edition, text="One", actor=None)
    services.code_of_conduct_publish(edition=edition, text="Two", actor=None)
    person = make_user("defender", edition=edition)
    rules = RegistrationSettings.for_edition(edition)
    participation = registration.register(
        person, edition, "defender", days=[edition.start_date], code_of_conduct_version=rules.code_of_conduct_version,
        photo_policy_version=rules.photo_policy_version,
    )  # fmt: skip
    assert participation.code_of_conduct_version == "2"
