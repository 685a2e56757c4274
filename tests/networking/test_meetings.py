"""Meeting requests: refused like an unknown person whenever the person is not there for the sender; emails that
say only that something waits; accepted meetings in the agenda and the private feed."""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from defdays.networking import selectors, services
from defdays.networking.models import MeetingRequest, RequestStatus
from defdays.programme import services as programme
from defdays.registration.models import ParticipationStatus as S
from tests.conftest import sign_in
from tests.networking.conftest import page_text

pytestmark = pytest.mark.django_db


def own_uid(user, edition):
    return selectors.own_profile(user, edition).uid


def ask(client, profile_uid, slot, point, year=2013, note="Let us talk about Quokka"):
    return client.post(
        reverse("networking:request_create", kwargs={"year": year, "uid": profile_uid}),
        {"slot": slot.pk, "point": point.pk, "note": note},
    )


def test_a_request_to_oneself_a_blocked_an_unlisted_or_a_foreign_person_is_refused_like_an_unknown_one(
    client, people, edition, other_edition, places
):
    (slot, _later), point = places
    sender = people(name="Sender Swift")
    blocker = people(name="Blocker Bee")
    services.person_block(user=blocker, edition=edition, profile_uid=own_uid(sender, edition))
    unlisted = people(name="Unlisted Umbra", listed=False)
    pending = people(name="Pending Puffin", status=S.REGISTERED)
    foreign = people(name="Elsewhere Egret", edition=other_edition)
    sign_in(client, sender)
    unknown = ask(client, uuid.uuid4(), slot, point)
    assert unknown.status_code == 404
    for target in (
        own_uid(sender, edition),
        own_uid(blocker, edition),
        own_uid(unlisted, edition),
        own_uid(pending, edition),
        own_uid(foreign, other_edition),
    ):
        refused = ask(client, target, slot, point)
        assert (refused.status_code, page_text(refused)) == (404, page_text(unknown))
    # Across editions through the other edition's URL too: the sender is nobody there.
    refused = ask(client, own_uid(foreign, other_edition), slot, point, year=2014)
    assert refused.status_code in (403, 404)
    assert MeetingRequest.objects.count() == 0 and mail.outbox == []


def test_the_service_refuses_the_same_way(people, edition, places):
    (slot, _later), point = places
    sender = people(name="Sender Swift")
    for target in (own_uid(sender, edition), uuid.uuid4()):
        with pytest.raises(services.NotFound):
            services.request_create(
                sender=sender, edition=edition, profile_uid=target, slot_id=slot.pk, point_id=point.pk
            )


def test_no_email_carries_a_name_a_time_or_a_place(client, people, edition, places):
    (slot, later), point = places
    sender = people(name="Sender Swiftlet")
    recipient = people(name="Recipient Robin")
    sign_in(client, sender)
    assert ask(client, own_uid(recipient, edition), slot, point).status_code == 302
    meeting = MeetingRequest.objects.get()
    sign_in(client, recipient)
    request_url = reverse("networking:request", kwargs={"year": 2013, "uid": meeting.uid})
    page = client.get(request_url).content.decode()
    assert "Sender Swiftlet" in page and "Table Zanzibar" in page and "Quokka" in page
    client.post(request_url, {"action": "accept"})
    sign_in(client, sender)
    client.post(request_url, {"action": "cancel"})
    assert len(mail.outbox) == 3
    forbidden = ["Swiftlet", "Robin", "Zanzibar", "Quokka", "12:00", "12:30", "13:00", "14:00"]
    day = slot.starts_at.astimezone(edition.tz)
    forbidden += [day.strftime("%d %B"), day.strftime("%-d %B"), day.strftime("%B"), day.date().isoformat()]
    for message in mail.outbox:
        text = " ".join([message.subject, message.body, *(body for body, _type in message.alternatives)])
        assert [word for word in forbidden if word.lower() in text.lower()] == []
        assert reverse("networking:home", kwargs={"year": 2013}) in message.body
    assert {m.to[0] for m in mail.outbox} == {recipient.email, sender.email}


def test_accept_decline_cancel_and_one_meeting_per_person_and_slot(people, edition, places):
    (slot, later), point = places
    a, b, c = people(name="Avocet"), people(name="Bittern"), people(name="Curlew")

    def request(sender, recipient, when=slot):
        return services.request_create(
            sender=sender, edition=edition, profile_uid=own_uid(recipient, edition), slot_id=when.pk, point_id=point.pk
        )

    first = request(a, b)
    with pytest.raises(services.Refused):
        request(b, a)  # the same pair and time is already asked
    with pytest.raises(services.NotFound):
        services.request_answer(user=a, edition=edition, uid=first.uid, accept=True)  # only the recipient answers
    services.request_answer(user=b, edition=edition, uid=first.uid, accept=True)
    second = request(c, b)
    with pytest.raises(services.Refused):
        services.request_answer(user=b, edition=edition, uid=second.uid, accept=True)  # b is busy then
    services.request_answer(user=b, edition=edition, uid=second.uid, accept=False)
    services.request_cancel(user=b, edition=edition, uid=first.uid)
    statuses = dict(MeetingRequest.objects.values_list("pk", "status"))
    assert statuses == {first.pk: RequestStatus.CANCELLED, second.pk: RequestStatus.DECLINED}
    with pytest.raises(services.NotFound):
        services.request_cancel(user=c, edition=edition, uid=first.uid)  # not theirs: not found


def test_blocking_calls_off_open_requests_and_stops_new_ones(people, edition, places):
    (slot, _later), point = places
    a, b = people(name="Avocet"), people(name="Bittern")
    meeting = services.request_create(
        sender=b, edition=edition, profile_uid=own_uid(a, edition), slot_id=slot.pk, point_id=point.pk
    )
    services.person_block(user=a, edition=edition, profile_uid=own_uid(b, edition))
    meeting.refresh_from_db()
    assert meeting.status == RequestStatus.CANCELLED
    assert selectors.request_for(b, edition, meeting.uid) is None


def test_accepted_meetings_show_in_the_agenda_and_in_the_feed_without_the_name(
    client, people, edition, places, build_programme
):
    build_programme()
    (slot, _later), point = places
    me, other = people(name="Agenda Owl"), people(name="Feed Falcon")
    meeting = services.request_create(
        sender=other, edition=edition, profile_uid=own_uid(me, edition), slot_id=slot.pk, point_id=point.pk
    )
    sign_in(client, me)
    agenda = reverse("programme:agenda", kwargs={"year": 2013})
    assert "Feed Falcon" not in client.get(agenda).content.decode()  # pending: not yet in the agenda
    services.request_answer(user=me, edition=edition, uid=meeting.uid, accept=True)
    page = client.get(agenda).content.decode()
    assert "Meeting with Feed Falcon" in page and "Table Zanzibar" in page
    token = programme.rotate_feed(me, edition)
    feed = client.get(reverse("programme:agenda_feed", kwargs={"token": token})).content.decode()
    assert f"meeting-{meeting.uid}@defdays" in feed and "Table Zanzibar" in feed
    assert "Falcon" not in feed
    assert re.search(r"DTSTART:\d{8}T\d{6}Z", feed)
    services.request_cancel(user=other, edition=edition, uid=meeting.uid)
    assert (
        f"meeting-{meeting.uid}"
        not in client.get(reverse("programme:agenda_feed", kwargs={"token": token})).content.decode()
    )
