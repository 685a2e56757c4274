"""Which editions a viewer may see. Drafts exist only for their organisers (and platform superusers)."""

from django.db.models import Q

from defdays.accounts.roles import RoleName
from defdays.editions.models import Edition, EditionStatus


def visible_editions(viewer):
    published = Q(status__in=[EditionStatus.PUBLISHED, EditionStatus.ARCHIVED])
    if viewer is None or not viewer.is_authenticated:
        return Edition.objects.filter(published)
    if viewer.is_superuser:
        return Edition.objects.all()
    organising = Q(roles__user=viewer, roles__role=RoleName.ORGANISER)
    return Edition.objects.filter(published | organising).distinct()


def edition_for_viewer(year, viewer):
    return visible_editions(viewer).filter(year=year).first()


def current_edition():
    return Edition.objects.filter(is_current=True, status__in=[EditionStatus.PUBLISHED, EditionStatus.ARCHIVED]).first()
