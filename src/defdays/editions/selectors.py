"""Which editions a viewer may see. Drafts exist only for their organisers (and platform superusers).

Every request with a year in its URL looks its edition up, so published editions and the current one are
cached (shared cache in production, see CACHE_URL) and forgotten whenever an edition is written
(forget_cached_editions, called from a post_save/post_delete signal and from make_current).
"""

from django.core.cache import cache
from django.db.models import Q

from defdays.accounts.roles import RoleName
from defdays.editions.models import Edition, EditionStatus

CACHE_SECONDS = 300
_CURRENT_KEY = "editions:current"
_MISSING = "missing"  # cached answer "no such public edition", so unknown years do not hit the database either


def _public_key(year) -> str:
    return f"editions:public:{year}"


def visible_editions(viewer):
    published = Q(status__in=[EditionStatus.PUBLISHED, EditionStatus.ARCHIVED])
    if viewer is None or not viewer.is_authenticated:
        return Edition.objects.filter(published)
    if viewer.is_superuser:
        return Edition.objects.all()
    organising = Q(roles__user=viewer, roles__role=RoleName.ORGANISER)
    return Edition.objects.filter(published | organising).distinct()


def public_edition(year):
    """The published edition of that year, or None; from the cache when possible."""
    edition = cache.get(_public_key(year))
    if edition is None:
        edition = visible_editions(None).filter(year=year).first() or _MISSING
        cache.set(_public_key(year), edition, CACHE_SECONDS)
    return None if edition == _MISSING else edition


def edition_for_viewer(year, viewer):
    edition = public_edition(year)
    if edition is not None or viewer is None or not viewer.is_authenticated:
        return edition
    return visible_editions(viewer).filter(year=year).first()  # a draft, for its organisers


def current_edition():
    edition = cache.get(_CURRENT_KEY)
    if edition is None:
        edition = Edition.objects.filter(
            is_current=True, status__in=[EditionStatus.PUBLISHED, EditionStatus.ARCHIVED]).first() or _MISSING
        cache.set(_CURRENT_KEY, edition, CACHE_SECONDS)
    return None if edition == _MISSING else edition


def forget_cached_editions(*years):
    cache.delete_many([_CURRENT_KEY, *(_public_key(year) for year in years)])
