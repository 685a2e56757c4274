"""The public side: the laureate's photo only after the announcement and with consent, without metadata; the 2013
demo as the issue describes it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from defdays.award import services
from defdays.award.models import AwardCycle, Conflict, Nomination, ScoreSheet
from defdays.core.uploads import IMAGE_KINDS, clean_upload
from tests.core.test_uploads import jpeg_with_gps
from tests.security.crawl import build_demo

pytestmark = pytest.mark.django_db


def _with_laureate(world):
    alpha = world.nominations["Alpha Nominee"]
    services.set_shortlisted(alpha, shortlisted=True, actor=None)
    alpha.refresh_from_db()
    services.record_decision(world.cycle, laureate=alpha, votes_for=3, votes_against=0, votes_abstained=0, actor=None)
    return alpha


def test_the_photo_is_public_only_after_the_announcement_and_with_consent(client, world):
    _with_laureate(world)
    photo = clean_upload(SimpleUploadedFile("me.jpg", jpeg_with_gps()), kinds=IMAGE_KINDS)
    url = reverse("award:photo", kwargs={"year": world.edition.year})
    services.save_laureate_profile(world.cycle, biography="Bio.", photo=photo, photo_consent=True, actor=None)
    assert client.get(url).status_code == 404  # embargoed
    services.announce(world.cycle)
    served = client.get(url)
    assert served.status_code == 200 and served["X-Content-Type-Options"] == "nosniff"
    with Image.open(io.BytesIO(served.content)) as image:
        assert len(image.getexif()) == 0
    page = client.get(reverse("award:award", kwargs={"year": world.edition.year})).content.decode()
    assert "Alpha Nominee" in page and url in page and "Beta Nominee" not in page
    services.save_laureate_profile(world.cycle, biography="Bio.", photo=None, photo_consent=False, actor=None)
    assert client.get(url).status_code == 404  # consent withdrawn: the photo is gone
    assert url not in client.get(reverse("award:laureates")).content.decode()


def test_the_2013_demo_has_a_jury_of_three_with_one_conflict_and_a_laureate_announced_at_the_ceremony():
    build_demo()
    cycle = AwardCycle.objects.select_related("laureate__data_key").get(edition__year=2013)
    assert Nomination.objects.filter(cycle=cycle).count() == 3
    assert all("(demo)" in n.nominee_name for n in Nomination.objects.filter(cycle=cycle).select_related("data_key"))
    assert Conflict.objects.filter(nomination__cycle=cycle).count() == 1
    assert ScoreSheet.objects.filter(nomination__cycle=cycle).values("juror").distinct().count() == 3
    assert Nomination.objects.filter(cycle=cycle, shortlisted=True).count() == 2
    assert cycle.laureate.shortlisted and cycle.announced_at == services.ceremony_start(cycle.edition)
    assert cycle.announced_at.astimezone(cycle.edition.tz).date().isoformat() == "2013-04-04"
    build_demo()  # again: idempotent
    assert Nomination.objects.filter(cycle=cycle).count() == 3
