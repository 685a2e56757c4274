from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    name = "defdays.badges"
    label = "badges"
    verbose_name = _("Badges and check-in")

    def ready(self):
        from defdays.accounts import me_sections
        from defdays.core import navigation

        me_sections.register(_certificates_section)
        navigation.register(
            _("Badges"),
            "badges:batches",
            area="orga",
            order=27,
            description=_("Print badges for the approved participants, as A6 cards or A4 sheets."),
        )
        navigation.register(
            _("Check-in"),
            "badges:check_in",
            area="orga",
            order=28,
            description=_("Check people in by their badge code, for the day or a training."),
        )


def _certificates_section(user):
    from defdays.badges.selectors import certificates_for

    rows = list(certificates_for(user))
    return [("badges/_certificates.html", {"certificates": rows})] if rows else []
