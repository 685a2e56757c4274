"""The published texts a registrant accepts, for the pages that ask for the acceptance.

The code of conduct's text lives in the safety app, which sits above invitations and registration; the version
number lives here (RegistrationSettings). Safety registers one provider from its AppConfig.ready(), so the
invitation form can show the text of the version it asks the invitee to accept without importing safety.
"""

from __future__ import annotations

from collections.abc import Callable

_code_of_conduct: list[Callable] = []


def provide_code_of_conduct(provider: Callable) -> Callable:
    """provider(edition, version) -> the rendered text (safe HTML) of that version, or None when unpublished."""
    _code_of_conduct[:] = [provider]
    return provider


def code_of_conduct_html(edition, version: str):
    return _code_of_conduct[0](edition, version) if _code_of_conduct else None
