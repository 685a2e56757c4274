from django.conf import settings
from django.utils.translation import get_language_bidi

from defdays.core.navigation import items_for


def site(request):
    """What the base layout needs: the edition in view (or the current one) and the viewer's navigation."""
    from defdays.editions.selectors import current_edition

    edition = getattr(request, "edition", None) or current_edition()
    return {
        "site_name": settings.DEFDAYS_SITE_NAME,
        "layout_edition": edition,
        "nav_items": items_for(request, edition),
        "text_direction": "rtl" if get_language_bidi() else "ltr",
    }
