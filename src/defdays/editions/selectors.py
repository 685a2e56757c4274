"""Which editions a viewer may see. Drafts exist only for their organisers (and platform superusers).

Every request with a year in its URL looks its edition up, so published editions and the current one are cached.
Cache keys (each carries the generation, core.generation, read once per request from the database; held in the
shared cache and in a small memo per process, core.memo):
- `editions:public:<year>:<generation>`: the published edition of that year, or "missing";
- `editions:current:<generation>`: the current published edition, or "missing".
Saving or deleting an edition, and make_current, bump the generation in their transaction (editions.apps,
editions.services): every process stops using the old entries on its next request, whatever the cache backend.
"""

from django.db.models import Q

from defdays.core import generation, memo
from defdays.core.memo import LocalMemo
from defdays.core.roles import RoleName
from defdays.editions.models import Edition, EditionStatus

CACHE_SECONDS = 300
_MISSING = "missing"  # cached answer "no such public edition", so unknown years do not hit the database either
# Every request with a year looks its edition up: a hit here costs no round trip to the shared cache.
_LOCAL = LocalMemo(max_entries=64, max_bytes=1024 * 1024)


def _public_key(year) -> str:
    return f"editions:public:{year}:{generation.current()}"


def _current_key() -> str:
    return f"editions:current:{generation.current()}"


def visible_editions(viewer):
    published = Q(status__in=[EditionStatus.PUBLISHED, EditionStatus.ARCHIVED])
    if viewer is None or not viewer.is_authenticated:
        return Edition.objects.filter(published)
    if viewer.is_superuser:
        return Edition.objects.all()
    organising = Q(roles__user=viewer, roles__role=RoleName.ORGANISER)
    return Edition.objects.filter(published | organising).distinct()


def public_edition(year):
    """The published edition of that year, or None; from this process's memo or the cache when possible."""
    edition = memo.get_or_set(
        _LOCAL, _public_key(year), lambda: visible_editions(None).filter(year=year).first() or _MISSING, CACHE_SECONDS
    )
    return None if edition == _MISSING else edition


def edition_for_viewer(year, viewer):
    edition = public_edition(year)
    if edition is not None or viewer is None or not viewer.is_authenticated:
        return edition
    return visible_editions(viewer).filter(year=year).first()  # a draft, for its organisers


def current_edition():
    def read():
        published = Edition.objects.filter(
            is_current=True, status__in=[EditionStatus.PUBLISHED, EditionStatus.ARCHIVED]
        )
        return published.first() or _MISSING

    edition = memo.get_or_set(_LOCAL, _current_key(), read, CACHE_SECONDS)
    return None if edition == _MISSING else edition


def forget_cached_editions() -> None:
    """Call inside the transaction that writes an edition."""
    generation.bump()
