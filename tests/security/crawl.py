"""Shared by the security tests: the demo world, a client per role, and a concrete URL for every pattern."""

import importlib
import re
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from defdays.core.access import iter_url_rules
from defdays.core.demo import DEMO_ORDER, DemoContext
from defdays.core.roles import RoleName
from tests.conftest import sign_in

# Demo users by role key; "norole" is a signed-in account with no role at all.
ROLE_KEYS = [role.value for role in RoleName]


def build_demo():
    call_command("demo", stdout=StringIO())


def url_examples():
    """Kwargs for URL names whose parameters go beyond the year, from each app's demo.url_examples()."""
    from defdays.editions.models import Edition

    ctx = DemoContext(edition=Edition.objects.get(year=2013))
    from defdays.accounts.demo import DEMO_ACCOUNTS, DEMO_PARTICIPANTS
    from defdays.accounts.models import User

    for key, email, *_ in DEMO_ACCOUNTS + DEMO_PARTICIPANTS:
        ctx.users[key] = User.objects.find_by_email(email)
    examples = {"accounts:password_reset_confirm": {"uidb64": "MQ", "token": "bad-token"}}
    for app in DEMO_ORDER:
        try:
            module = importlib.import_module(f"defdays.{app}.demo")
        except ModuleNotFoundError:
            continue
        if hasattr(module, "url_examples"):
            examples.update(module.url_examples(ctx))
    return examples


def concrete_urls():
    """[(url name, path, rule)] for every named URL pattern, filled with demo data."""
    examples = url_examples()
    urls = []
    for route, name, _view, rule in iter_url_rules():
        kwargs = examples.get(name)
        if kwargs is None:
            params = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
            if params - {"year"}:
                raise AssertionError(f"{name} ({route}) needs url_examples() in its app's demo.py")
            kwargs = {"year": 2013} if params else {}
        urls.append((name, reverse(name, kwargs=kwargs), rule))
    return urls


def client_for(key):
    """A client signed in as the demo holder of a role (2FA done for staff), or anonymous for None."""
    from defdays.accounts.demo import DEMO_ACCOUNTS
    from defdays.accounts.models import User

    client = Client()
    if key is None:
        return client
    if key == "norole":
        user = User.objects.filter(email_index__isnull=False, roles__isnull=True, is_demo=False).first()
        if user is None:
            user = User.objects.create_user("norole@example.org", "correct horse battery staple", public_name="No role")
        return sign_in(client, user)
    email = next(email for k, email, *_ in DEMO_ACCOUNTS if k == key)
    return sign_in(client, User.objects.find_by_email(email))


EXTERNAL_REFERENCE = re.compile(
    r"""(?:src|srcset|action)\s*=\s*["']\s*(?:https?:)?//"""
    r"""|<link[^>]+href\s*=\s*["']\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//"""
    r"""|@import[^;]*(?:https?:)?//""",
    re.IGNORECASE,
)


def external_references(text):
    return EXTERNAL_REFERENCE.findall(text)


def login_path():
    return reverse(settings.LOGIN_URL)
