"""Session titles and abstracts per language: the programme shows the reader's language, falls back to English
marked lang="en", and the frab exports stay valid and in English (schedule apps read one language)."""

import json

import jsonschema
import pytest
from django.urls import reverse
from lxml import etree

from defdays.programme import services
from defdays.programme.forms import SessionForm
from tests.conftest import sign_in
from tests.programme.conftest import json_events
from tests.programme.test_interop import SCHEMAS

pytestmark = pytest.mark.django_db

AR_TITLE = "لوحة مفتوحة"
AR_ABSTRACT = "نقاش مع المقرر الخاص للأمم المتحدة."
RU_TITLE = "Открытая панель"


def _translated_programme(build_programme, edition):
    built = build_programme(publish=False)
    session = built.sessions["open_panel"]
    session.translations = {"ar": {"title": AR_TITLE, "abstract": AR_ABSTRACT}, "ru": {"title": RU_TITLE}}
    session.abstract = "A discussion with the UN Special Rapporteur."
    session.save()
    services.publish(edition, "First", actor=None, approve_public_names=True)
    return built


def _get(client, name, language, **kwargs):
    response = client.get(reverse(f"programme:{name}", kwargs={"year": 2013, **kwargs}), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_the_programme_shows_titles_in_the_readers_language(client, edition, build_programme):
    built = _translated_programme(build_programme, edition)
    slug = built.sessions["open_panel"].slug

    arabic = _get(client, "schedule", "ar")
    assert f'<span dir="auto">{AR_TITLE}</span>' in arabic
    assert '<span lang="en" dir="auto">Open Chatham Title</span>' in arabic  # not translated: English, marked
    page = _get(client, "session", "ar", slug=slug)
    assert f'<h1 dir="auto">{AR_TITLE}</h1>' in page
    assert f'<div class="abstract" dir="auto"><p>{AR_ABSTRACT}</p></div>' in page

    russian = _get(client, "session", "ru", slug=slug)
    assert f'<h1 dir="auto">{RU_TITLE}</h1>' in russian
    # The abstract is not in Russian: the English one, with its language.
    assert '<div class="abstract" lang="en" dir="auto"><p>A discussion with the UN Special Rapporteur.</p>' in russian

    english = _get(client, "schedule", "en")
    assert "Open Panel Title" in english and AR_TITLE not in english and RU_TITLE not in english


def test_the_exports_stay_valid_and_english(client, edition, build_programme):
    _translated_programme(build_programme, edition)
    schema = json.loads((SCHEMAS / "schedule.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for language in ("ar", "ru", "en"):
        data = json.loads(client.get("/2013/schedule.json", HTTP_ACCEPT_LANGUAGE=language).content)
        assert list(validator.iter_errors(data)) == []
        assert "Open Panel Title" in {e["title"] for e in json_events(data)}
        xml = client.get("/2013/schedule.xml", HTTP_ACCEPT_LANGUAGE=language).content
        assert etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xsd"))).validate(etree.fromstring(xml))
        for body in (json.dumps(data, ensure_ascii=False), xml.decode()):
            assert AR_TITLE not in body and RU_TITLE not in body and "translations" not in body


def test_the_programme_team_writes_translations_on_the_session_form(client, make_user, edition, build_programme):
    built = build_programme(publish=False)
    session = built.sessions["open_panel"]
    sign_in(client, make_user("organiser", edition=edition))
    url = reverse("programme:orga_session", kwargs={"year": 2013, "pk": session.pk})
    html = client.get(url).content.decode()
    assert 'name="title__ar"' in html and 'name="abstract__ru"' in html and 'lang="ar"' in html
    data = {
        name: ("" if value is None else getattr(value, "pk", value))
        for name, value in SessionForm.initial_for(session).items()
        if name != "translations"
    }
    data = {k: v for k, v in data.items() if v is not False}
    data |= {"title__ar": AR_TITLE, "abstract__ar": AR_ABSTRACT, "action": "save", "accept_conflicts": "on"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.translations == {"ar": {"title": AR_TITLE, "abstract": AR_ABSTRACT}}
    assert session.title == "Open Panel Title"
