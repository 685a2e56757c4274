import pytest
from django.urls import reverse

from defdays.audit.models import AuditEvent
from defdays.core.roles import RoleName
from defdays.editions.models import Edition
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def edition_data(edition, **changes):
    from django.forms.models import model_to_dict

    data = model_to_dict(
        edition,
        fields=[
            "year",
            "title",
            "slug",
            "status",
            "start_date",
            "end_date",
            "main_day",
            "main_day_note",
            "city",
            "venue",
            "time_zone",
            "organiser_name",
            "description",
            "aims",
            "closed_part_info",
            "open_session_info",
            "invitation_info",
            "contact_name",
            "contact_email",
        ],
    )
    data.update(changes)
    return {key: ("" if value is None else value) for key, value in data.items()}


def test_organiser_edits_the_edition_and_it_is_audited(client, make_user, edition):
    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser)
    url = reverse("editions:orga_edition", kwargs={"year": 2013})
    response = client.post(url, edition_data(edition, venue="Münchenbryggeriet"))
    assert response.status_code == 302
    assert Edition.objects.get(pk=edition.pk).venue == "Münchenbryggeriet"
    event = AuditEvent.objects.get(action="edition.changed", detail__change="details")
    assert event.actor == organiser and event.detail["fields"] == ["venue"]


def test_bad_dates_are_refused_with_a_message_and_nothing_saved(client, make_user, edition):
    sign_in(client, make_user("organiser", edition=edition))
    url = reverse("editions:orga_edition", kwargs={"year": 2013})
    response = client.post(url, edition_data(edition, end_date="2013-03-01", city="Elsewhere"))
    assert response.status_code == 400
    assert "comes before the first day" in response.content.decode()
    response = client.post(url, edition_data(edition, main_day="2013-05-01", city="Elsewhere"))
    assert "must fall within the edition" in response.content.decode()
    response = client.post(url, edition_data(edition, time_zone="Mars/Olympus", city="Elsewhere"))
    assert "Unknown time zone" in response.content.decode()
    assert Edition.objects.get(pk=edition.pk).city == "Stockholm"


def test_only_platform_administrators_create_editions_and_become_organisers(client, make_user, edition):
    from defdays.accounts.models import User

    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser)
    assert client.get(reverse("editions:create")).status_code == 403
    admin = User.objects.create_superuser("admin@example.org", "a long admin passphrase", public_name="Admin")
    sign_in(client, admin)
    data = edition_data(
        edition,
        year=2014,
        title="Defenders' Days 2014",
        slug="defenders-days-2014",
        status="draft",
        start_date="2014-04-01",
        end_date="2014-04-04",
        main_day="2014-04-04",
    )
    response = client.post(reverse("editions:create"), data)
    assert response.status_code == 302
    new = Edition.objects.get(year=2014)
    assert RoleName.ORGANISER in admin.roles_in(new)
    client.logout()
    assert client.get("/2014/").status_code == 404  # a draft: organisers only


def test_make_current_switches_the_home_page(client, make_user, edition):
    from tests.factories import EditionFactory

    later = EditionFactory(year=2014)
    organiser = make_user("organiser", edition=later)
    sign_in(client, organiser)
    client.post(reverse("editions:orga_make_current", kwargs={"year": 2014}))
    client.logout()
    assert "Defenders&#x27; Days 2014" in client.get("/").content.decode()


def test_cached_editions_follow_every_change_at_once(client, make_user, edition):
    from defdays.editions.models import EditionStatus
    from tests.factories import EditionFactory

    assert client.get("/2013/").status_code == 200  # now cached
    previous = EditionFactory(year=2012)
    assert client.get("/2012/").status_code == 200
    draft = Edition.objects.get(year=2013)
    draft.status = EditionStatus.DRAFT
    draft.save()
    assert client.get("/2013/").status_code == 404
    assert "Defenders&#x27; Days 2013" not in client.get("/").content.decode()
    renamed = Edition.objects.get(year=2012)
    renamed.year = 2011
    renamed.save()
    assert client.get("/2012/").status_code == 404 and client.get("/2011/").status_code == 200
    assert previous.pk == renamed.pk
