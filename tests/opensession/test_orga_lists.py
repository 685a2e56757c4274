"""Bookings on the organisers' page: a whole address finds its booking, and each session's list pages alone."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_a_whole_address_finds_its_booking(client_as, open_session, sign_up):
    sign_up(email="anna@example.org", name="Anna")
    sign_up(email="cem@example.org", name="Cem")
    mail.outbox.clear()
    client = client_as("organiser")
    found = client.get("/orga/2013/open-session/", {"q": "cem@example.org"}).content.decode()
    assert "Cem" in found and "Anna" not in found
    partial = client.get("/orga/2013/open-session/", {"q": "cem"})
    assert partial.context["search_refused"] and "Anna" in partial.content.decode()


def test_each_sessions_bookings_page_by_their_own_parameter(client_as, open_session, sign_up):
    sign_up(email="anna@example.org", name="Anna")
    client = client_as("organiser")
    response = client.get("/orga/2013/open-session/", {"status": "confirmed", f"page{open_session.pk}": "1"})
    block = response.context["blocks"][0]["bookings"]
    assert block.page_param == f"page{open_session.pk}" and block.keep == "status=confirmed"
