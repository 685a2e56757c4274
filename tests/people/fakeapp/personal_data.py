"""A stand-in app that keeps personal data, to check that the people app finds and drives any such app."""

CATEGORY = "travel"

# user pk -> list of notes; edition year -> number of records held for that edition
HELD: dict = {}
EDITION_RECORDS: dict = {}
CALLS: list = []


def export_for(user) -> dict:
    return {"notes": list(HELD.get(user.pk, [])), "nested": {"flag": True, "empty": []}}


def erase_for(user) -> None:
    CALLS.append(("erase", user.pk))
    HELD.pop(user.pk, None)


def purge_edition(edition, *, dry_run: bool) -> dict:
    CALLS.append(("purge", edition.year, dry_run))
    if edition.year in FAIL_PURGE:
        raise RuntimeError("storage unavailable")
    held = EDITION_RECORDS.get(edition.year, 0)
    if not dry_run:
        EDITION_RECORDS[edition.year] = 0
    return {"bookings": held}


FAIL_PURGE: list = []  # editions whose purge raises, to show that the others still run
