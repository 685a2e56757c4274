from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TravelConfig(AppConfig):
    name = "defdays.travel"
    label = "travel"
    verbose_name = _("Travel and accommodation")

    def ready(self):
        from defdays.accounts import me_sections
        from defdays.core import navigation

        me_sections.register(_me_section)
        navigation.register(
            _("Travel"),
            "travel:overview",
            area="orga",
            order=61,
            description=_("Arrivals and departures per day, who is not booked, hotel blocks."),
        )


def _me_section(user):
    from defdays.registration.selectors import active_participations_ahead
    from defdays.travel.models import Itinerary

    participations = active_participations_ahead(user)
    if not participations:
        return []
    editions = [p.edition for p in participations]
    booked = set(Itinerary.objects.filter(user=user, edition__in=editions).values_list("edition_id", flat=True))
    return [("travel/_me_section.html", {"rows": [(e, e.pk in booked) for e in editions]})]
