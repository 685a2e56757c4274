from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvitationsConfig(AppConfig):
    name = "defdays.invitations"
    label = "invitations"
    verbose_name = _("Invitations")

    def ready(self):
        from defdays.core import navigation

        navigation.register(
            _("Invitations"),
            "invitations:list",
            area="orga",
            order=20,
            description=_("Invite people to the closed part, one by one or from a CSV file."),
        )
