"""Four interface languages: each offered in its own name, Arabic right to left, dates in the reader's language,
emails in the recipient's."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.invitations.helpers import invite

pytestmark = pytest.mark.django_db

OWN_NAMES = {"en": "English", "sv": "Svenska", "ru": "Русский", "ar": "العربية"}


def _page(client, path="/", language="en"):
    return client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.mark.parametrize("language", OWN_NAMES)
def test_the_switch_offers_all_four_languages_each_in_its_own_name(client, edition, language):
    """Whatever the page's language, a reader finds their own by its own name and script."""
    html = _page(client, language=language)
    options = dict(re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', html))
    assert options == OWN_NAMES


def test_choosing_arabic_turns_the_site_right_to_left_in_arabic(client, edition):
    response = client.post(reverse("core:set_language"), {"language": "ar", "next": "/"}, secure=True)
    assert response.status_code == 302
    html = client.get("/", secure=True).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "انتقل إلى المحتوى" in html  # "Skip to content"
    russian = _page(client.__class__(), language="ru")
    assert '<html lang="ru" dir="ltr">' in russian and "Перейти к содержанию" in russian


def test_dates_are_written_in_the_readers_language(client, edition):
    """Russian needs the genitive month after a day number ("4 апреля", not "4 Апрель")."""
    assert "4 April 2013" in _page(client, language="en")
    assert "4 april 2013" in _page(client, language="sv")
    russian = _page(client, language="ru")
    assert "4 апреля 2013" in russian and "Апрель" not in russian
    assert "4 أبريل 2013" in _page(client, language="ar")


@pytest.mark.parametrize(
    ("language", "greeting", "invited"),
    [("ru", "Здравствуйте, Swallow!", "Вы приглашены на"), ("ar", "مرحبًا Swallow،", "أنت مدعو إلى")],
)
def test_an_invitation_goes_out_in_the_invitees_language(edition, language, greeting, invited):
    invite(edition, f"{language}@example.org", language=language)
    body = mail.outbox[-1].body
    assert greeting in body and invited in body
    assert "Hello" not in body and "You are invited" not in body


def test_a_person_who_chose_arabic_gets_account_emails_in_arabic(client, make_user, edition):
    make_user("defender", edition=edition, email="arabic@example.org", language="ar")
    client.post(reverse("accounts:password_reset"), {"email": "arabic@example.org"})
    body = mail.outbox[-1].body
    assert "طلب أحدهم إعادة تعيين كلمة مرور حسابك" in body and "Someone asked" not in body


PHYSICAL = re.compile(
    r"\b(?:margin|padding|border|inset)-(?:left|right)\b|(?<![-\w])(?:left|right)\s*:"
    r"|\b(?:text-align|float|clear)\s*:\s*(?:left|right)\b"
)


def test_every_stylesheet_uses_logical_properties_only():
    """`margin-left` stays on the left in Arabic; `margin-inline-start` follows the reading direction."""
    from pathlib import Path

    import defdays

    sheets = sorted(Path(defdays.__file__).parent.glob("*/static/**/*.css"))
    assert sheets
    found = [
        f"{sheet.name}:{number}: {line.strip()}"
        for sheet in sheets
        for number, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), 1)
        if PHYSICAL.search(line.split("/*")[0])
    ]
    assert found == []
    assert PHYSICAL.search(".x { margin-left: 1rem }") and PHYSICAL.search("td { text-align: right; }")
    assert not PHYSICAL.search(".x { margin-inline-start: 1rem; inset-inline-start: 0; text-align: start }")


def test_typed_names_keep_their_own_direction_on_an_arabic_page(client, edition):
    edition.contact_name = "Ms Kim Matthis"
    edition.save()
    html = _page(client, language="ar")
    assert "<bdi>Ms Kim Matthis</bdi>" in html
    assert '<h1 lang="en" dir="auto">' in html  # the edition's title, not translated: English, its own direction
