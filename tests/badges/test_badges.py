"""Badge PDFs: approved, listed people only (the page says how many were left out); an opaque QR code; the
no-photo marker; training certificates only after a training check-in."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from defdays.badges import services
from defdays.badges.models import Badge, BadgeBatch, BatchStatus
from defdays.programme import seats
from defdays.registration.models import ParticipationStatus, PhotoConsent
from tests.badges.conftest import badge_of, code_of
from tests.programme.conftest import build_programme  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_batch_prints_the_approved_and_leaves_out_the_hidden_and_says_so(edition, participant, client_as, make_user):
    from defdays.people import services as people

    shown = participant("Shown Person", consent=PhotoConsent.NONE)
    public = participant("Public Person", consent=PhotoConsent.PUBLIC, status=ParticipationStatus.CHECKED_IN)
    hidden = participant("Hidden Canary")
    participant("Pending Person", status=ParticipationStatus.REGISTERED)
    people.set_hidden(hidden.user, True, actor=make_user("safety", edition=edition), edition=edition)
    organiser = client_as("organiser")
    response = organiser.post(reverse("badges:batches", kwargs={"year": edition.year}), {"layout": "a6"})
    batch = BadgeBatch.objects.get()
    assert response.status_code == 302 and batch.status == BatchStatus.DONE  # the tests run tasks at once
    assert (batch.total, batch.left_out) == (2, 1)
    page = organiser.get(response["Location"]).content.decode()
    assert "1 person (hidden or erased: never printed)" in page
    pdf = organiser.get(reverse("badges:batch_pdf", kwargs={"year": edition.year, "batch": batch.uid}))
    assert pdf["Content-Type"] == "application/pdf"
    text = _text(pdf.content)
    assert "Shown Person" in text and "Public Person" in text
    assert "Hidden Canary" not in text and "Pending Person" not in text
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 2
    assert text.upper().count("NO PHOTOS") == 1  # Shown Person's marker only
    assert badge_of(hidden) is None
    assert set(Badge.objects.values_list("participation", flat=True)) == {shown.pk, public.pk}


def test_eight_badges_fit_one_a4_sheet(edition, participant, make_user):
    for n in range(9):
        participant(f"Person {n}")
    batch = services.start_batch(edition=edition, layout="a4", actor=make_user("organiser", edition=edition))
    batch.refresh_from_db()
    reader = PdfReader(io.BytesIO(batch.open_pdf()))
    assert len(reader.pages) == 2
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4 portrait, in points


def test_the_qr_payload_is_neither_an_id_nor_a_name(edition, participant):
    person = participant("Ana Canary")
    code = code_of(person)
    badge = badge_of(person)
    assert re.fullmatch(f"[{services.ALPHABET}]{{12}}", code)
    # The QR code encodes the code and nothing else (badges_pdf passes `card.code` to qr_png), as a full QR code.
    assert services.normalise(services.spaced(code)) == code
    for number in (person.pk, person.user.pk, badge.pk):  # small ids: a random code may hold the digit
        assert code.lstrip("0") != str(number)
    for uid in (person.uid, badge.uid, person.user.uid if hasattr(person.user, "uid") else person.uid):
        assert uid.hex.upper()[:8] not in code
    assert "ANA" not in code and "CANARY" not in code
    # Stored only as an HMAC for the lookup and sealed under the person's key: not in clear in the row.
    assert badge.code_digest != code and code not in badge.code_digest
    assert code.encode() not in bytes(badge.code_enc)
    # A second badge is not derived from the first.
    assert code_of(participant("Bo")) != code


@pytest.fixture
def training(build_programme):  # noqa: F811
    session = build_programme().sessions["closed_training"]
    session.refresh_from_db()
    return session


def test_a_certificate_only_after_the_training_check_in(edition, participant, client, make_user, training):
    import time_machine

    from tests.badges.conftest import ON_2_APRIL
    from tests.conftest import sign_in

    person = participant("Cert Holder")
    seats.book(person.user, training)
    sign_in(client, person.user)
    assert "Your training certificates" not in client.get("/me/").content.decode()
    with time_machine.travel(ON_2_APRIL, tick=False):
        services.scan(
            edition=edition, code=code_of(person), actor=make_user("volunteer", edition=edition), session=training
        )
    me = client.get("/me/").content.decode()
    assert "Your training certificates" in me
    url = re.search(r'href="(/me/certificates/[^"]+\.pdf)"', me).group(1)
    pdf = client.get(url)
    assert pdf.status_code == 200 and "Cert Holder" in _text(pdf.content)
    assert "Closed Training Title" in _text(pdf.content)
    # Another person cannot fetch it: 404 like a missing one.
    other = participant("Someone Else")
    sign_in(client, other.user)
    assert client.get(url).status_code == 404


def _qr_modules(page) -> list[list[bool]]:
    """The QR image drawn on a badge page, as dark/light modules. It is drawn one pixel per module, so the image read
    back from the PDF is the symbol itself with its two-module quiet zone. (The pages of one WeasyPrint document
    share their resources, so the image is the one the page's content draws, not the first one listed.)"""
    (name,) = re.findall(rb"/(\S+) Do", page.get_contents().get_data())
    pixels = page.images["/" + name.decode()].image.convert("L")
    width, height = pixels.size
    return [[pixels.getpixel((x, y)) < 128 for x in range(width)] for y in range(height)]


def _symbol(code: str) -> list[list[bool]]:
    """The QR code of `code` as a scanner reads it, with the same quiet zone."""
    import segno

    matrix = segno.make(code, error="m", micro=False).matrix
    light = [False] * (len(matrix[0]) + 4)
    return [light, light, *([False, False, *map(bool, row), False, False] for row in matrix), light, light]


def test_each_badge_across_chunks_carries_its_own_qr_code_in_order(edition, participant, make_user, monkeypatch):
    from defdays.badges import pdf

    monkeypatch.setattr(pdf, "CHUNK", 8)  # 17 badges: three WeasyPrint documents joined into one PDF
    people = [participant(f"Person {n:02d}") for n in range(17)]
    laid_out = []
    document = pdf._badges_document

    def watched(edition, cards, *, layout):  # what the progress page reads while the chunk is laid out
        row = BadgeBatch.objects.get()
        laid_out.append((row.status, row.done))
        return document(edition, cards, layout=layout)

    monkeypatch.setattr(pdf, "_badges_document", watched)
    batch = services.start_batch(edition=edition, layout="a6", actor=make_user("organiser", edition=edition))
    batch.refresh_from_db()
    assert laid_out == [(BatchStatus.RENDERING, 0), (BatchStatus.RENDERING, 8), (BatchStatus.RENDERING, 16)]
    assert (batch.status, batch.done, batch.total) == (BatchStatus.DONE, 17, 17)
    reader = PdfReader(io.BytesIO(batch.open_pdf()))
    assert len(reader.pages) == 17
    for person, page in zip(people, reader.pages, strict=True):
        code = code_of(person)
        text = page.extract_text()
        assert person.user.public_name in text and services.spaced(code) in text
        assert _qr_modules(page) == _symbol(code)


def test_a_reprint_reads_the_badges_in_one_query_however_many_people(edition, participant, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    organiser = make_user("organiser", edition=edition)

    def queries_of_a_reprint() -> int:
        services.start_batch(edition=edition, layout="a4", actor=organiser)  # the first run makes the badges
        with CaptureQueriesContext(connection) as queries:
            services.start_batch(edition=edition, layout="a4", actor=organiser)
        return len(queries)

    for n in range(2):
        participant(f"Few {n}")
    few = queries_of_a_reprint()
    for n in range(10):
        participant(f"Many {n}")
    assert queries_of_a_reprint() == few
