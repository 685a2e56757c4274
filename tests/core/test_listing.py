"""core/listing: one page of a long list, links that keep the other filters, a bounded and parsed selection."""

import uuid

from django.template.loader import render_to_string
from django.test import RequestFactory

from defdays.core.listing import MAX_SELECTED, listing, looks_like_email, search_term, selected_ids


def test_pages_keep_every_other_filter():
    request = RequestFactory().get("/x/", {"status": "approved", "q": "  ro  wan ", "page": "2"})
    found = listing(request, list(range(120)), per_page=50)
    assert list(found.rows) == list(range(50, 100))
    assert found.search == "ro wan" and "page" not in found.keep and "status=approved" in found.keep
    html = render_to_string("core/pagination.html", {"listing": found})
    assert "status=approved" in html and "page=3" in html and "page=1" in html


def test_a_page_out_of_range_is_the_last_page_not_an_error():
    found = listing(RequestFactory().get("/x/", {"page": "999"}), list(range(120)), per_page=50)
    assert found.page.number == 3


def test_search_terms_are_bounded_and_emails_recognised():
    assert len(search_term(RequestFactory().get("/x/", {"q": "a" * 500}))) == 100
    assert looks_like_email("a@example.org") and not looks_like_email("rowan ash")


def test_the_selection_is_parsed_and_bounded():
    good = uuid.uuid4()
    request = RequestFactory().post("/x/", {"selected": [str(good), "nope", "1"]})
    assert selected_ids(request) == [good]
    numbers = RequestFactory().post("/x/", {"selected": ["3", "x", "-1", str(2**40)]})
    assert selected_ids(numbers, parse=int) == [3]
    many = RequestFactory().post("/x/", {"selected": [str(n) for n in range(1, 2000)]})
    assert len(selected_ids(many, parse=int)) == MAX_SELECTED
