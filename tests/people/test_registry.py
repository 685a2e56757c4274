import pytest
from django.conf import settings
from django.test import override_settings

from defdays.people import registry


def test_an_app_that_appears_is_discovered(fakeapp):
    labels = [source.label for source in registry.app_sources()]
    assert "fakeapp" in labels
    assert [s.label for s in registry.sources_in("travel") if s.label == "fakeapp"] == ["fakeapp"]
    assert "fakeapp" not in [s.label for s in registry.sources_in("registrations")]


def test_apps_outside_the_project_are_not_asked(fakeapp, monkeypatch):
    monkeypatch.setattr(registry, "PROJECT_PACKAGES", ("defdays.",))
    assert "fakeapp" not in [source.label for source in registry.app_sources()]


def test_a_module_that_breaks_the_contract_fails_loudly(monkeypatch):
    monkeypatch.setattr(registry, "PROJECT_PACKAGES", ("defdays.", "tests.people."))
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.people.brokenapp"]):
        with pytest.raises(registry.BadPersonalDataModule, match="erase_for"):
            registry.app_sources()


def test_every_real_module_keeps_the_contract():
    for source in registry.app_sources():
        assert source.category in registry.CATEGORIES
        assert callable(source.module.export_for) and callable(source.module.erase_for)
