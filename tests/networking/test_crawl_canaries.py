"""Every URL as every role (tests/security/crawl.py): an unlisted participant's profile text never shows; a listed
one only to the listed, approved closed-part participant of the edition (the demo defender), never to the
approved but unlisted speaker, the not yet approved stakeholder, staff or the public."""

import pytest

from defdays.networking import selectors, services
from tests.security.crawl import ROLE_KEYS, build_demo, client_for, concrete_urls

pytestmark = pytest.mark.django_db

UNLISTED, LISTED = "canary-unlisted-9c4b", "canary-listed-9c4b"


def _write(user, edition, *, listed, about):
    services.profile_save(
        user=user, edition=edition, listed=listed, languages="English", areas="Media", about=about, country=about
    )


def test_profiles_show_to_listed_approved_participants_of_the_edition_only():
    from defdays.accounts.demo import DEMO_ACCOUNTS, DEMO_PARTICIPANTS
    from defdays.accounts.models import User
    from defdays.editions.models import Edition

    build_demo()
    edition = Edition.objects.get(year=2013)
    users = {key: User.objects.find_by_email(email) for key, email, *_ in DEMO_ACCOUNTS + DEMO_PARTICIPANTS}
    _write(users["speaker"], edition, listed=False, about=UNLISTED)  # approved, but not listed
    _write(users["defender-1"], edition, listed=True, about=LISTED)  # checked in and listed
    assert selectors.own_profile(users["defender"], edition).listed  # the demo defender lists themselves
    seen = {UNLISTED: set(), LISTED: set()}
    urls = concrete_urls()
    for role_key in [None, "norole", *ROLE_KEYS]:
        client = client_for(role_key)
        for name, url, _rule in urls:
            if name == "accounts:logout":
                continue
            body = client.get(url).content.decode(errors="replace")
            for canary in seen:
                if canary in body:
                    seen[canary].add((role_key, name))
    # Its owner (the demo speaker) reads it on their own profile form and in their data export; nobody else.
    own_pages = {("speaker", "networking:home"), ("speaker", "people:data"), ("speaker", "people:data_json")}
    assert seen[UNLISTED] - own_pages == set()
    assert {role for role, _name in seen[LISTED]} == {"defender"}
    assert ("defender", "networking:person") in seen[LISTED]
