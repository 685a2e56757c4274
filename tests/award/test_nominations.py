"""Nominations: single-use links made by the invitations' token mechanism, the public form with the open-session
sign-up's limit, the deadline; restricted data sealed, exported, erased and purged."""

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from defdays.award import services
from defdays.award.models import Nomination, NominatorLink, Source
from defdays.invitations import tokens
from defdays.people.registry import app_sources
from tests.award.conftest import nominate
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

FIELDS = {
    "nominee_name": "Linked Nominee",
    "country": "Somewhere",
    "field_of_work": "Press freedom",
    "why": "Because.",
    "risks": "Prison.",
    "nominator_contact": "me@example.org",
}


def test_an_invited_nominators_link_works_once(client, world):
    sign_in(client, world.organiser)
    client.post(reverse("award:new_link", kwargs={"year": world.edition.year}))
    page = client.get(reverse("award:orga", kwargs={"year": world.edition.year})).content.decode()
    link = NominatorLink.objects.get()
    raw = page.split("/award/nominate/")[1].split("/")[0]
    assert tokens.well_formed(raw) and link.token_hash == tokens.hash_token(raw)  # only the hash is stored
    assert raw not in client.get(reverse("award:orga", kwargs={"year": world.edition.year})).content.decode()

    client.logout()
    url = reverse("award:nominate_invited", kwargs={"year": world.edition.year, "token": raw})
    assert client.get(url).status_code == 200
    assert client.post(url, FIELDS).status_code == 302
    assert Nomination.objects.filter(source=Source.INVITED).count() == 1
    assert client.get(url).status_code == 404
    assert client.post(url, FIELDS).status_code == 404
    assert Nomination.objects.filter(source=Source.INVITED).count() == 1


def test_unknown_or_malformed_links_are_404(client, world):
    for token in ("x" * 43, "short", tokens.new_token()[0]):
        assert client.get(f"/{world.edition.year}/award/nominate/{token}/").status_code == 404


@override_settings(DEFDAYS_SIGNUP_LIMIT_PER_HOUR=2)
def test_the_public_form_has_the_open_session_limit(client, world):
    url = reverse("award:nominate", kwargs={"year": world.edition.year})
    before = Nomination.objects.count()
    assert client.post(url, FIELDS).status_code == 302
    assert client.post(url, FIELDS).status_code == 302
    refused = client.post(url, FIELDS)
    assert refused.status_code == 429 and "Too many nominations" in refused.content.decode()
    assert Nomination.objects.count() == before + 2


def test_the_public_form_is_404_when_off_or_past_the_deadline(client, world):
    url = reverse("award:nominate", kwargs={"year": world.edition.year})
    services.save_settings(
        world.cycle, nominations_open=True, deadline=None, public_form=False, criteria=["A"], announce_at=None,
        actor=None,
    )  # fmt: skip
    assert client.get(url).status_code == 404
    from datetime import UTC, datetime

    services.save_settings(
        world.cycle, nominations_open=True, deadline=datetime(2000, 1, 1, tzinfo=UTC), public_form=True,
        criteria=["A"], announce_at=None, actor=None,
    )  # fmt: skip
    assert client.get(url).status_code == 404
    with pytest.raises(services.NominationsClosed):
        nominate(world.cycle, "Too Late")


def test_no_nominee_name_is_stored_in_clear(world):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM award_nomination")
        dump = repr(cursor.fetchall())
    assert "Alpha Nominee" not in dump and "Alpha" not in dump


def test_the_award_is_in_the_personal_data_registry_and_the_purge_destroys_non_winners(world):
    assert "award" in [source.label for source in app_sources()]
    from defdays.award import personal_data

    alpha, beta = world.nominations["Alpha Nominee"], world.nominations["Beta Nominee"]
    services.set_shortlisted(alpha, shortlisted=True, actor=None)
    alpha.refresh_from_db()
    services.record_decision(world.cycle, laureate=alpha, votes_for=1, votes_against=0, votes_abstained=0, actor=None)
    services.announce(world.cycle)
    beta_key = beta.data_key
    assert personal_data.purge_edition(world.edition, dry_run=True) == {"nominations": 1}
    personal_data.purge_edition(world.edition, dry_run=False)
    beta_key.refresh_from_db()
    assert beta_key.wrapped is None and not Nomination.objects.filter(pk=beta.pk).exists()
    alpha.refresh_from_db()
    assert alpha.nominee_name == "Alpha Nominee" and alpha.nominator_contact_enc is None


def test_before_the_announcement_the_purge_spares_no_one(world):
    from defdays.award import personal_data

    personal_data.purge_edition(world.edition, dry_run=False)
    assert not Nomination.objects.exists()


def test_a_nominator_exports_and_erases_their_contact(world, make_user):
    from defdays.award import personal_data

    user = make_user()
    nomination = services.submit_nomination(
        world.cycle, nominee_name="N", country="C", field_of_work="F", why="W", risks="R",
        nominator_contact="signal +46 70", files=[], source=Source.PUBLIC, nominated_by=user,
    )  # fmt: skip
    assert personal_data.export_for(user)["nominations_submitted"][0]["your_contact"] == "signal +46 70"
    personal_data.erase_for(user)
    nomination.refresh_from_db()
    assert nomination.nominated_by is None and nomination.nominator_contact_enc is None
