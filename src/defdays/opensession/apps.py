from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpensessionConfig(AppConfig):
    name = "defdays.opensession"
    label = "opensession"
    verbose_name = _("Open session")

    def ready(self):
        from defdays.core import navigation
        from defdays.editions import carry_over
        from defdays.opensession.services import carry_over as copy_open_sessions

        carry_over.register("opensession.sessions", copy_open_sessions)

        navigation.register(_("Open session"), "opensession:public", order=20)
        navigation.register(
            _("Open session"),
            "opensession:orga",
            area="orga",
            order=30,
            description=_("Bookings, waitlist, seats and the CSV export."),
        )
