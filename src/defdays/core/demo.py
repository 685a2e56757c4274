"""The demo framework: each app may have a `demo.py` with `build(ctx)`; `defdays demo` calls them in DEMO_ORDER."""

from __future__ import annotations

from dataclasses import dataclass, field

# Editions first (everything hangs on the edition), then accounts (roles), then the apps that use both.
DEMO_ORDER = [
    "editions",
    "accounts",
    "people",
    "invitations",
    "registration",
    "opensession",
    "programme",
    "contact",
    "news",
    "mailings",
    "exports",
    "award",
    "reports",
    "networking",
    "safety",
    "photos",
    "travel",
    "visas",
    "badges",
]


@dataclass
class DemoContext:
    reset: bool = False
    edition: object = None
    users: dict = field(default_factory=dict)  # key ("organiser", "defender-1", ...) -> User
    logins: list = field(default_factory=list)  # (role label, email, password, totp secret or "")
    notes: list = field(default_factory=list)  # lines printed after the logins
