"""A debug error page never shows a key, a password or a secret URL, whichever name the setting has."""

import importlib
import sys

import pytest
from django.test import RequestFactory
from django.views.debug import technical_500_response

pytestmark = pytest.mark.django_db


def _technical_500(request) -> str:
    # The request is built by the caller: this frame's local variables and source lines show on the page too.
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        return technical_500_response(request, *sys.exc_info()).content.decode()


def _canary(name: str) -> str:
    return "-".join(("canary", name, "value"))  # never written out whole in this file's source lines


def test_the_debug_page_hides_every_key_and_secret(settings):
    settings.DEBUG = True
    settings.DEFDAYS_KEKS = "dev1:" + _canary("kek")
    settings.DEFDAYS_INDEX_KEY = _canary("index")
    settings.EMAIL_HOST_PASSWORD = _canary("mailpass")
    # Under runserver the process environment reaches request.META.
    request = RequestFactory().get(
        "/boom/",
        DATABASE_URL=f"postgres://u:{_canary('dbpass')}@db/defdays",
        EMAIL_URL=f"smtp://u:{_canary('mailurl')}@mail",
        DEFDAYS_KEKS=_canary("envkek"),
        CACHE_URL=f"redis://:{_canary('cache')}@cache:6379/0",
    )
    body = _technical_500(request)
    assert "DEFDAYS_KEKS" in body and "DEFDAYS_INDEX_KEY" in body  # the names are listed, their values are not
    for name in ("kek", "index", "mailpass", "dbpass", "mailurl", "envkek", "cache"):
        assert _canary(name) not in body, name
    assert settings.SECRET_KEY not in body


def test_debug_is_off_in_development_unless_asked_for(monkeypatch, tmp_path):
    import defdays.settings as real

    monkeypatch.setenv("DEFDAYS_MODE", "development")
    monkeypatch.setenv("DEFDAYS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DEFDAYS_DEBUG", raising=False)
    try:
        assert importlib.reload(real).DEBUG is False
        monkeypatch.setenv("DEFDAYS_DEBUG", "1")
        assert importlib.reload(real).DEBUG is True
    finally:
        monkeypatch.undo()
        importlib.reload(real)
