"""Deny by default: the single registry of who may use which view.

Every view declares a rule, with `@access(rule)` on a function or `access_rule = rule` on a class. The middleware
below refuses any view that declares none, so a forgotten declaration fails closed. `defdays policy` prints the
table of every URL and its rule; tests walk the same table (iter_url_rules).

Outcomes: allowed; anonymous -> the login page; signed in without the role -> 403. A staff account that has not
passed two-factor is treated as anonymous on every view but the 2FA step and logout: it sees what a visitor sees,
and where a visitor would be asked to sign in it is sent to the 2FA step instead. Objects that belong to someone
else are the view's business and answer 404 (see the selectors, which take the viewer).
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import URLPattern, URLResolver, get_resolver

from defdays.core import edition_lookup
from defdays.core.roles import STAFF_ROLES, RoleName

logger = logging.getLogger(__name__)


class Decision(enum.Enum):
    ALLOW = "allow"
    LOGIN = "login"
    VERIFY = "verify"  # signed in with a password, second factor still owed
    DENY = "deny"


def _needs_second_factor(request) -> bool:
    user = request.user
    return user.is_authenticated and user.is_staff_account() and not user.is_verified()


@dataclass(frozen=True)
class Rule:
    label: str

    def decide(self, request) -> Decision:  # pragma: no cover - abstract
        raise NotImplementedError

    def allows(self, request) -> bool:
        """For links and buttons: show only what the viewer may open."""
        return self.decide(request) is Decision.ALLOW


@dataclass(frozen=True)
class Public(Rule):
    """Anyone, signed in or not. Content still depends on the viewer (selectors)."""

    def decide(self, request) -> Decision:
        return Decision.ALLOW


@dataclass(frozen=True)
class SignedIn(Rule):
    """Any signed-in person; a staff account must have passed two-factor first."""

    def decide(self, request) -> Decision:
        if not request.user.is_authenticated:
            return Decision.LOGIN
        if _needs_second_factor(request):
            return Decision.VERIFY
        return Decision.ALLOW


@dataclass(frozen=True)
class SignedInPasswordOnly(Rule):
    """Signed in with a password; used only by the two-factor step itself and logout."""

    def decide(self, request) -> Decision:
        return Decision.ALLOW if request.user.is_authenticated else Decision.LOGIN


@dataclass(frozen=True)
class EditionRoles(Rule):
    """Holders of one of `roles` in the edition named by the URL's year (request.edition)."""

    roles: frozenset = field(default_factory=frozenset)

    def decide(self, request) -> Decision:
        user = request.user
        if not user.is_authenticated:
            return Decision.LOGIN
        edition = getattr(request, "edition", None)
        # The second factor is asked before the role is looked at: answering 403 to a non-holder and "2FA" to
        # a holder would tell a stolen password which roles the account holds.
        if _needs_second_factor(request):
            return Decision.VERIFY
        if edition is None:
            return Decision.DENY
        if not (user.roles_in(edition) & self.roles or (user.is_superuser and RoleName.ORGANISER in self.roles)):
            return Decision.DENY
        return Decision.ALLOW


@dataclass(frozen=True)
class EditionRolesUnseen(EditionRoles):
    """Like EditionRoles, but a signed-in account without the role gets 404, as for a page that does not exist:
    a 403 on an incident report's URL would tell any other staff member that the report exists (and a count of
    ids would say how many there are)."""


@dataclass(frozen=True)
class PlatformAdmin(Rule):
    """Platform administrators (superusers): creating editions, which no edition role can grant."""

    def decide(self, request) -> Decision:
        if not request.user.is_authenticated:
            return Decision.LOGIN
        if _needs_second_factor(request):
            return Decision.VERIFY
        if not request.user.is_superuser:
            return Decision.DENY
        return Decision.ALLOW


PUBLIC = Public("public")
PLATFORM_ADMIN = PlatformAdmin("platform administrators")
SIGNED_IN = SignedIn("signed in")
PASSWORD_STEP = SignedInPasswordOnly("signed in, before two-factor")


def roles(*names: RoleName) -> EditionRoles:
    return EditionRoles("roles: " + ", ".join(sorted(names)), frozenset(names))


ORGANISERS = roles(RoleName.ORGANISER)
ANY_STAFF = roles(*STAFF_ROLES)
# The programme's working copy, rooms, speakers and publishing: organisers and the programme team.
PROGRAMME_TEAM = roles(RoleName.ORGANISER, RoleName.PROGRAMME)
# Who chose or was given "hide me": the safety team alone (organisers do not need the list to run the event).
SAFETY = roles(RoleName.SAFETY)
# Incident reports: the safety team alone, and nobody else may even learn that a report exists.
SAFETY_UNSEEN = EditionRolesUnseen("safety team (others: not found)", frozenset({RoleName.SAFETY}))
# Flights, hotels, grants and visa letters: the travel & visa team alone (organisers do not need passports).
TRAVEL_TEAM = roles(RoleName.TRAVEL)


def access(rule: Rule):
    """Declare the rule of a function view."""

    def decorate(view):
        view.access_rule = rule
        return view

    return decorate


def rule_of(view_func) -> Rule | None:
    rule = getattr(view_func, "access_rule", None)
    if rule is None:
        rule = getattr(getattr(view_func, "view_class", None), "access_rule", None)
    return rule


def iter_url_rules(resolver=None, prefix=""):
    """Yield (route, url name, view, rule or None) for every URL pattern of the project."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            for route, name, view, rule in iter_url_rules(entry, prefix + str(entry.pattern)):
                yield route, (f"{namespace}:{name}" if namespace and name else name), view, rule
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, entry.callback, rule_of(entry.callback)


class AccessPolicyMiddleware:
    """Resolve the edition in the URL, then apply the view's declared rule before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = rule_of(view_func)
        if rule is None:
            logger.error("View without an access rule refused: %s", getattr(view_func, "__qualname__", view_func))
            raise PermissionDenied
        password_only = not isinstance(rule, SignedInPasswordOnly) and _needs_second_factor(request)
        if password_only:
            # A phished staff password must open nothing: no draft edition, no staff link, no answer that differs
            # by role. Every view and selector after this point sees an anonymous visitor.
            request.user = AnonymousUser()
        if "year" in view_kwargs:
            request.edition = edition_lookup.edition_for_viewer(view_kwargs["year"], request.user)
            if request.edition is None:
                raise Http404
        decision = rule.decide(request)
        if decision is Decision.ALLOW:
            return None
        if decision is Decision.LOGIN and not password_only:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if decision in (Decision.LOGIN, Decision.VERIFY):
            return redirect_to_login(request.get_full_path(), "accounts:verify")
        if isinstance(rule, EditionRolesUnseen):
            raise Http404
        raise PermissionDenied
