"""The open session's page and emails in the reader's language, English (marked) where nothing is written."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

AR_TITLE = "الجلسة المفتوحة"


def test_the_open_session_page_speaks_the_readers_language(client, open_session):
    open_session.translations = {"ar": {"title": AR_TITLE}}
    open_session.save()
    arabic = client.get("/2013/open-session/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert f'dir="auto">{AR_TITLE}</h2>' in arabic
    assert '<p lang="en" dir="auto">Panel and presentations.</p>' in arabic  # not written in Arabic
    english = client.get("/2013/open-session/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert AR_TITLE not in english and 'dir="auto">The open session</h2>' in english


def test_the_confirmation_email_names_the_session_in_the_bookers_language(open_session, sign_up):
    open_session.translations = {"ar": {"title": AR_TITLE}}
    open_session.save()
    sign_up(email="ar@example.org", language="ar", confirm=False)
    body = mail.outbox[-1].body
    assert f"«{AR_TITLE}»" in body or AR_TITLE in body
    assert "The open session" not in body
