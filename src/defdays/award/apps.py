from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardConfig(AppConfig):
    name = "defdays.award"
    label = "award"
    verbose_name = _("The award")

    def ready(self):
        from defdays.award import services
        from defdays.core import navigation
        from defdays.core.tasks import on_worker_start
        from defdays.programme import session_notes

        navigation.register(_("Award"), "award:award", order=60)
        navigation.register(
            _("Award: nominations and jury"),
            "award:nominations",
            area="orga",
            order=60,
            description=_("Nominations, conflicts of interest, scores and deliberation notes."),
        )
        navigation.register(
            _("Award: settings and announcement"),
            "award:orga",
            area="orga",
            order=61,
            description=_("Nomination period, criteria, nominator links, ranking, decision, announcement."),
        )
        session_notes.register(ceremony_note)
        on_worker_start(services.schedule_all_announcements)


def ceremony_note(edition, session: dict):
    """The ceremony's page names the laureate once, and only once, the award is announced."""
    if session.get("type") != "award":
        return None
    from defdays.award import selectors

    laureate = selectors.public_laureate(edition)
    if laureate is None:
        return None
    return _("The Civil Rights Defender of the Year %(year)s: %(name)s, %(country)s.") % {
        "year": laureate.year,
        "name": laureate.name,
        "country": laureate.country,
    }
