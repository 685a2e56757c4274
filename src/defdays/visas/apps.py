from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisasConfig(AppConfig):
    name = "defdays.visas"
    label = "visas"
    verbose_name = _("Visa letters")

    def ready(self):
        from defdays.accounts import me_sections
        from defdays.core import navigation

        me_sections.register(_me_section)
        navigation.register(
            _("Visa letters"),
            "visas:team_list",
            area="orga",
            order=62,
            description=_("Letters of invitation for embassies: details given, issue, links sent."),
        )


def _me_section(user):
    from defdays.registration.selectors import active_participations_ahead
    from defdays.visas.models import LetterRequest

    participations = active_participations_ahead(user)
    if not participations:
        return []
    editions = [p.edition for p in participations]
    letters = {letter.edition_id: letter for letter in LetterRequest.objects.filter(user=user, edition__in=editions)}
    return [("visas/_me_section.html", {"rows": [(e, letters.get(e.pk)) for e in editions]})]
