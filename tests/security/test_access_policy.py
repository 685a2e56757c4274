"""Deny by default: every URL declares a rule, and the rule is what actually happens, for every role."""

import pytest
import time_machine
from django.urls import path, reverse

from defdays.core.access import (
    EditionRoles,
    EditionRolesUnseen,
    PlatformAdmin,
    Public,
    SignedIn,
    SignedInPasswordOnly,
    iter_url_rules,
)
from defdays.core.roles import STAFF_ROLES, RoleName
from tests.security.crawl import ROLE_KEYS, build_demo, client_for, concrete_urls, login_path


def test_every_url_pattern_declares_an_access_rule():
    undeclared = [(route, name) for route, name, view, rule in iter_url_rules() if rule is None]
    assert undeclared == []


def _undeclared_view(request):
    from django.http import HttpResponse

    return HttpResponse("secret list of attendees")


urlpatterns = [path("undeclared/", _undeclared_view, name="undeclared")]


@pytest.mark.urls("tests.security.test_access_policy")
@pytest.mark.django_db
def test_a_view_without_a_rule_is_refused(client):
    response = client.get("/undeclared/")
    assert response.status_code == 403
    assert b"secret list" not in response.content


def expected_outcome(rule, role_key):
    """What the declared rule promises for a holder of `role_key` (None = anonymous, "norole" = no role)."""
    if isinstance(rule, Public):
        return "allowed"
    if role_key is None:
        return "login"
    if isinstance(rule, (SignedIn, SignedInPasswordOnly)):
        return "allowed"
    if isinstance(rule, PlatformAdmin):
        return "denied"  # no demo role makes anyone a platform administrator
    assert isinstance(rule, EditionRoles), rule
    holds = role_key != "norole" and RoleName(role_key) in rule.roles
    if not holds and isinstance(rule, EditionRolesUnseen):
        return "not found"
    return "allowed" if holds else "denied"


def actual_outcome(response, rule=None):
    if response.status_code == 404 and isinstance(rule, EditionRolesUnseen):
        return "not found"
    if response.status_code == 403:
        return "denied"
    if response.status_code == 302 and response["Location"].startswith(login_path()):
        return "login"
    if response.status_code == 302 and response["Location"].split("?")[0] == reverse("accounts:verify"):
        return "second-factor"
    assert response.status_code < 500, response.status_code
    return "allowed"


@pytest.mark.django_db
def test_role_by_view_matrix_matches_the_declared_rules():
    build_demo()
    urls = concrete_urls()
    assert len(urls) >= 15
    mismatches = []
    for role_key in [None, "norole", *ROLE_KEYS]:
        client = client_for(role_key)
        for name, url, rule in urls:
            if name in {"accounts:logout"}:
                continue  # GET shows a confirmation; covered below so the matrix keeps its sessions
            got = actual_outcome(client.get(url), rule)
            want = expected_outcome(rule, role_key)
            if got != want:
                mismatches.append((role_key, name, url, want, got))
    assert mismatches == []


@pytest.mark.django_db
def test_staff_without_second_factor_reach_no_staff_or_personal_page():
    from django.test import Client

    from defdays.accounts.demo import DEMO_ACCOUNTS
    from defdays.accounts.models import User
    from tests.conftest import sign_in

    build_demo()
    urls = concrete_urls()
    for key, email, _name, role in DEMO_ACCOUNTS:
        if role not in STAFF_ROLES:
            continue
        client = sign_in(Client(), User.objects.find_by_email(email), verified=False)
        for name, url, rule in urls:
            if isinstance(rule, SignedIn) or (isinstance(rule, EditionRoles) and role in rule.roles):
                response = client.get(url)
                assert actual_outcome(response) == "second-factor", (key, name)


@pytest.mark.django_db
def test_unknown_or_draft_edition_is_404_for_those_who_may_not_see_it(client, make_user, edition):
    from defdays.editions.models import EditionStatus
    from tests.conftest import sign_in
    from tests.factories import EditionFactory

    EditionFactory(year=2014, status=EditionStatus.DRAFT)
    assert client.get("/1999/").status_code == 404
    assert client.get("/2014/").status_code == 404
    assert client.get("/99999999999999999999/").status_code == 404
    assert b"2014" not in client.get("/archive/").content
    organiser_2014 = make_user("defender", edition=edition)
    from defdays.accounts.services import grant_role
    from defdays.editions.models import Edition

    grant_role(organiser_2014, Edition.objects.get(year=2014), RoleName.ORGANISER)
    sign_in(client, organiser_2014)
    assert client.get("/2014/").status_code == 200


PASSWORD_STEP_URLS = {"accounts:verify", "accounts:setup_2fa", "accounts:logout"}


def _as_seen(response):
    """What a response tells its reader: status, where a redirect goes (sign-in and 2FA alike count as "sign
    in first", with the same next), and the body without the per-browser CSRF token."""
    import re

    if response.status_code == 302:
        target, _, query = response["Location"].partition("?")
        if target in {login_path(), reverse("accounts:verify")}:
            target = "sign in first"
        return 302, target, query
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", response.content)
    return response.status_code, "", body


@pytest.mark.django_db
# The clock stands still: "now and next" prints the local minute, and a walk that crosses one would differ.
@time_machine.travel("2013-04-04 09:30:00+00:00", tick=False)
def test_a_staff_password_alone_sees_exactly_what_an_anonymous_visitor_sees():
    """Before the second factor, every URL answers a staff account as it answers a visitor: no draft, no 403
    that a holder of the role would not get, nothing that tells which roles the password opens."""
    from django.test import Client

    from defdays.accounts.demo import DEMO_ACCOUNTS
    from defdays.accounts.models import User
    from defdays.accounts.services import grant_role
    from defdays.editions.models import Edition, EditionStatus
    from tests.conftest import sign_in
    from tests.factories import EditionFactory

    build_demo()
    draft = EditionFactory(year=2014, status=EditionStatus.DRAFT)
    urls = concrete_urls()
    urls += [(name, url.replace("/2013/", "/2014/"), rule) for name, url, rule in urls if "/2013/" in url]
    anonymous = Client()
    seen_by_visitor = {url: _as_seen(anonymous.get(url)) for name, url, _rule in urls}
    differences = []
    for key, email, _name, role in DEMO_ACCOUNTS:
        if role not in STAFF_ROLES:
            continue
        user = User.objects.find_by_email(email)
        grant_role(user, Edition.objects.get(pk=draft.pk), RoleName(role))
        client = sign_in(Client(), user, verified=False)
        for name, url, _rule in urls:
            if name in PASSWORD_STEP_URLS:
                continue
            if _as_seen(client.get(url)) != seen_by_visitor[url]:
                differences.append((key, name, url))
    assert differences == []
