"""The one rule for small numbers of people in a breakdown by country or organisation.

"2 participants from Belarus" on a staff screen, a screenshot or a printed report points at two people; anyone who
knows who travels from there knows who attends. So a count of fewer than SMALL people in such a breakdown is shown
as "< 5", never as its number, and the bar drawn for it is the same for 1 as for 4. Every page, chart, report or
export that breaks people down by country or organisation asks `group_count` and nothing else.

A total printed beside the breakdown gives a single hidden count back (total minus the others). `masked_total`
therefore hides the total as well whenever exactly the hidden counts could be worked out from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SMALL = 5


@dataclass(frozen=True)
class GroupCount:
    value: int  # the true number: for sorting on the server only, never rendered
    shown: str  # what a page prints
    masked: bool

    def __str__(self) -> str:
        return self.shown


def is_small(n: int) -> bool:
    return 0 < n < SMALL


def group_count(n: int) -> GroupCount:
    """How a number of people in one country or organisation is shown."""
    if is_small(n):
        return GroupCount(value=n, shown=str(_("< %(n)d") % {"n": SMALL}), masked=True)
    return GroupCount(value=n, shown=str(n), masked=False)


def masked_total(counts: list[int]) -> GroupCount:
    """The total of a breakdown: hidden when some counts are hidden, since total minus the shown ones would give
    them back (for one hidden count exactly, for several their sum)."""
    total = sum(counts)
    if any(is_small(n) for n in counts):
        return GroupCount(value=total, shown=str(_("not shown")), masked=True)
    return GroupCount(value=total, shown=str(total), masked=False)
