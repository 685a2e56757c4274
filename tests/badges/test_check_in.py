"""The check-in desk: a badge code in, the public name, the photo marker and "approved today" out; idempotent;
another edition's code refused like an unknown one; every scan audited; per-training check-in for seat holders."""

import pytest
from django.urls import reverse

from defdays.audit.models import AuditEvent
from defdays.badges import services
from defdays.badges.models import DayCheckIn, TrainingCheckIn
from defdays.programme import seats
from defdays.registration.models import ParticipationStatus, PhotoConsent
from tests.badges.conftest import code_of
from tests.factories import EditionFactory
from tests.programme.conftest import build_programme  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def desk_url(edition):
    return reverse("badges:check_in", kwargs={"year": edition.year})


def test_first_scan_checks_in_and_a_second_says_so(edition, participant, client_as, on_2_april):
    person = participant()
    desk = client_as("volunteer")
    code = code_of(person)
    first = desk.post(desk_url(edition), {"code": code.lower()})
    assert first.status_code == 200
    assert "Checked in" in first.content.decode()
    person.refresh_from_db()
    assert person.status == ParticipationStatus.CHECKED_IN
    second = desk.post(desk_url(edition), {"code": services.spaced(code)})
    assert "Already checked in today" in second.content.decode()
    assert DayCheckIn.objects.filter(participation=person).count() == 1
    actions = list(AuditEvent.objects.filter(action__startswith="badges.").values_list("action", flat=True))
    assert sorted(actions) == ["badges.checked_in", "badges.scan_repeated"]
    assert AuditEvent.objects.filter(action="registration.check_in").count() == 1


def test_the_desk_shows_name_marker_and_today_and_nothing_restricted(edition, participant, client_as, on_2_april):
    person = participant(consent=PhotoConsent.NONE)
    desk = client_as("volunteer")
    page = desk.post(desk_url(edition), {"code": code_of(person)}).content.decode()
    assert "Ana Canary" in page
    assert "No photos" in page
    assert "Approved for today." in page
    for restricted in ("ACCESS-NEEDS-CANARY", person.user.email, str(person.uid), "Defender (closed part)"):
        assert restricted not in page


def test_the_volunteer_sees_no_restricted_field_on_any_page_they_may_open(edition, participant, client_as, on_2_april):
    from defdays.core.access import iter_url_rules

    person = participant()
    code = code_of(person)
    desk = client_as("volunteer")
    desk.post(desk_url(edition), {"code": code})
    pages = [desk.post(desk_url(edition), {"code": code}), desk.get(desk_url(edition)), desk.get("/me/")]
    for route, _name, _view, _rule in iter_url_rules():
        path = "/" + route.replace("<year:year>", str(edition.year))
        if "<" in path or "logout" in path or "sign-out" in path:
            continue
        pages.append(desk.get(path))
    for orga_page in ("badges:batches", "registration:participants", "registration:export"):
        response = desk.get(reverse(orga_page, kwargs={"year": edition.year}))
        assert response.status_code == 403
    for response in pages:
        body = response.content.decode(errors="replace")
        for restricted in ("ACCESS-NEEDS-CANARY", person.user.email, code):
            assert restricted not in body, (response.request["PATH_INFO"], restricted)


def test_a_code_of_another_edition_is_refused_like_an_unknown_code(edition, participant, client_as, on_2_april):
    other = EditionFactory(year=2014)
    elsewhere = participant("Bo Elsewhere", in_edition=other, days=("2014-04-02",))
    desk = client_as("volunteer")
    theirs = desk.post(desk_url(edition), {"code": code_of(elsewhere)}).content.decode()
    unknown = desk.post(desk_url(edition), {"code": "ZZZZ-ZZZZ-ZZZZ"}).content.decode()
    assert "Unknown code" in theirs and "Unknown code" in unknown
    assert "Bo Elsewhere" not in theirs
    assert not DayCheckIn.objects.exists()
    assert AuditEvent.objects.filter(action="badges.scan_refused").count() == 2


def test_not_approved_or_not_registered_for_today_is_not_checked_in(edition, participant, client_as, on_2_april):
    pending = participant("Pending Person", status=ParticipationStatus.REGISTERED)
    later = participant("Later Person", days=("2013-04-04",))
    desk = client_as("volunteer")
    for person in (pending, later):
        page = desk.post(desk_url(edition), {"code": code_of(person)}).content.decode()
        assert "Not approved for this day" in page
        assert "Not approved for today." in page
    assert not DayCheckIn.objects.exists()


def test_a_hidden_person_is_unknown_at_the_desk(edition, participant, client_as, make_user, on_2_april):
    from defdays.people import services as people

    person = participant()
    code = code_of(person)
    people.set_hidden(person.user, True, actor=make_user("safety", edition=edition), edition=edition)
    page = client_as("volunteer").post(desk_url(edition), {"code": code}).content.decode()
    assert "Unknown code" in page and "Ana Canary" not in page


def test_the_desk_works_without_javascript_on_a_plain_form(edition, client_as):
    page = client_as("volunteer").get(desk_url(edition)).content.decode()
    assert '<form method="post"' in page and 'name="code"' in page
    assert "<script" not in page.split("<main", 1)[-1].split("</main>", 1)[0]


@pytest.fixture
def training(build_programme):  # noqa: F811
    session = build_programme().sessions["closed_training"]
    session.refresh_from_db()
    return session


def test_training_check_in_is_for_seat_holders_and_idempotent(edition, participant, client_as, training, on_2_april):
    holder, other = participant("Seat Holder"), participant("No Seat")
    seats.book(holder.user, training)
    desk = client_as("volunteer")
    chosen = {"training": str(training.uid)}
    assert (
        "Checked in to the training"
        in desk.post(desk_url(edition), {"code": code_of(holder), **chosen}).content.decode()
    )
    again = desk.post(desk_url(edition), {"code": code_of(holder), **chosen}).content.decode()
    assert "Already checked in to this training" in again
    refused = desk.post(desk_url(edition), {"code": code_of(other), **chosen}).content.decode()
    assert "No seat in this training" in refused
    assert list(TrainingCheckIn.objects.values_list("participation", flat=True)) == [holder.pk]
    assert AuditEvent.objects.filter(action="badges.training_checked_in").count() == 1


def test_bad_input_at_the_desk(edition, client_as, on_2_april):
    desk = client_as("volunteer")
    assert desk.post(desk_url(edition), {"code": ""}).status_code == 400
    for junk in ("x" * 40, "'; DROP TABLE", "١٢٣٤٥٦٧٨٩٠١٢", "1"):
        response = desk.post(desk_url(edition), {"code": junk})
        assert response.status_code == 200 and "Unknown code" in response.content.decode()
    assert desk.post(desk_url(edition), {"code": "ABCD", "training": "not-a-training"}).status_code == 400


def test_the_dashboard_counts_check_ins_by_day_and_names_nobody(edition, participant, client_as, make_user, on_2_april):
    person = participant("Dashboard Canary")
    services.scan(edition=edition, code=code_of(person), actor=make_user("volunteer", edition=edition))
    page = client_as("organiser").get(reverse("editions:orga_home", kwargs={"year": edition.year})).content.decode()
    assert "Check-ins by day" in page and "Dashboard Canary" not in page
