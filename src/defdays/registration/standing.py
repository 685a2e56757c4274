"""What other apps undo when a participant loses standing in an edition (declined or withdrawn).

Registration owns the standing; what hangs on it (training seats and their waitlists, in the programme) lives in
apps that already import registration, so registration must not import them back. Such an app registers a handler
in its AppConfig.ready(); the registration services call every handler inside their own transaction, so the status
change and what it releases commit together or not at all.
"""

from __future__ import annotations

from typing import Protocol


class StandingLostHandler(Protocol):
    def __call__(self, *, user, edition, actor) -> None: ...


_handlers: dict[str, StandingLostHandler] = {}


def on_standing_lost(name: str, handler: StandingLostHandler) -> None:
    """Register (or replace: ready() may run twice in tests) the handler an app runs when someone loses standing."""
    _handlers[name] = handler


def standing_lost(*, user, edition, actor) -> None:
    for handler in list(_handlers.values()):
        handler(user=user, edition=edition, actor=actor)
