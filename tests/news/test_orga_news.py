"""Organisers write, preview, schedule and unpublish posts on their own pages; what they type is stored as typed
and rendered safely; bad input gets a clear answer and changes nothing."""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from defdays.audit.models import AuditEvent
from defdays.news.models import Post, PostImage, PostStatus, Tag
from tests.news.conftest import published, write

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "title": "A title",
        "slug": "",
        "summary": "A summary.",
        "body": "Some *text*.",
        "byline": "",
        "tags": "Defenders' Days",
        "about_edition": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def orga(client_as):
    return client_as("organiser")


def test_an_organiser_writes_previews_schedules_publishes_and_unpublishes(orga, edition):
    from django.test import Client

    client = Client()
    response = orga.post("/orga/2013/news/new/", _form(title="Welcome to 2013", tags="Defenders' Days, Training"))
    assert response.status_code == 302
    post = Post.objects.get(slug="welcome-to-2013")
    assert post.status == PostStatus.DRAFT and post.edition == edition and post.created_by == orga.user
    assert sorted(post.tags.values_list("slug", flat=True)) == ["defenders-days", "training"]
    preview = orga.get(f"/orga/2013/news/{post.pk}/preview/")
    assert preview.status_code == 200 and "Welcome to 2013" in preview.content.decode()
    assert 'name="robots" content="noindex"' in preview.content.decode()
    assert orga.get("/news/welcome-to-2013/").status_code == 404  # the public page only once published

    at = (timezone.now() + timedelta(days=1)).astimezone(edition.tz).strftime("%Y-%m-%dT%H:%M")
    orga.post(f"/orga/2013/news/{post.pk}/publish/", {"when": "schedule", "publish_at": at})
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED and post.publish_at > timezone.now()
    assert client.get("/news/welcome-to-2013/").status_code == 404

    orga.post(f"/orga/2013/news/{post.pk}/publish/", {"when": "now"})
    assert client.get("/news/welcome-to-2013/").status_code == 200

    first = orga.post(f"/orga/2013/news/{post.pk}/unpublish/")
    assert first.status_code == 200 and "Take this post off the site?" in first.content.decode()
    assert client.get("/news/welcome-to-2013/").status_code == 200  # not on one click
    orga.post(f"/orga/2013/news/{post.pk}/unpublish/", {"confirm": "yes"})
    assert client.get("/news/welcome-to-2013/").status_code == 404
    actions = set(AuditEvent.objects.filter(target_type="news.post").values_list("action", flat=True))
    assert {"news.saved", "news.published", "news.unpublished"} <= actions


def test_another_editions_organiser_cannot_reach_a_post(orga, make_user, edition, client):
    from tests.conftest import sign_in
    from tests.factories import EditionFactory

    other = EditionFactory(year=2014)
    post = write(other, slug="about-2014")
    assert orga.get(f"/orga/2013/news/{post.pk}/").status_code == 404
    assert orga.get(f"/orga/2013/news/{post.pk}/preview/").status_code == 404
    volunteer = make_user("volunteer", edition=edition)
    assert sign_in(client, volunteer).get("/orga/2013/news/").status_code == 403


HOSTILE = """\
<script>alert("owned")</script>

[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)

<div onclick="steal()">raw html block</div> <b onmouseover=x>bold</b>

![tracker](https://tracker.example.net/pixel.png) ![protocol-relative](//tracker.example.net/p.png)

<img src="https://tracker.example.net/raw.png">
"""


def test_hostile_markdown_is_stored_as_typed_and_rendered_without_any_of_it(orga):
    from django.test import Client

    client = Client()
    table = "| a | b |\n|---|---|\n" + "".join(f"| r{n} | {n} |\n" for n in range(5000))
    response = orga.post("/orga/2013/news/new/", _form(title="Hostile", body=HOSTILE + "\n\n" + table))
    assert response.status_code == 302
    post = Post.objects.get(slug="hostile")
    assert post.body.startswith("<script>")  # stored safely: as text, rendered on the way out
    published(post)
    page = client.get("/news/hostile/").content.decode()
    body = page.split('<div class="prose" dir="auto">', 1)[1].split("\n</div>\n", 1)[0]
    tags = re.findall(r"<[a-z][^>]*>", body)
    assert not [t for t in tags if t.startswith(("<script", "<div", "<b ", "<iframe"))]
    assert not [t for t in tags if re.search(r"\son\w+=", t)]  # no event handler on any element
    assert not [t for t in tags if "javascript:" in t or "data:" in t]  # no such link or source
    assert not [t for t in tags if "tracker.example.net" in t]  # no picture from another host, in any form
    assert "&lt;script&gt;" in body  # shown as the text it was
    assert body.count("<tr>") == 5001  # the table renders, all of it
    for url in ("/news/", "/news/feed/"):
        assert "<script>alert" not in client.get(url).content.decode()


def test_a_tag_with_slashes_or_emoji_gets_a_safe_address_or_a_clear_refusal(orga):
    from django.test import Client

    client = Client()
    assert orga.post("/orga/2013/news/new/", _form(title="Tagged", tags="Iran/Syria, 🕊 Peace")).status_code == 302
    post = Post.objects.get(slug="tagged")
    assert sorted(t.slug for t in post.tags.all()) == ["iransyria", "peace"]
    assert Tag.objects.get(slug="peace").name == "🕊 Peace"  # the name stays as typed
    published(post)
    assert client.get("/news/tag/iransyria/").status_code == 200
    assert client.get("/news/tag/Iran/Syria/").status_code == 404

    refused = orga.post("/orga/2013/news/new/", _form(title="Only emoji", tags="🕊🕊"))
    assert refused.status_code == 400 and "needs at least one letter or digit" in refused.content.decode()
    assert not Post.objects.filter(slug="only-emoji").exists()


def test_a_post_scheduled_in_the_past_is_refused(orga, edition):
    post = write(edition, slug="late")
    past = (timezone.now() - timedelta(hours=2)).astimezone(edition.tz).strftime("%Y-%m-%dT%H:%M")
    response = orga.post(f"/orga/2013/news/{post.pk}/publish/", {"when": "schedule", "publish_at": past}, follow=True)
    assert "That time has already passed" in response.content.decode()
    post.refresh_from_db()
    assert post.status == PostStatus.DRAFT and post.publish_at is None


def test_a_slug_clash_is_refused_with_a_clear_message_and_a_title_clash_gets_a_free_address(orga, edition):
    write(edition, slug="taken")
    clash = orga.post("/orga/2013/news/new/", _form(title="Another", slug="taken"))
    assert clash.status_code == 400 and "Another post already has this address" in clash.content.decode()
    assert Post.objects.filter(slug="taken").count() == 1
    reserved = orga.post("/orga/2013/news/new/", _form(title="Feed", slug="feed"))
    assert reserved.status_code == 400 and not Post.objects.filter(slug="feed").exists()
    orga.post("/orga/2013/news/new/", _form(title="Taken"))
    assert Post.objects.filter(slug="taken-2").exists()


def test_pictures_are_cleaned_and_served_by_us_after_the_post_is_public(orga, edition):
    from django.test import Client

    client = Client()
    post = write(edition, slug="with-picture")
    upload = SimpleUploadedFile("photo.png", _png(), content_type="image/png")
    orga.post(f"/orga/2013/news/{post.pk}/images/", {"image": upload, "alt": "A red square"})
    image = PostImage.objects.get(post=post)
    url = f"/news/images/{image.uid}/"
    assert client.get(url).status_code == 404  # a draft's picture: its organisers only
    assert orga.get(url).status_code == 200
    published(post)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_a_file_that_is_not_an_image_is_refused(orga, edition):
    post = write(edition, slug="not-image")
    fake = SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    response = orga.post(f"/orga/2013/news/{post.pk}/images/", {"image": fake, "alt": "x"}, follow=True)
    assert "Only these kinds of file are accepted" in response.content.decode()
    assert not PostImage.objects.exists()


def test_a_50_mb_upload_is_refused_before_it_is_read(orga, edition):
    post = write(edition, slug="huge")
    big = SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (50 * 1024 * 1024), content_type="image/png")
    response = orga.post(f"/orga/2013/news/{post.pk}/images/", {"image": big, "alt": "big"}, follow=True)
    assert "The file is larger than 5 MB" in response.content.decode()
    assert not PostImage.objects.exists()
