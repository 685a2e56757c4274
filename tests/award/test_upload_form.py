"""Bad files through the real public nomination form: each gets a clear message and nothing is stored, not the
nomination, not the other files; names are made safe; a photo's GPS position never reaches the jury."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from defdays.award.models import Nomination, NominationFile
from defdays.core.models import DataKey
from tests.conftest import sign_in
from tests.core.test_uploads import pdf

pytestmark = pytest.mark.django_db

FIELDS = {
    "nominee_name": "Upload Nominee",
    "country": "Somewhere",
    "field_of_work": "Press freedom",
    "why": "Because.",
    "risks": "Prison.",
    "nominator_contact": "me@example.org",
}


def _png(size=(8, 8)):
    out = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(out, format="PNG")
    return out.getvalue()


def _bomb_png():
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, format="PNG")  # 400 million pixels, a few kilobytes
    return out.getvalue()


def _gps_jpeg():
    image = Image.new("RGB", (16, 16), (200, 100, 50))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (59.0, 19.0, 46.0), "E", (18.0, 4.0, 7.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    data = out.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the fixture really carries a GPS block
        assert check.getexif().get_ifd(0x8825)
    return data


def _js_pdf():
    return pdf(script=True)


def _post(client, edition, *files):
    url = reverse("award:nominate", kwargs={"year": edition.year})
    return client.post(url, {**FIELDS, "files": list(files)})


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("photo.png", b"<html><script>alert(1)</script></html>", "Only these kinds of file are accepted"),
        ("report.pdf", "js", "PDF files with scripts"),
        ("huge.pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024), "larger than 10 MB"),
        ("bomb.png", None, "too many pixels"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_stored(client, world, name, content, message):
    keys_before = DataKey.objects.count()
    nominations_before = Nomination.objects.count()
    good = SimpleUploadedFile("good.png", _png(), content_type="image/png")
    content = {None: _bomb_png, "js": _js_pdf}.get(content, lambda: content)()
    bad = SimpleUploadedFile(name, content, content_type="image/png")
    response = _post(client, world.edition, good, bad)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Nomination.objects.count() == nominations_before
    assert NominationFile.objects.count() == 0
    assert DataKey.objects.count() == keys_before


@pytest.mark.parametrize("name", ["../../etc/passwd.png", "invoice\u202egnp.exe", "..\\..\\boot.png"])
def test_dangerous_names_are_stored_and_served_safe(client, world, name):
    response = _post(client, world.edition, SimpleUploadedFile(name, _png(), content_type="image/png"))
    assert response.status_code == 302
    stored = NominationFile.objects.get()
    assert "/" not in stored.name and "\\" not in stored.name and "\u202e" not in stored.name
    assert stored.name.endswith(".png") and not stored.name.startswith(".")
    sign_in(client, world.organiser)
    served = client.get(
        reverse("award:file", kwargs={"year": world.edition.year, "pk": stored.nomination_id, "uid": stored.uid})
    )
    assert served["Content-Disposition"].startswith("attachment")
    assert "\u202e" not in served["Content-Disposition"] and "../" not in served["Content-Disposition"]
    assert served["X-Content-Type-Options"] == "nosniff"


def test_the_served_jpeg_has_no_gps_or_exif(client, world):
    response = _post(client, world.edition, SimpleUploadedFile("where-i-live.jpg", _gps_jpeg()))
    assert response.status_code == 302
    stored = NominationFile.objects.get()
    sign_in(client, world.jurors[0])
    served = client.get(
        reverse("award:file", kwargs={"year": world.edition.year, "pk": stored.nomination_id, "uid": stored.uid})
    )
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(served.content)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825) and len(exif) == 0
        assert "exif" not in image.info
    assert b"CameraMaker" not in served.content


def test_files_are_not_stored_in_clear(world, client):
    _post(client, world.edition, SimpleUploadedFile("a.png", _png((3, 3))))
    stored = NominationFile.objects.get()
    assert b"PNG" not in bytes(stored.content_sealed)[:64]
    assert stored.content().startswith(b"\x89PNG")
