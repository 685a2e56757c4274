"""Staff-written text in several languages, with the site's default language (English) as the fallback.

One shape for every app: a model keeps its default-language text in its ordinary fields and the other languages
in one `TranslationsField`, `{"ru": {"title": "..."}, "ar": {...}}`. `text_for` picks the viewer's language and
says which language it returned, so a template can mark English fallback text with `lang="en"` and a screen
reader switches voice instead of reading English with a Russian or Arabic voice. Forms take the other languages
through `TranslationsFormMixin`. Editions and programme sessions use it; news posts and the report summary can
declare their fields the same way.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


def other_languages() -> list[tuple[str, str]]:
    """The languages a text can be written in besides the default one, as (code, name in that language)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _base(code: str | None) -> str:
    return (code or settings.LANGUAGE_CODE).split("-")[0]


@dataclass(frozen=True)
class LocalText:
    """A text and the language it is written in; `attrs` is what its element needs: `dir="auto"` always (staff
    type Latin names into Arabic text and the reverse), `lang` when it is not the page's language."""

    text: str
    language: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def is_fallback(self) -> bool:
        return self.language != _base(get_language())

    @property
    def attrs(self) -> SafeString:
        if self.is_fallback:
            return format_html(' lang="{}" dir="auto"', self.language)
        return mark_safe(' dir="auto"')

    def inline(self) -> SafeString:
        """The text in a `<span>` carrying `attrs`, for use inside a sentence, a heading or a link."""
        return format_html("<span{}>{}</span>", self.attrs, self.text)


def text_for(source, field: str, language: str | None = None) -> LocalText:
    """`source`'s `field` in `language` (default: the active one), or its default-language text. `source` is a model
    instance or a plain dict (a published programme snapshot keeps sessions as dicts)."""
    if isinstance(source, dict):
        base, translations = source.get(field, ""), source.get("translations") or {}
    else:
        base, translations = getattr(source, field, ""), getattr(source, "translations", None) or {}
    code = _base(language or get_language())
    if code != settings.LANGUAGE_CODE:
        text = (translations.get(code) or {}).get(field, "")
        if isinstance(text, str) and text.strip():
            return LocalText(text, code)
    return LocalText(base or "", settings.LANGUAGE_CODE)


def validate_translations(value, fields: tuple[str, ...]) -> None:
    """Only the declared fields, only the site's other languages, only text: a stray key would be shown nowhere
    and a wrong type would break every page that shows the object. The forms only build valid shapes, so these
    messages reach a developer, not a reader, and stay untranslated."""
    if not isinstance(value, dict):
        raise ValidationError("Translations must be a mapping of language to texts.")
    languages = dict(other_languages())
    for code, texts in value.items():
        if code not in languages or not isinstance(texts, dict):
            raise ValidationError("Unknown language: %(code)s", params={"code": code})
        for name, text in texts.items():
            if name not in fields or not isinstance(text, str):
                raise ValidationError("Unknown translated field: %(name)s", params={"name": name})


class TranslationsField(models.JSONField):
    """The other languages' texts of the model's `fields`; empty when nothing is translated."""

    def __init__(self, *args, fields: tuple[str, ...] = (), **kwargs):
        self.translated_fields = tuple(fields)
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["fields"] = self.translated_fields
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        validate_translations(value, self.translated_fields)


def compact(translations: dict) -> dict:
    """Drop empty texts and languages left with none, so "no translation" has one shape."""
    kept = {}
    for code, texts in translations.items():
        filled = {name: text.strip() for name, text in texts.items() if text and text.strip()}
        if filled:
            kept[code] = filled
    return kept


class TranslationsFormMixin:
    """Adds one optional field per translated field and other language, named `<field>__<code>`, after the form's
    own fields, labelled with the field's label and the language's own name. `translated_fields` maps each field to
    its form field's maximum length (None for a long text). `translations()` gives the value for the model."""

    translated_fields: dict[str, int | None] = {}

    def add_translation_fields(self, initial: dict | None = None) -> None:
        initial = initial or {}
        for code, language_name in other_languages():
            for name, max_length in self.translated_fields.items():
                own = self.fields.get(name)
                label = f"{own.label if own else name} ({language_name})"
                widget = (
                    forms.Textarea(attrs={"rows": 3, "lang": code, "dir": "auto"})
                    if max_length is None
                    else forms.TextInput(attrs={"lang": code, "dir": "auto"})
                )
                self.fields[f"{name}__{code}"] = forms.CharField(
                    label=label, required=False, max_length=max_length, widget=widget, strip=True
                )
                self.initial.setdefault(f"{name}__{code}", (initial.get(code) or {}).get(name, ""))

    def translations(self) -> dict:
        data = self.cleaned_data
        return compact(
            {
                code: {name: data.get(f"{name}__{code}", "") for name in self.translated_fields}
                for code, _name in other_languages()
            }
        )

    def pop_translations(self, cleaned: dict) -> dict:
        """`translations()`, taking the per-language entries out of `cleaned` (for a form whose cleaned data
        goes to the service as model fields)."""
        found = self.translations()
        for code, _name in other_languages():
            for name in self.translated_fields:
                cleaned.pop(f"{name}__{code}", None)
        return found
