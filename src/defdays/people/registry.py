"""Where personal data lives: every installed defdays app may provide `defdays.<app>.personal_data`.

The contract of such a module (see the shared briefing):
    CATEGORY = "registrations" | "travel"        # the retention class of what the app holds
    def export_for(user) -> dict                   # everything this app holds about that person (JSON-safe)
    def erase_for(user) -> None                    # destroy it; never shreds user.data_key (erasure does that)
    def purge_edition(edition, *, dry_run) -> dict[str, int]   # retention: destroy one edition's restricted data;
        # in the "registrations" category also every row that links a person to the edition (counts may stay),
        # reducing the audit events about the rows it deletes (audit.services.forget_targets)
    def public_name_changed(user) -> None          # optional: follow a new public name wherever the app copied it
        # (programme: frozen into published versions); called inside the transaction that changes the name

After the apps, the people app's own step of the registrations purge removes participant roles, reduces the
edition's audit log to its staff and deletes accounts left with nothing live (people.services._purge_people).

Discovery runs over the installed apps each time it is asked, so an app added later is picked up without any
change here. The account's own data (accounts app) is described by `defdays.people.account_data`, listed first.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from django.apps import apps

# Apps of this project (tests add their own package to exercise discovery).
PROJECT_PACKAGES = ("defdays.",)
MODULE_NAME = "personal_data"
CATEGORIES = ("registrations", "travel")
REQUIRED = ("CATEGORY", "export_for", "erase_for", "purge_edition")


class BadPersonalDataModule(Exception):
    """An app's personal_data module breaks the contract: failing loudly beats silently skipping its data."""


@dataclass(frozen=True)
class Source:
    label: str  # the app label, e.g. "registration"; also the key of its section in an export
    module: ModuleType

    @property
    def category(self) -> str:
        return self.module.CATEGORY


def _import_optional(module_path: str) -> ModuleType | None:
    try:
        return importlib.import_module(module_path)
    except ModuleNotFoundError as exc:
        # Only "this app has no personal_data module" is normal; a missing import inside the module is a bug.
        if exc.name == module_path:
            return None
        raise


def _check(label: str, module: ModuleType) -> None:
    missing = [name for name in REQUIRED if not hasattr(module, name)]
    if missing:
        raise BadPersonalDataModule(f"{module.__name__} lacks {', '.join(missing)}.")
    if module.CATEGORY not in CATEGORIES:
        raise BadPersonalDataModule(f"{module.__name__}.CATEGORY must be one of {', '.join(CATEGORIES)}.")


def app_sources() -> list[Source]:
    """The personal-data modules of every installed defdays app, in INSTALLED_APPS order."""
    sources = []
    for config in apps.get_app_configs():
        if not config.name.startswith(PROJECT_PACKAGES):
            continue
        module = _import_optional(f"{config.name}.{MODULE_NAME}")
        if module is None:
            continue
        _check(config.label, module)
        sources.append(Source(config.label, module))
    return sources


def sources_in(category: str) -> list[Source]:
    return [source for source in app_sources() if source.category == category]


def public_name_changed(user) -> None:
    """Tell every app that copied this person's public name somewhere: someone who moves to a pseudonym must not
    stay findable under the old name in a copy (a published programme) that a profile change does not touch."""
    for source in app_sources():
        follow = getattr(source.module, "public_name_changed", None)
        if follow is not None:
            follow(user)
