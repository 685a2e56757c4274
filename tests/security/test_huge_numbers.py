"""A huge number in a staff URL, query or form is a clean 404 or 400, never a 500 (database overflow)."""

import pytest

from tests.security.test_bad_input import assert_clean

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.fixture
def organiser(client_as):
    client = client_as("organiser")
    client.raise_request_exception = False
    return client


def test_the_audit_log_takes_no_account_number_and_a_huge_page_is_the_last(organiser):
    # The log filters by public name now; an account number in the query is ignored, not a database error.
    assert_clean(organiser.get(f"/orga/2013/audit/?actor={HUGE}"), 200)
    assert_clean(organiser.get(f"/orga/2013/audit/?who={HUGE}"), 200)
    assert_clean(organiser.get(f"/orga/2013/audit/?page={HUGE}"), 200)


def test_the_edition_form_refuses_a_year_no_url_can_hold(organiser):
    page = organiser.post("/orga/2013/edition/", {"year": HUGE, "title": "x"})
    assert_clean(page, 400)
    assert_clean(organiser.post("/orga/2013/edition/", {"year": "30000", "title": "x"}), 400)
    assert_clean(organiser.get("/orga/2013/edition/"), 200)  # the edition itself is unchanged


@pytest.mark.parametrize(
    "path",
    [
        "/orga/2013/programme/sessions/{n}/",
        "/orga/2013/programme/rooms/{n}/",
        "/orga/2013/invitations/{n}/resend/",
        "/orga/2013/open-session/{n}/bookings.csv",
        "/2013/schedule/day/{n}/",
    ],
)
def test_huge_ids_in_urls_are_a_404(organiser, path):
    assert_clean(organiser.get(path.format(n=HUGE)), 404)
