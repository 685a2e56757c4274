"""The fields a person fills in about their own participation have one definition, in registration, which imports
nothing of invitations (the invitation's redeem form builds on it, not the other way round)."""

import ast
from pathlib import Path

import pytest

import defdays
from defdays.invitations.forms import RedeemForm
from defdays.registration.forms import OwnRegistrationForm, ParticipationFields

pytestmark = pytest.mark.django_db


def test_registration_imports_nothing_of_invitations():
    app = Path(defdays.__file__).parent / "registration"
    imported = set()
    for path in app.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert not [name for name in imported if name.startswith("defdays.invitations")]


def test_redeem_and_own_registration_ask_the_same_fields(edition):
    shared = list(ParticipationFields.base_fields)
    for form in (RedeemForm(edition=edition), OwnRegistrationForm(edition=edition)):
        for name in shared:
            assert form.fields[name].label == ParticipationFields.base_fields[name].label
            assert form.fields[name].help_text == ParticipationFields.base_fields[name].help_text
        assert [choice for choice, _label in form.fields["days"].choices] == [d.isoformat() for d in edition.days()]
    assert list(RedeemForm(edition=edition).fields)[:3] == ["public_name", "password1", "password2"]
