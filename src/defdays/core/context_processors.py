from django.conf import settings
from django.utils.translation import get_language_bidi

from defdays.core import edition_lookup, page_cache
from defdays.core.navigation import items_for


def site(request):
    """What the base layout needs: the edition in view (or the current one) and the viewer's navigation."""
    edition = getattr(request, "edition", None) or edition_lookup.current_edition()
    context = {
        "site_name": settings.DEFDAYS_SITE_NAME,
        "layout_edition": edition,
        "nav_items": items_for(request, edition),
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        # As settings name them, each in its own language: {% get_available_languages %} would run the names
        # through gettext and show "Английский" to a reader looking for "English".
        "language_choices": settings.LANGUAGES,
    }
    if page_cache.building_for_everyone(request):
        # Runs after Django's csrf processor, so this wins: the page is shared, the token is put in per response.
        context["csrf_token"] = page_cache.CSRF_PLACEHOLDER
    return context
