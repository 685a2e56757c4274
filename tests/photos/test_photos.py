"""Photos with consent: nobody in a photo is published against their choice, and a change of mind, "hide me" or
erasure takes the photo off at once (its URL answers 404 on the next request); files lose their metadata."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from defdays.people import services as people
from defdays.photos import services
from defdays.photos.models import Photo
from defdays.registration import services as registration
from defdays.registration.models import Participation, ParticipationStatus, PhotoConsent
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _jpeg(*, gps: bool = False, size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, "#336699")
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        gps_ifd = {1: "N", 2: (59.0, 19.0, 48.0), 3: "E", 4: (18.0, 4.0, 6.0)}  # a Stockholm street
        exif[0x8825] = gps_ifd
        exif[0x010F] = "CANARY-CAMERA-MAKER"
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def _participant(make_user, edition, consent, *, status=ParticipationStatus.APPROVED):
    user = make_user("defender", edition=edition)
    Participation.objects.create(
        user=user, edition=edition, data_key=user.data_key, role="defender", status=status, photo_consent=consent,
        days=[edition.start_date.isoformat()],
    )  # fmt: skip
    return user


def _photo(edition, organiser, people=(), data=None):
    upload = SimpleUploadedFile("p.jpg", data or _jpeg(), content_type="image/jpeg")
    return services.photo_upload(
        edition=edition, upload=upload, alt_text="A hall (test)", people=people, actor=organiser
    )


@pytest.fixture
def organiser(make_user, edition):
    return make_user("organiser", edition=edition)


def _url(photo):
    return f"/{photo.edition.year}/photos/{photo.uid}/"


def test_a_photo_with_a_no_photos_participant_cannot_be_published_and_the_refusal_names_them(
    make_user, edition, organiser, client
):
    nobody = _participant(make_user, edition, PhotoConsent.NONE)
    photo = _photo(edition, organiser, [nobody])
    with pytest.raises(services.PublishRefused) as refused:
        services.photo_publish(photo=photo, actor=organiser, everyone_tagged=True)
    assert nobody.public_name in str(refused.value)
    photo.refresh_from_db()
    assert photo.published_at is None
    assert client.get(_url(photo)).status_code == 404

    # Through the organisers' page: the same refusal, in words.
    sign_in(client, organiser)
    page = client.post(
        f"/orga/2013/photos/{photo.pk}/", {"action": "publish", "everyone_tagged": "on"}, follow=True
    ).content.decode()
    assert "cannot be published" in page and nobody.public_name in page


def test_revoking_consent_makes_the_url_404_on_the_next_request(make_user, edition, organiser, client):
    person = _participant(make_user, edition, PhotoConsent.PUBLIC)
    photo = services.photo_publish(photo=_photo(edition, organiser, [person]), actor=organiser, everyone_tagged=True)
    assert client.get(_url(photo)).status_code == 200
    gallery = client.get("/2013/photos/").content.decode()
    assert (
        str(photo.uid) in gallery and 'width="64"' in gallery and 'height="48"' in gallery and 'alt="A hall' in gallery
    )

    participation = Participation.objects.get(user=person)
    registration.update_own(participation, days=participation.days, photo_consent=PhotoConsent.NONE, access_needs="")
    assert client.get(_url(photo)).status_code == 404
    assert str(photo.uid) not in client.get("/2013/photos/").content.decode()


def test_hiding_or_erasing_a_person_takes_their_photos_off(make_user, edition, organiser, client):
    hidden, erased = (_participant(make_user, edition, PhotoConsent.PUBLIC) for _ in range(2))
    first = services.photo_publish(photo=_photo(edition, organiser, [hidden]), actor=organiser, everyone_tagged=True)
    second = services.photo_publish(photo=_photo(edition, organiser, [erased]), actor=organiser, everyone_tagged=True)
    assert client.get(_url(first)).status_code == 200 and client.get(_url(second)).status_code == 200

    people.set_hidden(hidden, True, actor=hidden)
    assert client.get(_url(first)).status_code == 404
    people.erase(erased)
    assert client.get(_url(second)).status_code == 404
    second.refresh_from_db()
    assert second.published_at is None  # erasure unpublishes for good
    with pytest.raises(services.PublishRefused):
        services.photo_publish(
            photo=second, actor=organiser, everyone_tagged=True
        )  # the erased person's tag still blocks it


def test_internal_only_photos_are_for_approved_participants_of_the_edition(make_user, edition, organiser, client):
    inside = _participant(make_user, edition, PhotoConsent.INTERNAL)
    pending = _participant(make_user, edition, PhotoConsent.PUBLIC, status=ParticipationStatus.REGISTERED)
    photo = services.photo_publish(photo=_photo(edition, organiser, [inside]), actor=organiser, everyone_tagged=True)
    assert client.get(_url(photo)).status_code == 404  # anonymous
    sign_in(client, pending)
    assert client.get(_url(photo)).status_code == 404
    sign_in(client, make_user("volunteer", edition=edition))
    assert client.get(_url(photo)).status_code == 404  # staff without standing
    sign_in(client, inside)
    assert client.get(_url(photo)).status_code == 200
    assert str(photo.uid) in client.get("/2013/photos/").content.decode()


def test_a_jpeg_with_gps_exif_is_served_without_it(make_user, edition, organiser, client):
    original = _jpeg(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test file really carries GPS
    person = _participant(make_user, edition, PhotoConsent.PUBLIC)
    photo = services.photo_publish(
        photo=_photo(edition, organiser, [person], data=original), actor=organiser, everyone_tagged=True
    )
    response = client.get(_url(photo))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    served = Image.open(io.BytesIO(response.content))
    assert not served.getexif().get_ifd(0x8825) and not served.getexif()
    assert b"CANARY-CAMERA-MAKER" not in response.content and b"Exif" not in response.content
    assert b"CANARY-CAMERA-MAKER" not in bytes(Photo.objects.get().content_sealed)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("notes.jpg", b"<html><script>alert(1)</script></html>", "Only these kinds of file"),
        ("huge.jpg", b"\xff\xd8\xff" + b"\0" * (50 * 1024 * 1024), "larger than"),
        ("bomb.png", None, "too many pixels"),
    ],
)
def test_a_non_image_a_50_mb_file_and_a_decompression_bomb_are_refused_with_a_clear_message(
    organiser, client, edition, name, data, words
):
    if data is None:
        out = io.BytesIO()
        Image.new("1", (20_000, 20_000)).save(out, format="PNG")  # 400 megapixels in a few kilobytes
        data = out.getvalue()
    sign_in(client, organiser)
    response = client.post(
        "/orga/2013/photos/", {"image": SimpleUploadedFile(name, data), "alt_text": "Something (test)"}
    )
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Photo.objects.exists()


def test_organisers_only_upload_and_the_unpublished_photo_is_404_for_everyone_else(make_user, edition, client):
    organiser = make_user("organiser", edition=edition)
    photo = _photo(edition, organiser)
    for role in ("programme", "safety", "defender"):
        sign_in(client, make_user(role, edition=edition))
        assert client.get(_url(photo)).status_code == 404
        assert client.get(f"/orga/2013/photos/{photo.pk}/image/").status_code in (403, 404)


def test_a_photo_is_published_only_once_the_organiser_confirms_everyone_is_tagged(
    make_user, edition, organiser, client
):
    # An untagged hidden person would pass every check: only tagged people's choices can be looked up.
    person = _participant(make_user, edition, PhotoConsent.PUBLIC)
    photo = _photo(edition, organiser, [person])
    with pytest.raises(services.TagsNotConfirmed):
        services.photo_publish(photo=photo, actor=organiser, everyone_tagged=False)
    sign_in(client, organiser)
    page = client.get(f"/orga/2013/photos/{photo.pk}/").content.decode()
    assert 'name="everyone_tagged"' in page and 'for="everyone-tagged"' in page
    page = client.post(f"/orga/2013/photos/{photo.pk}/", {"action": "publish"}, follow=True).content.decode()
    assert "tick the box" in page
    photo.refresh_from_db()
    assert photo.published_at is None
    client.post(f"/orga/2013/photos/{photo.pk}/", {"action": "publish", "everyone_tagged": "on"})
    photo.refresh_from_db()
    assert photo.published_at is not None
