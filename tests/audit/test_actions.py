"""One enum names every audit action: the log page filters and hides by these names, so a call site spelling its
own string would slip past the filter (and past the safety team's exclusion) unnoticed."""

import ast
from pathlib import Path

import pytest

from defdays.audit import services as audit
from defdays.audit.models import AuditEvent

SRC = Path(audit.__file__).resolve().parents[1]


def _record_calls():
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and node.args
            ):
                yield path.relative_to(SRC), node.lineno, node.args[0]


def test_no_call_site_names_an_action_by_a_string_of_its_own():
    literal = [
        f"{path}:{line}" for path, line, arg in _record_calls() if isinstance(arg, (ast.Constant, ast.JoinedStr))
    ]
    assert literal == []


@pytest.mark.django_db
def test_record_refuses_a_name_the_enum_does_not_know():
    with pytest.raises(ValueError):
        audit.record("registration.approved")  # the enum's name is "registration.approve"
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_an_enum_member_is_stored_as_its_name():
    event = audit.record(audit.Action.LOGIN)
    assert AuditEvent.objects.filter(action="login").get() == event


def test_every_action_has_a_readable_label():
    """The log page shows labels; an action left out would read as a made-up phrase and stay untranslated."""
    from defdays.audit.labels import ACTION_LABELS

    assert [action.value for action in audit.Action if action not in ACTION_LABELS] == []
    assert len(set(map(str, ACTION_LABELS.values()))) == len(ACTION_LABELS)
