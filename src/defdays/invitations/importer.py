"""Reading and checking an invitation CSV. The web import, the CLI and the benchmark all go through here.

Checks every row before anything is written; the report names row, field and a reason code, never a value.
Cells that look like spreadsheet formulas (=, +, -, @, tab, CR first) are refused, not silently changed:
the organiser fixes the source so what we store is what they meant.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from defdays.core.crypto import email_index, normalise_email
from defdays.core.spreadsheets import starts_like_formula
from defdays.core.validators import invisible_characters, validate_email_address
from defdays.invitations import pgp
from defdays.invitations.models import Invitation, InvitationRole, InvitationStatus

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000

# Accepted spellings of each column (compared lowercased, with spaces, dashes and underscores unified).
COLUMNS = {
    "public_name": {"public name", "name", "public_name"},
    "email": {"email", "e-mail", "email address"},
    "role": {"role"},
    "language": {"language", "lang"},
    "pgp_key": {"openpgp public key", "openpgp key", "pgp key", "pgp public key", "openpgp", "pgp_key"},
    "note": {"internal note", "note", "notes", "internal_note"},
}
REQUIRED = ("public_name", "email", "role")

COLUMN_LABELS = {
    "public_name": _("public name"),
    "email": _("email"),
    "role": _("role"),
    "language": _("language"),
    "pgp_key": _("OpenPGP public key"),
    "note": _("internal note"),
    "row": _("whole row"),
}

REASONS = {
    "required": _("This cell is empty but required."),
    "bad_email": _("Not a valid email address."),
    "unknown_role": _("Unknown role: use defender, stakeholder or speaker."),
    "unknown_language": _("Unknown language code."),
    "duplicate_in_file": _("The same email appears in an earlier row."),
    "already_invited": _("This email already has a live invitation for this edition."),
    "bad_key": _("Not an OpenPGP public key that can receive encrypted mail."),
    "formula": _("The cell starts like a spreadsheet formula (=, +, -, @); it was refused."),
    "too_long": _("The cell is too long."),
    "extra_cells": _("The row has more cells than the header."),
    "invisible": _(
        "The cell holds invisible or direction-changing characters; they can make one name look like another."
    ),
}


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in words for the organiser."""


def _column_key(title: str) -> str | None:
    norm = " ".join(title.strip().lower().replace("_", " ").replace("-", " ").split())
    for key, spellings in COLUMNS.items():
        if norm in {" ".join(s.replace("-", " ").split()) for s in spellings}:
            return key
    return None


@dataclass
class ParsedFile:
    columns: list[str]  # our keys, in file order
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)


def decode(content: bytes) -> str:
    if len(content) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(mb)d MB. Split it into smaller files.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if b"\x00" in content:
        raise ImportFileError(_("This is not a text CSV file. Save it as CSV (UTF-8) and try again."))
    try:
        return content.decode("utf-8-sig")  # strips a byte-order mark if a spreadsheet wrote one
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")) from None


def parse(text: str) -> ParsedFile:
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in many locales write semicolons; take whichever separator the header uses most.
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise ImportFileError(_("The file is empty."))
        keys = [_column_key(cell) for cell in header]
        missing = [name for name in REQUIRED if name not in keys]
        unknown = [cell.strip()[:40] for cell, key in zip(header, keys) if key is None and cell.strip()]
        if missing or unknown or len(set(k for k in keys if k)) != len([k for k in keys if k]):
            raise ImportFileError(
                _(
                    "The first line must name the columns: public name, email, role, language, OpenPGP public key, "
                    "internal note (the last three are optional). Missing: %(missing)s. Not understood: %(unknown)s."
                )
                % {"missing": ", ".join(missing) or "-", "unknown": ", ".join(unknown) or "-"}
            )
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(n)d rows. Split it into smaller files.") % {"n": MAX_ROWS}
                )
    except csv.Error:
        raise ImportFileError(_("The file is not a well-formed CSV file (check the quotes).")) from None
    return ParsedFile(columns=keys, rows=rows)


def read(content: bytes) -> ParsedFile:
    return parse(decode(content))


@dataclass
class CleanRow:
    row: int
    public_name: str
    email: str
    role: str
    language: str
    pgp_key: str
    note: str


@dataclass
class Validation:
    total: int = 0
    valid: list[CleanRow] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)  # {"row": n, "field": key, "reason": code}


LIMITS = {"public_name": 100, "email": 254, "note": 2000, "pgp_key": pgp.MAX_KEY_CHARS}


def validate(edition, parsed: ParsedFile, *, progress=None, every=250) -> Validation:
    """Check every row; `progress(done, total)` is called every `every` rows and at the end."""
    languages = {code for code, _name in settings.LANGUAGES}
    roles = set(InvitationRole.values)
    taken = set(
        Invitation.objects.filter(edition=edition, email_index__isnull=False)
        .exclude(status=InvitationStatus.REVOKED)
        .values_list("email_index", flat=True)
    )
    seen: dict[str, int] = {}
    result = Validation(total=len(parsed.rows))
    with pgp.throwaway_keyring() as gpg:
        for done, (number, cells) in enumerate(parsed.rows, start=1):
            errors = []
            values = {key: "" for key in COLUMNS}
            for key, cell in zip(parsed.columns, cells):
                if key:
                    values[key] = cell if key == "pgp_key" else cell.strip()
            if len(cells) > len(parsed.columns) and any(c.strip() for c in cells[len(parsed.columns) :]):
                errors.append(("row", "extra_cells"))
            for key, limit in LIMITS.items():
                if len(values[key]) > limit:
                    errors.append((key, "too_long"))
                    values[key] = ""
            for key in ("public_name", "note", "language", "role", "email"):
                raw = [c for k, c in zip(parsed.columns, cells) if k == key]
                if raw and starts_like_formula(raw[0]) or starts_like_formula(values[key]):
                    errors.append((key, "formula"))
                    values[key] = ""
            for key in ("public_name", "email"):
                if invisible_characters(values[key]):
                    errors.append((key, "invisible"))
                    values[key] = ""
            for key in REQUIRED:
                if not values[key] and not any(f == key for f, _r in errors):
                    errors.append((key, "required"))
            email = normalise_email(values["email"])
            if values["email"]:
                try:
                    validate_email_address(email)
                except ValidationError:
                    errors.append(("email", "bad_email"))
                else:
                    index = email_index(email)
                    if index in seen:
                        errors.append(("email", "duplicate_in_file"))
                    elif index in taken:
                        errors.append(("email", "already_invited"))
                    else:
                        seen[index] = number
            role = values["role"].lower()
            if values["role"] and role not in roles:
                errors.append(("role", "unknown_role"))
            language = values["language"].lower() or "en"
            if language not in languages:
                errors.append(("language", "unknown_language"))
            key_text = values["pgp_key"].strip()
            if key_text and not pgp.check_key(key_text, gpg):
                errors.append(("pgp_key", "bad_key"))
            if errors:
                result.errors.extend({"row": number, "field": f, "reason": r} for f, r in errors)
            else:
                result.valid.append(
                    CleanRow(
                        number, values["public_name"], values["email"].strip(), role, language, key_text, values["note"]
                    )
                )
            if progress and (done % every == 0 or done == result.total):
                progress(done, result.total)
    return result
