"""The participant list scales: search, paging, and approving or declining many through one confirmation."""

import pytest
from django.urls import reverse

from defdays.audit.models import AuditEvent
from defdays.people.services import set_hidden
from defdays.registration import services
from defdays.registration.models import Participation, ParticipationStatus

pytestmark = pytest.mark.django_db
S = ParticipationStatus
URL = reverse("registration:participants", kwargs={"year": 2013})
BULK = reverse("registration:bulk_decide", kwargs={"year": 2013})


@pytest.fixture
def participate(edition, make_user):
    def make(name, status=S.REGISTERED, role="defender"):
        user = make_user(role, edition=edition, public_name=name, email=f"{name.lower().replace(' ', '.')}@example.org")
        participation = services.register(
            user, edition, role, days=[edition.main_day], code_of_conduct_version="1", photo_policy_version="1"
        )
        Participation.objects.filter(pk=participation.pk).update(status=status)
        participation.refresh_from_db()
        return participation

    return make


def test_search_by_part_of_a_name_or_a_whole_address(client_as, participate):
    participate("Rowan Ash")
    participate("Willow Oak")
    client = client_as("organiser")
    by_name = client.get(URL, {"q": "rowan"}).content.decode()
    assert "Rowan Ash" in by_name and "Willow Oak" not in by_name
    by_address = client.get(URL, {"q": "willow.oak@example.org"}).content.decode()
    assert "Willow Oak" in by_address and "Rowan Ash" not in by_address
    # A part of an address finds nothing: addresses are sealed and only found whole.
    assert "Willow Oak" not in client.get(URL, {"q": "willow.oak@example"}).content.decode()


def test_the_list_is_paged_and_keeps_its_filters(client_as, participate):
    for n in range(60):
        participate(f"Person {n:02d}")
    participate("Stake Holder", role="stakeholder")
    client = client_as("organiser")
    first = client.get(URL, {"role": "defender"})
    assert first.context["listing"].page.paginator.count == 60
    assert len(first.context["rows"]) == 50
    text = first.content.decode()
    assert "role=defender&amp;page=2" in text
    second = client.get(URL, {"role": "defender", "page": 2})
    assert len(second.context["rows"]) == 10


def test_bulk_approval_asks_first_then_approves_only_what_may_be_approved(client_as, participate):
    pending = [participate("Alder"), participate("Birch")]
    withdrawn = participate("Cedar", status=S.WITHDRAWN)
    hidden = participate("Hazel")
    set_hidden(hidden.user, True, actor=hidden.user)
    client = client_as("organiser")
    chosen = [str(p.uid) for p in [*pending, withdrawn, hidden]] + ["not-a-uuid"]

    asked = client.post(BULK, {"step": "approve", "selected": chosen})
    assert asked.status_code == 200
    text = asked.content.decode()
    assert "Alder" in text and "Birch" in text and "Hazel" not in text and 'name="confirm"' in text
    assert not Participation.objects.filter(status=S.APPROVED).exists()  # nothing happened yet

    done = client.post(BULK, {"step": "approve", "selected": chosen, "confirm": "yes"})
    assert done.status_code == 302
    statuses = dict(Participation.objects.values_list("user__public_name", "status"))
    assert statuses == {"Alder": S.APPROVED, "Birch": S.APPROVED, "Cedar": S.WITHDRAWN, "Hazel": S.REGISTERED}
    assert AuditEvent.objects.filter(action="registration.approve").count() == 2


def test_bulk_decline_of_another_editions_participants_does_nothing(client_as, participate, make_user):
    from defdays.editions.models import Edition
    from tests.factories import EditionFactory

    other = EditionFactory(year=2014)
    user = make_user("defender", edition=other, public_name="Elsewhere")
    theirs = services.register(
        user, other, "defender", days=[other.main_day], code_of_conduct_version="1", photo_policy_version="1"
    )
    client = client_as("organiser")
    client.post(BULK, {"step": "decline", "selected": [str(theirs.uid)], "confirm": "yes"})
    theirs.refresh_from_db()
    assert theirs.status != S.DECLINED and Edition.objects.count() == 2
