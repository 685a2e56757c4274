import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from defdays.accounts import services
from defdays.accounts.models import Authenticator
from defdays.core.roles import RoleName
from defdays.editions.services import make_current
from tests.factories import EditionFactory, UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rolled-back rows must not live on as cached editions or pages."""
    from django.core.cache import cache

    from defdays.core import memo

    cache.clear()
    memo.clear_all()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: the test client runs LocaleMiddleware in this thread, and the
    language of an earlier test's request (a Swedish page) would otherwise stay active for the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def edition(db):
    return make_current(EditionFactory(year=2013))


@pytest.fixture
def make_user(db):
    def make(*roles, edition=None, email=None, **kwargs):
        user = UserFactory(email=email, **kwargs)
        for role in roles:
            services.grant_role(user, edition, RoleName(role))
        return user

    return make


def sign_in(client, user, *, verified=True):
    """Sign `user` in on the test client; staff accounts get a confirmed TOTP device and, if asked, 2FA done."""
    client.force_login(user)
    if user.is_staff_account():
        device = services.confirmed_totp_device(user) or Authenticator.new(user, confirmed=True)
    if user.is_staff_account() and verified:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_as(client, make_user, edition):
    """client_as("organiser") -> a test client signed in (with 2FA for staff) as a new holder of that role."""

    def make(*roles, verified=True):
        user = make_user(*roles, edition=edition)
        sign_in(client, user, verified=verified)
        client.user = user
        return client

    return make


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (run by the second stage of make test)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
