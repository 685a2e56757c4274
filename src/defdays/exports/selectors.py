"""Export requests as one exporter may see them."""

from datetime import timedelta

from django.utils import timezone

from defdays.core.roles import RoleName
from defdays.exports.models import ExportRequest
from defdays.exports.services import VALID_FOR, roles_for_export


def own_requests(viewer, edition, *, limit: int = 20):
    """The viewer's own recent requests (nobody sees another's download button)."""
    since = timezone.now() - VALID_FOR - timedelta(days=7)
    return list(
        ExportRequest.objects.filter(edition=edition, requested_by=viewer, requested_at__gte=since).select_related(
            "approved_by"
        )[:limit]
    )


def awaiting_approval(viewer, edition):
    """Restricted requests of others that wait for a second key and have not expired; only an organiser gives
    that key, so the travel team and volunteers see none (nor who asked for what)."""
    if RoleName.ORGANISER not in roles_for_export(viewer, edition):
        return []
    return list(
        ExportRequest.objects.filter(
            edition=edition,
            restricted=True,
            approved_at__isnull=True,
            refused_at__isnull=True,
            downloaded_at__isnull=True,
            requested_at__gte=timezone.now() - VALID_FOR,
        )
        .exclude(requested_by=viewer)
        .select_related("requested_by")
    )


def request_for(viewer, edition, uid):
    """One request of this edition: the requester's own, or one waiting for this viewer's approval; else None."""
    export = (
        ExportRequest.objects.filter(edition=edition, uid=uid).select_related("requested_by", "approved_by").first()
    )
    if export is None:
        return None
    if export.requested_by_id == viewer.pk:
        return export
    if export in awaiting_approval(viewer, edition):
        return export
    return None
