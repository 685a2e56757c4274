"""Visa letters: asked first, details after; the PDF holds the holder and nobody else; one download per link;
the verification page says reference, date and initials only; nothing readable in a raw dump."""

import base64
import io
import re
import zlib
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail, signing
from pypdf import PdfReader

from defdays.audit.models import AuditEvent
from defdays.core import crypto
from defdays.programme import services as programme
from defdays.registration.models import Participation, ParticipationStatus
from defdays.visas import services
from defdays.visas.models import LetterRequest
from tests.conftest import sign_in
from tests.people.dbdump import found_canaries
from tests.programme.conftest import session_fields

pytestmark = pytest.mark.django_db

PASSPORT = "ab 123 4567"
CLOSED_TITLE = "CANARY-CLOSED-SESSION Secure phones for lawyers"


def _participant(make_user, edition, email, name):
    person = make_user("defender", edition=edition, email=email, public_name=name)
    Participation.objects.create(
        user=person, edition=edition, role="defender", data_key=person.data_key, status=ParticipationStatus.APPROVED
    )
    return person


def _details(**overrides):
    data = {
        "passport_name": "Amina Canaryholder Bakr",
        "passport_number": PASSPORT,
        "nationality": "CANARY-NATION",
        "birth_date": "1980-05-17",
        "stay_from": "2013-04-01",
        "stay_to": "2013-04-06",
        "embassy": "Embassy of Sweden, CANARY-CITY",
        "agree": "on",
    }
    data.update(overrides)
    return data


def _ask_and_fill(client, data=None):
    client.post("/me/visa-letter/2013/", {"step": "ask"})
    return client.post("/me/visa-letter/2013/", data or _details())


@pytest.fixture
def holder(client, make_user, edition):
    person = _participant(make_user, edition, "holder@example.org", "Holder Pseudonym")
    sign_in(client, person)
    return person


def _issue(make_user, edition, holder):
    team = make_user("travel", edition=edition)
    letter = LetterRequest.objects.get(user=holder)
    return services.letter_issue(letter=letter, actor=team)


def test_details_only_after_asking_and_passport_number_normalised(client, holder, edition):
    page = client.get("/me/visa-letter/2013/").content.decode()
    assert 'name="passport_number"' not in page and "Ask for a visa letter" in page
    response = _ask_and_fill(client)
    assert response.status_code == 302
    letter = LetterRequest.objects.get(user=holder)
    assert letter.passport_number == "AB1234567" and letter.status == "ready"


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("birth_date", (date.today() + timedelta(days=1)).isoformat(), "cannot be in the future"),
        ("stay_to", "2013-03-30", "cannot be before the first"),
        ("passport_number", "AB 12!", "5 to 20 letters and digits"),
    ],
)
def test_bad_details_are_refused_with_a_clear_message(client, holder, field, value, message):
    response = _ask_and_fill(client, _details(**{field: value}))
    assert response.status_code == 400 and message in response.content.decode()
    assert LetterRequest.objects.get(user=holder).passport_number_enc is None


def test_the_pdf_holds_the_holder_and_no_other_participant_or_closed_session(client, make_user, edition, holder):
    other = _participant(make_user, edition, "other@example.org", "CANARY-OTHER-PARTICIPANT")
    programme.save_session(edition, None, session_fields(edition, CLOSED_TITLE, audience="closed"), actor=None)
    _ask_and_fill(client)
    stored = _issue(make_user, edition, holder)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(stored.content())).pages)
    flat = re.sub(r"\s+", " ", text)
    for expected in ("Amina Canaryholder Bakr", "AB1234567", "CANARY-NATION", "17 May 1980", "Embassy of Sweden"):
        assert expected in flat
    assert stored.request.reference in flat and "/verify/" in flat
    for leak in (other.public_name, "other@example.org", "CANARY-CLOSED-SESSION", "Holder Pseudonym"):
        assert leak not in flat
    assert AuditEvent.objects.filter(action="visas.issued").count() == 1


def test_the_link_works_once_for_its_holder_and_every_download_is_audited(client, make_user, edition, holder):
    _ask_and_fill(client)
    stored = _issue(make_user, edition, holder)
    (notice,) = [m for m in mail.outbox if "/me/visa-letter/download/" in m.body]
    assert "AB1234567" not in notice.body + notice.subject and "Amina" not in notice.body + notice.subject
    url = f"/me/visa-letter/download/{stored.link_token}/"
    stranger = _participant(make_user, edition, "stranger@example.org", "Stranger")
    sign_in(client, stranger)
    assert client.get(url).status_code == 404  # another person's link is unknown to them
    sign_in(client, holder)
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert first.content.startswith(b"%PDF-")
    assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(action="visas.downloaded").count() == 1


def test_an_expired_link_is_404(client, make_user, edition, holder):
    _ask_and_fill(client)
    stored = _issue(make_user, edition, holder)
    with time_machine.travel(stored.link_expires_at + timedelta(minutes=1)):
        sign_in(client, holder)  # sessions are short: a fresh one, so only the link's age is tested
        assert client.get(f"/me/visa-letter/download/{stored.link_token}/").status_code == 404


def test_the_verification_page_shows_reference_date_and_initials_only(client, make_user, edition, holder):
    _ask_and_fill(client)
    stored = _issue(make_user, edition, holder)
    token = services.verification_token(stored.request)
    client.logout()
    page = client.get(f"/verify/{token}/").content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert stored.request.reference in main and "A. C. B." in main
    assert stored.request.issued_at.date().isoformat() in main
    for leak in ("Amina", "Bakr", "AB1234567", "CANARY", "Holder Pseudonym", "1980"):
        assert leak not in main


def _decodings(token: str) -> list[bytes]:
    """Every way a finder of the URL might read the token: each dot- or colon-separated part (Django's signing
    format) and the whole, base64 at each alignment, and each of those inflated if it is zlib."""
    found = [token.encode()]
    for part in [token, *re.split(r"[.:]", token)]:
        for start in range(4):
            chunk = part[start:]
            chunk += "=" * (-len(chunk) % 4)
            for decode in (base64.urlsafe_b64decode, base64.b64decode):
                try:
                    raw = decode(chunk)
                except ValueError:
                    continue
                found.append(raw)
                try:
                    found.append(zlib.decompress(raw))
                except zlib.error:
                    pass
    return found


def _issued_token(client, make_user, edition, holder):
    _ask_and_fill(client)
    stored = _issue(make_user, edition, holder)
    return stored.request, services.verification_token(stored.request)


def test_the_token_is_opaque_and_short(client, make_user, edition, holder):
    letter, token = _issued_token(client, make_user, edition, holder)
    for raw in _decodings(token):
        for secret in ("A. C. B.", "A.C.B.", letter.reference, letter.reference.split("-")[1], "Amina"):
            assert secret.encode() not in raw
    assert len(token) <= 110  # a QR code on a letter stays small and easy to scan
    assert services.read_verification(token).reference == letter.reference


def test_a_forged_or_tampered_token_is_a_clear_404(client, make_user, edition, holder):
    forged = signing.dumps({"r": "DD2013-FAKE", "d": "2013-03-01", "i": "X."}, salt="another salt", compress=True)
    response = client.get(f"/verify/{forged}/")
    assert response.status_code == 404 and "does not verify a letter" in response.content.decode()
    assert "DD2013-FAKE" not in response.content.decode()
    _letter, token = _issued_token(client, make_user, edition, holder)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for position, char in enumerate(token):
        changed = token[:position] + alphabet[(alphabet.index(char) + 1) % 64] + token[position + 1 :]
        assert services.read_verification(changed) is None, position
    for damaged in (token[:-1], token[:20], token + "A", "", "!!!!"):
        assert services.read_verification(damaged) is None
    changed = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    response = client.get(f"/verify/{changed}/")
    assert response.status_code == 404 and "does not verify a letter" in response.content.decode()
    assert client.get(f"/verify/{token}/").status_code == 200


def test_an_expired_token_is_a_clear_404(client, make_user, edition, holder, settings):
    _letter, token = _issued_token(client, make_user, edition, holder)
    days = settings.DEFDAYS_VISA_VERIFY_DAYS
    with time_machine.travel(date.today() + timedelta(days=days - 1)):
        assert client.get(f"/verify/{token}/").status_code == 200
    with time_machine.travel(date.today() + timedelta(days=days + 2)):
        response = client.get(f"/verify/{token}/")
        assert response.status_code == 404 and "does not verify a letter" in response.content.decode()


def test_a_token_of_another_purpose_or_key_does_not_verify(client, make_user, edition, holder, settings):
    letter, token = _issued_token(client, make_user, edition, holder)
    payload = crypto.open_token(token, purpose=services.VERIFY_PURPOSE, max_age=timedelta(days=1))
    assert payload is not None
    assert services.read_verification(crypto.seal_token(payload, purpose="people.email_change")) is None
    old_secret = settings.SECRET_KEY
    settings.SECRET_KEY = "a-rotated-secret-key-" + "x9" * 30
    assert services.read_verification(token) is None  # another key
    settings.SECRET_KEY_FALLBACKS = [old_secret]
    assert services.read_verification(token).reference == letter.reference  # rotation keeps printed letters valid


def test_no_passport_number_or_letter_text_in_a_raw_dump(client, make_user, edition, holder):
    _ask_and_fill(client)
    _issue(make_user, edition, holder)
    assert found_canaries(["AB1234567", "ab 123 4567", "Canaryholder", "CANARY-NATION", "CANARY-CITY"]) == []


def test_only_the_own_editions_travel_team_sees_the_requests(client, make_user, edition, holder):
    _ask_and_fill(client)
    letter = LetterRequest.objects.get(user=holder)
    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser)
    assert client.get(f"/orga/2013/visa-letters/{letter.uid}/").status_code == 403
    team = make_user("travel", edition=edition)
    sign_in(client, team)
    page = client.get(f"/orga/2013/visa-letters/{letter.uid}/").content.decode()
    assert "AB1234567" in page
    assert (
        AuditEvent.objects.filter(action="audit.restricted_read").exists()
        or AuditEvent.objects.filter(action__contains="restricted").exists()
    )


def test_erasure_and_purge_destroy_letters(client, make_user, edition, holder):
    from defdays.visas import personal_data

    _ask_and_fill(client)
    _issue(make_user, edition, holder)
    exported = personal_data.export_for(holder)["visa_letters"][0]
    assert exported["passport_number"] == "AB1234567"
    assert personal_data.purge_edition(edition, dry_run=False) == {"visa letters": 1}
    assert not LetterRequest.objects.exists()
