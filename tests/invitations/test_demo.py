import pytest
from django.test import Client
from django.urls import reverse

from defdays.core.demo import DemoContext
from defdays.invitations import demo
from defdays.invitations.models import Invitation
from defdays.registration.models import Participation

pytestmark = pytest.mark.django_db

OURS = ["editions", "accounts", "invitations", "registration"]


def build():
    """The demo of the apps these depend on plus ours (the full `defdays demo` is the security tests' job)."""
    import importlib

    ctx = DemoContext()
    for app in OURS:
        importlib.import_module(f"defdays.{app}.demo").build(ctx)
    return ctx, "\n".join(ctx.notes)


def test_demo_has_every_state_is_idempotent_and_prints_a_working_link():
    _ctx, first = build()
    counts = (Invitation.objects.count(), Participation.objects.count())
    _ctx, second = build()
    assert (Invitation.objects.count(), Participation.objects.count()) == counts
    states = {invitation.display_status() for invitation in Invitation.objects.all()}
    assert {"sent", "expired", "revoked", "redeemed", "pending"} <= states
    assert set(Participation.objects.values_list("status", flat=True)) >= {
        "registered",
        "approved",
        "declined",
        "checked_in",
        "withdrawn",
    }
    assert Invitation.objects.filter(user__isnull=False).count() == 3
    old_link = next(line.split(": ")[1] for line in first.splitlines() if "/invitation/" in line)
    new_link = next(line.split(": ")[1] for line in second.splitlines() if "/invitation/" in line)
    assert Client().get(old_link).status_code == 404  # each run makes a new token
    assert Client().get(new_link).status_code == 200


def test_url_example_token_answers_the_neutral_page():
    ctx, _notes = build()
    examples = demo.url_examples(ctx)
    response = Client().get(reverse("invitations:redeem", kwargs=examples["invitations:redeem"]))
    assert response.status_code == 404 and b"This link cannot be used" in response.content
