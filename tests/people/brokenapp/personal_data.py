"""Breaks the contract on purpose: no erase_for."""

CATEGORY = "registrations"


def export_for(user) -> dict:
    return {}


def purge_edition(edition, *, dry_run: bool) -> dict:
    return {}
