from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "defdays.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        from defdays.core import navigation

        navigation.register(
            _("Your data"),
            "people:data",
            area="me",
            order=80,
            needs_edition=False,
            description=_("See and download everything we hold about you; correct it."),
        )
        navigation.register(
            _("Hide me"),
            "people:hide",
            area="me",
            order=85,
            needs_edition=False,
            description=_("Disappear at once from every participant list, export and the published speakers."),
        )
        navigation.register(
            _("Erase my account"),
            "people:erase",
            area="me",
            order=95,
            needs_edition=False,
            description=_("Destroy your account and everything we hold about you, for good."),
        )
        navigation.register(
            _("Hidden people"),
            "people:safety_hidden",
            area="orga",
            order=70,
            description=_('Who chose or was given "hide me"; hide or show a participant.'),
        )
