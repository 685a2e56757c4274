import pytest

from defdays.core.demo import DemoContext
from defdays.opensession import demo
from defdays.opensession.models import Booking, OpenSession
from defdays.seats.capacity import counts

pytestmark = pytest.mark.django_db


def test_the_demo_is_full_with_a_waitlist_and_idempotent(edition):
    ctx = DemoContext(edition=edition)
    demo.build(ctx)
    demo.build(ctx)
    session = OpenSession.objects.get()
    assert session.starts_at.astimezone(edition.tz).hour == 13 and session.starts_at.date().day == 4
    c = counts(session.capacity)
    assert (c.total, c.confirmed, c.waitlisted, c.cancelled) == (120, 120, 3, 2)
    assert Booking.objects.count() == 125 and not Booking.objects.filter(is_demo=False).exists()
    examples = demo.url_examples(ctx)
    assert examples["opensession:export"] == {"year": 2013, "pk": session.pk}
    assert len(examples["opensession:manage"]["token"]) == 43
