"""What may be exported, and by whom: the one place that decides which fields a role may take away.

An export kind (participants, travel, check-in) registers its columns here. Each column names
the model field it reads, and the field's class in that model's `SENSITIVITY` inventory decides who may export it:
a role may export a column whose class is at most its ceiling (`ROLE_CEILING`). A RESTRICTED column is never
exported on one person's word: it takes a fresh second factor and a second organiser's approval
(exports.services). A kind added later inherits both rules by registering, never by writing its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise

from defdays.core.roles import RoleName
from defdays.core.sensitivity import Sensitivity

# Low to high; a ceiling lets a role export its own class and everything below it.
ORDER = [Sensitivity.NONE, Sensitivity.PUBLIC, Sensitivity.PARTICIPANT, Sensitivity.STAFF, Sensitivity.RESTRICTED]

# The most sensitive class each role may export at all (roles not named export nothing). The travel team's
# restricted data (flights, hotels, rooms) comes with its own kind (exports.kinds.TRAVEL); a check-in volunteer's
# list stays at the least data the desk needs (exports.kinds.CHECK_IN: public names).
ROLE_CEILING = {
    RoleName.ORGANISER: Sensitivity.RESTRICTED,
    RoleName.TRAVEL: Sensitivity.RESTRICTED,
    RoleName.PROGRAMME: Sensitivity.STAFF,
    RoleName.VOLUNTEER: Sensitivity.PUBLIC,
}


@dataclass(frozen=True)
class Column:
    key: str  # stable, in the request row and the audit event; never a value
    label: str | Promise
    model: type  # the model whose SENSITIVITY classifies `field`
    field: str
    value: Callable[[object], object]

    @property
    def sensitivity(self) -> Sensitivity:
        return Sensitivity(self.model.SENSITIVITY[self.field])

    @property
    def restricted(self) -> bool:
        return self.sensitivity == Sensitivity.RESTRICTED


@dataclass(frozen=True)
class ExportKind:
    key: str
    label: str | Promise
    roles: frozenset  # who may export this kind at all
    columns: tuple[Column, ...]
    # rows(edition): the objects to export, already limited to people who may be listed (accounts.visibility)
    rows: Callable[[object], Iterable]
    default: tuple[str, ...] = field(default=())

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


_KINDS: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> ExportKind:
    for column in kind.columns:
        column.sensitivity  # noqa: B018 - a column on an unclassified field fails here, at start-up
    _KINDS[kind.key] = kind
    return kind


def kinds() -> list[ExportKind]:
    return list(_KINDS.values())


def kind(key: str) -> ExportKind | None:
    return _KINDS.get(key)


def ceiling(roles: Iterable) -> Sensitivity | None:
    """The most sensitive class any of these roles may export, or None."""
    found = [ROLE_CEILING[r] for r in roles if r in ROLE_CEILING]
    return max(found, key=ORDER.index) if found else None


def exportable_columns(export_kind: ExportKind, roles: Iterable) -> list[Column]:
    """The columns of a kind that a holder of `roles` may export; empty when the kind is not theirs."""
    roles = frozenset(roles)
    if not roles & export_kind.roles:
        return []
    top = ceiling(roles & export_kind.roles)
    if top is None:
        return []
    return [c for c in export_kind.columns if ORDER.index(c.sensitivity) <= ORDER.index(top)]


def kinds_for(roles: Iterable) -> list[ExportKind]:
    roles = frozenset(roles)
    return [k for k in kinds() if exportable_columns(k, roles)]
