"""Every string of every catalogue is translated, and none is fuzzy: a Swedish, Russian or Arabic page must not
fall back to English half-way through a flow (the email-change pages did). The catalogue is regenerated with
makemessages when branches are merged, so this test reads the .po files as they are in the tree; it needs no
translation tools."""

import ast
import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

LOCALE = Path(__file__).resolve().parents[2] / "src" / "defdays" / "locale"


def _string(line: str) -> str:
    return ast.literal_eval(line.strip())


def entries(path: Path):
    """Yield (msgid, [msgstr ...], fuzzy) for each entry but the header. A small reader for the subset of the
    gettext format makemessages writes: comments, flags, msgctxt, msgid, msgid_plural, msgstr, msgstr[n], and
    continuation lines; obsolete (#~) entries are skipped."""
    entry, field, fuzzy = {}, None, False

    def finish():
        if "msgid" in entry and entry["msgid"] != "":
            strings = [v for k, v in sorted(entry.items()) if k.startswith("msgstr")]
            yield entry["msgid"], strings, fuzzy

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            yield from finish()
            entry, field, fuzzy = {}, None, False
        elif line.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += _string(line)
        else:
            keyword, _space, rest = line.partition(" ")
            if keyword == "msgid" and "msgid" in entry:  # two entries without a blank line between them
                yield from finish()
                entry, fuzzy = {}, False
            field = keyword
            entry[field] = _string(rest)


CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
# Every interface language but the one the code is written in has a catalogue.
TRANSLATED = ["sv", "ru", "ar"]


def test_every_interface_language_has_a_catalogue():
    from django.conf import settings

    assert sorted(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE) == sorted(TRANSLATED)
    for code in TRANSLATED:
        assert LOCALE / code / "LC_MESSAGES" / "django.po" in CATALOGUES, code


def _header(catalogue: Path) -> str:
    """The first block of the file: the header entry with its comments and flags."""
    return catalogue.read_text(encoding="utf-8").split("\n\n", 1)[0]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_plural_has_all_the_forms_of_its_language(catalogue):
    """Russian has three forms for whole numbers (and a fourth, for fractions, in the header gettext writes),
    Arabic six: a plural translated with two forms shows a wrong or empty word for 5 or 11 people. A fuzzy header
    is left out by msgfmt, and the plural rule with it."""
    header = _header(catalogue)
    assert "#, fuzzy" not in header, "the header is marked fuzzy: msgfmt would drop its Plural-Forms"
    expected = int(re.search(r"nplurals=(\d+)", header).group(1))
    for block in catalogue.read_text(encoding="utf-8").split("\n\n")[1:]:
        if "msgid_plural" in block:
            forms = re.findall(r"^msgstr\[(\d+)\]", block, flags=re.MULTILINE)
            assert len(forms) == expected, block[:200]


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_is_the_one_in_the_tree(language):
    """Django reads the .mo, not the .po: a .po translated but not compiled still shows English."""
    from django.utils import translation

    catalogue = LOCALE / language / "LC_MESSAGES" / "django.po"
    singular = [(msgid, strings[0]) for msgid, strings, _fuzzy in entries(catalogue) if len(strings) == 1]
    with translation.override(language):
        stale = [msgid for msgid, msgstr in singular if translation.gettext(msgid) != msgstr]
    assert not stale, f"{len(stale)} strings differ from the compiled catalogue, first: {stale[:5]}"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: p.parts[-3])
def test_no_string_is_left_untranslated_or_fuzzy(catalogue):
    missing = [msgid for msgid, strings, fuzzy in entries(catalogue) if fuzzy or not all(strings)]
    assert not missing, f"{len(missing)} untranslated or fuzzy in {catalogue.parts[-3]}, first: {missing[:5]}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (Debian package gettext)")
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_in_the_code_is_in_the_catalogue(language, tmp_path, monkeypatch):
    """The in-tree .po only knows the strings of its last makemessages: a string added since (the email-change
    flow was one) is in no catalogue and shows in English. So extract again, from a copy of the code, into a copy
    of the catalogue, and read that: every msgid the code uses must have a translation there."""
    package = tmp_path / "defdays"
    shutil.copytree(LOCALE.parent, package, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    monkeypatch.chdir(package)
    with override_settings(LOCALE_PATHS=[str(package / "locale")]):
        call_command("makemessages", locale=[language], verbosity=0, no_obsolete=True, no_wrap=True)
    extracted = package / "locale" / language / "LC_MESSAGES" / "django.po"
    missing = [msgid for msgid, strings, fuzzy in entries(extracted) if fuzzy or not all(strings)]
    assert not missing, f"{len(missing)} strings of the code lack a translation in {language}, first: {missing[:5]}"
    assert os.path.exists(extracted)


def test_the_reader_finds_what_it_must(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: sv\\n"\n\n#, fuzzy\nmsgid "One"\nmsgstr "Ett"\n\n'
        'msgid "Two"\nmsgstr ""\n\nmsgid "Th"\n"ree"\nmsgstr "Tr"\n"e"\n\n'
        'msgid "a day"\nmsgid_plural "days"\nmsgstr[0] "en dag"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    found = {msgid: (strings, fuzzy) for msgid, strings, fuzzy in entries(po)}
    assert found == {
        "One": (["Ett"], True),
        "Two": ([""], False),
        "Three": (["Tre"], False),
        "a day": (["en dag", ""], False),
    }
