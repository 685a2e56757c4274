"""What the public reads of the news: only posts that are published, whose time has come and whose embargo is over,
on every page, feed and the sitemap; and a scheduled or embargoed post appears at its moment without anyone acting."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from defdays.award import embargo
from defdays.award.models import AwardCycle
from defdays.editions.models import EditionStatus
from tests.news.conftest import CANARY_WORDS, published, write

pytestmark = pytest.mark.django_db

PUBLIC_URLS = (
    "/news/",
    "/news/?page=2",
    "/news/feed/",
    "/news/tag/defenders-days/",
    "/news/tag/defenders-days/feed/",
    "/sitemap.xml",
    "/2013/",
    "/",
)


def _leaks(client, urls=PUBLIC_URLS):
    found = []
    for url in urls:
        text = client.get(url).content.decode()
        found += [(url, word) for word in CANARY_WORDS if word in text]
    return found


def test_feeds_sitemap_and_pages_hold_only_public_posts(client, canaries):
    for url in ("/news/", "/news/feed/", "/news/tag/defenders-days/feed/", "/sitemap.xml", "/2013/"):
        assert "public-post" in client.get(url).content.decode() or "PUBLIC-POST" in client.get(url).content.decode()
    assert _leaks(client) == []
    for slug in ("canary-draft", "canary-scheduled", "canary-embargoed", "canary-unpublished"):
        assert client.get(f"/news/{slug}/").status_code == 404
    assert client.get("/news/tag/draftonly/").status_code == 404  # a tag of drafts only does not exist yet
    assert client.get("/news/tag/draftonly/feed/").status_code == 404


def test_feed_is_atom_with_the_public_post(client, canaries):
    response = client.get("/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "<feed" in text and "PUBLIC-POST-TITLE" in text and "http://www.w3.org/2005/Atom" in text


def test_a_scheduled_post_appears_at_its_time_without_anyone_acting(client, canaries):
    assert "CANARY-SCHEDULED" not in client.get("/news/").content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        for url in ("/news/", "/news/feed/", "/sitemap.xml", "/2013/"):
            text = client.get(url).content.decode()
            assert "CANARY-SCHEDULED" in text or "canary-scheduled" in text, url
        assert client.get("/news/canary-scheduled/").status_code == 200
    # And back before its time (a clock set right, or a cached copy): gone again.
    assert client.get("/news/canary-scheduled/").status_code == 404


def test_an_embargoed_post_goes_out_with_the_announcement_and_not_before(client, canaries, edition):
    # Its publish time passed long ago; only the announcement lets it out.
    assert client.get("/news/canary-embargoed/").status_code == 404
    announce_time = timezone.now()
    AwardCycle.objects.filter(edition=edition).update(announced_at=announce_time)
    for hook in embargo.announcement_hooks():
        hook(edition)
    assert client.get("/news/canary-embargoed/").status_code == 200
    canaries["embargoed"].refresh_from_db()
    # It leads the news with the announcement's time, not the earlier time it was written for.
    assert canaries["embargoed"].publish_at >= announce_time
    assert "CANARY-EMBARGO-TITLE" in client.get("/news/feed/").content.decode()


def test_the_news_app_registers_its_announcement_hook():
    from defdays.news.services import publish_with_announcement

    assert publish_with_announcement in embargo.announcement_hooks()


def test_a_post_of_a_draft_edition_is_not_public(client, edition):
    published(write(edition, slug="draft-edition-post", title="DRAFT-EDITION-POST"))
    edition.status = EditionStatus.DRAFT
    edition.save()
    assert client.get("/news/draft-edition-post/").status_code == 404
    assert "DRAFT-EDITION-POST" not in client.get("/news/feed/").content.decode()


def test_pagination_and_tag_page_title(client, edition):
    for n in range(12):
        published(
            write(edition, slug=f"post-{n:02d}", title=f"Post {n:02d}"), at=timezone.now() - timedelta(hours=n + 1)
        )
    first, second = client.get("/news/").content.decode(), client.get("/news/?page=2").content.decode()
    assert "Post 00" in first and "Post 09" in first and "Post 10" not in first
    assert "Post 10" in second and "Post 11" in second
    assert client.get("/news/?page=999").status_code == 200  # the last page, not an error
    tag_page = client.get("/news/tag/defenders-days/").content.decode()
    assert 'Posts tagged “<span dir="auto">Defenders&#x27; Days</span>”' in tag_page


def test_the_edition_home_lists_its_posts_and_only_its_own(client, edition):
    published(write(edition, slug="about-2013", title="ABOUT-2013"))
    published(write(None, slug="organisation-post", title="ORGANISATION-POST"))
    home = client.get("/2013/").content.decode()
    assert "ABOUT-2013" in home and "ORGANISATION-POST" not in home
    assert "ORGANISATION-POST" in client.get("/news/").content.decode()
