"""Edition texts per language (core.multilingual): the reader's language when written, English otherwise, and the
English fallback marked lang="en" so a screen reader reads it with an English voice."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from defdays.core.multilingual import text_for
from defdays.editions.forms import EditionForm
from defdays.editions.models import Edition
from tests.conftest import sign_in
from tests.editions.test_orga_editions import edition_data

pytestmark = pytest.mark.django_db

RU_ABOUT = "Ежегодная конференция для правозащитников из самых репрессивных регионов мира."
AR_TITLE = "أيام المدافعين 2013"


def _translate(edition, **translations):
    edition.translations = translations
    edition.save()
    return edition


def test_the_home_shows_the_readers_language_and_marks_the_english_fallback(client, edition):
    _translate(edition, ru={"description": RU_ABOUT}, ar={"title": AR_TITLE})
    russian = client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert f'<p class="lead" dir="auto">{RU_ABOUT}</p>' in russian
    # Not translated into Russian: the English text, marked as English.
    assert f'<p lang="en" dir="auto">{edition.closed_part_info}</p>' in russian
    assert '<h1 lang="en" dir="auto">Defenders&#x27; Days 2013</h1>' in russian

    arabic = client.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert f'<h1 dir="auto">{AR_TITLE}</h1>' in arabic and RU_ABOUT not in arabic
    assert f"<title>{AR_TITLE} ·" in arabic

    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert RU_ABOUT not in english and AR_TITLE not in english
    assert 'lang="en" dir="auto"' not in english  # the page is English already


def test_an_aim_list_follows_the_language_and_falls_back_whole(edition):
    _translate(edition, sv={"aims": "Första målet\n\nAndra målet"})
    with translation.override("sv"):
        assert edition.aims_list() == ["Första målet", "Andra målet"]
    with translation.override("ru"):
        assert edition.aims_list() == Edition.objects.get(pk=edition.pk).aims_list() != []
        assert text_for(edition, "aims").language == "en"


def test_an_empty_translation_is_no_translation(edition):
    _translate(edition, ru={"description": "   "})
    with translation.override("ru"):
        text = text_for(edition, "description")
    assert (text.text, text.language) == (edition.description, "en")


def test_organisers_write_the_texts_per_language_on_the_edition_form(client, make_user, edition):
    sign_in(client, make_user("organiser", edition=edition))
    url = reverse("editions:orga_edition", kwargs={"year": 2013})
    form_html = client.get(url).content.decode()
    assert 'name="description__ru"' in form_html and 'name="title__ar"' in form_html
    assert 'name="description__en"' not in form_html  # English is the fields themselves
    response = client.post(
        url, edition_data(edition, description__ru=RU_ABOUT, title__ar=f"  {AR_TITLE} ", aims__sv="")
    )
    assert response.status_code == 302
    saved = Edition.objects.get(pk=edition.pk)
    assert saved.translations == {"ru": {"description": RU_ABOUT}, "ar": {"title": AR_TITLE}}
    assert 'value="أيام المدافعين 2013"' in client.get(url).content.decode()  # shown again for editing


def test_the_stored_shape_is_checked(edition):
    edition.translations = {"de": {"title": "Tage"}}
    with pytest.raises(ValidationError):
        edition.full_clean()
    edition.translations = {"ru": {"contact_email": "x@example.org"}}  # not a translated field
    with pytest.raises(ValidationError):
        edition.full_clean()
    edition.translations = {"ru": {"title": 5}}
    with pytest.raises(ValidationError):
        edition.full_clean()
    edition.translations = {"ru": {"title": "Дни защитников"}}
    edition.full_clean()


def test_the_form_never_passes_per_language_fields_as_model_fields(edition):
    form = EditionForm(edition_data(edition, city="Uppsala", description__ru=RU_ABOUT), instance=edition)
    assert form.is_valid(), form.errors
    assert not [name for name in form.cleaned_data if "__" in name]
    assert form.cleaned_data["translations"] == {"ru": {"description": RU_ABOUT}}
