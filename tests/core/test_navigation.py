"""Navigation asks each target view's own access rule: a link is shown exactly when its page would open."""

import pytest
from django.test import RequestFactory
from django.urls import resolve, reverse

from defdays.core import navigation
from defdays.core.access import ORGANISERS, rule_of
from defdays.programme import orga_views
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def orga_cards(client):
    page = client.get(reverse("editions:orga_home", kwargs={"year": 2013}))
    assert page.status_code == 200
    return {card["url"] for card in page.context["orga_cards"]}


def test_a_link_follows_its_view_rule_when_the_rule_changes(client_as, monkeypatch):
    client = client_as("programme")
    programme_url = reverse("programme:orga_overview", kwargs={"year": 2013})
    assert programme_url in orga_cards(client)
    monkeypatch.setattr(orga_views.overview, "access_rule", ORGANISERS)
    assert client.get(programme_url).status_code == 403
    assert programme_url not in orga_cards(client)


@pytest.mark.parametrize("role", ["organiser", "programme", "safety", "jury", "defender", None])
def test_every_link_shown_opens_and_every_link_left_out_would_not(client, make_user, edition, role):
    if role:
        sign_in(client, make_user(role, edition=edition))
    request = RequestFactory().get("/")
    request.user = client.get("/").wsgi_request.user
    for area in ("main", "orga", "me"):
        shown = {link["url"] for link in navigation.items_for(request, edition, area=area)}
        for item in navigation._ITEMS:
            if item.area != area or item.visible is not None:
                continue
            url = reverse(item.url_name, kwargs={"year": edition.year} if item.needs_edition else None)
            request.edition = edition
            assert (url in shown) is rule_of(resolve(url).func).allows(request), (role, url)
