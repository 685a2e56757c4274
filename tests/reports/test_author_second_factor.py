"""A report author reads the embargoed draft (the laureate's country): a password alone does not open it."""

import pytest
from django.urls import reverse

from defdays.reports import services
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_an_author_without_a_staff_role_needs_the_second_factor(client, edition, make_user):
    organiser = make_user("organiser", edition=edition)
    author = make_user(edition=edition, email="writer@example.org")
    assert not author.is_staff_account()  # the control: a plain account signs in with a password
    services.author_add(edition=edition, user=author, pseudonym="Petrel", by=organiser)
    author = type(author).objects.get(pk=author.pk)  # a fresh instance, as the next request has
    assert author.is_staff_account()

    sign_in(client, author, verified=False)
    url = reverse("reports:edit", kwargs={"year": 2013})
    assert client.get(url).status_code != 200  # the second factor first
    sign_in(client, author, verified=True)
    assert client.get(url).status_code == 200


def test_the_award_page_links_the_report_once_both_are_public(edition, make_user):
    from django.utils import timezone

    from defdays.award import page_links
    from defdays.award.models import AwardCycle

    organiser = make_user("organiser", edition=edition)
    services.author_add(edition=edition, user=organiser, pseudonym="", by=organiser)
    services.version_save(
        edition=edition, title="Report", country="Veldoria", body="## One\n\nText.", base_number=0, by=organiser
    )
    cycle = AwardCycle.objects.create(edition=edition)
    assert page_links.links_for(edition) == []  # a draft
    services.version_approve(edition=edition, number=1, by=organiser)
    assert page_links.links_for(edition) == []  # approved, but the award is not announced yet
    AwardCycle.objects.filter(pk=cycle.pk).update(announced_at=timezone.now())
    urls = [url for _label, url in page_links.links_for(edition)]
    assert urls == [
        reverse("reports:report", kwargs={"year": 2013}),
        reverse("reports:report_pdf", kwargs={"year": 2013}),
    ]


def test_a_signed_in_request_pays_no_query_for_the_second_factor_rule(client, edition, make_user):
    """The rule (staff role, superuser, report author...) rides on the query that loads the signed-in person."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    participant = make_user("defender", edition=edition, email="heron@example.org")
    sign_in(client, participant)
    url = reverse("accounts:me")
    client.get(url)  # warm the caches that any first request fills
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sql = [q["sql"] for q in queries]
    asking = [q for q in sql if "reports_reportauthor" in q]
    assert len(asking) == 1 and 'FROM "accounts_user"' in asking[0]  # the load of the person itself
    # No query of its own for the staff roles either: the rule costs nothing beyond loading the person.
    staff_role_checks = [q for q in sql if '"accounts_role"' in q and "'organiser'" in q]
    assert staff_role_checks == asking
