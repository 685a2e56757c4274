import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from defdays.editions.models import Edition, EditionStatus
from defdays.editions.services import make_current
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_current_edition_with_both_parts_explained(client, edition):
    html = client.get("/").content.decode()
    for text in (
        "Defenders&#x27; Days 2013",
        "Stockholm",
        "The open session",
        "The closed part",
        "How invitation works",
        "Ms Kim Matthis",
    ):
        assert text in html
    assert client.get("/2013/").status_code == 200


def test_exactly_one_current_edition(edition):
    later = EditionFactory(year=2014)
    make_current(later)
    assert list(Edition.objects.filter(is_current=True)) == [later]
    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.filter(pk=edition.pk).update(is_current=True)


def test_archive_lists_published_editions_not_drafts(client, edition):
    EditionFactory(year=2012, status=EditionStatus.ARCHIVED)
    EditionFactory(year=2015, status=EditionStatus.DRAFT, title="Secret plans 2015")
    html = client.get("/archive/").content.decode()
    assert "Defenders&#x27; Days 2012" in html and "Defenders&#x27; Days 2013" in html
    assert "Secret plans" not in html


def test_contact_page_names_the_contact_person(client, edition):
    html = client.get(reverse("contact:page", kwargs={"year": 2013})).content.decode()
    assert "Ms Kim Matthis" in html and "mailto:kim.matthis@example.org" in html


def test_robots_txt_allows_public_pages_only(client, edition):
    text = client.get("/robots.txt").content.decode()
    assert "Allow: /2013/$" in text and text.rstrip().endswith("Disallow: /")
    for private in ("/orga/", "/me/", "/account/", "/invitation/"):
        assert f"Allow: {private}" not in text


def test_privacy_page_says_what_is_stored_and_never_collected(client, edition):
    html = client.get("/privacy/").content.decode()
    assert "What we never collect" in html and "90 days" in html
    assert "visa letter or a hotel booking" not in html and "Travel and visa data" not in html  # nothing of the kind


def test_base_layout_is_accessible_and_translatable(client, edition):
    html = client.get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'class="skip-link" href="#main"' in html and 'id="main"' in html
    assert '<label for="language-select">' in html
    swedish = client.get("/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert '<html lang="sv" dir="ltr">' in swedish
    assert "Hoppa till innehållet" in swedish


def test_right_to_left_languages_set_dir_rtl(rf, edition):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from defdays.core.context_processors import site

    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("ar"):
        assert site(request)["text_direction"] == "rtl"
    with translation.override("sv"):
        assert site(request)["text_direction"] == "ltr"
