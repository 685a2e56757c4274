import pytest
from django.conf import settings
from django.test import override_settings

from defdays.people import registry
from tests.people.fakeapp import personal_data as fake_data


@pytest.fixture
def fakeapp(monkeypatch):
    """Install a stand-in app with a personal_data module, as a new app would appear."""
    monkeypatch.setattr(registry, "PROJECT_PACKAGES", ("defdays.", "tests.people."))
    fake_data.HELD.clear()
    fake_data.EDITION_RECORDS.clear()
    fake_data.CALLS.clear()
    fake_data.FAIL_PURGE.clear()
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.people.fakeapp"]):
        yield fake_data
