from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "defdays.registration"
    label = "registration"
    verbose_name = _("Registration")

    def ready(self):
        from defdays.accounts import me_sections
        from defdays.core import navigation

        me_sections.register(_status_section)

        from defdays.editions import carry_over
        from defdays.registration.services import carry_over as copy_rules

        carry_over.register("registration.settings", copy_rules)

        navigation.register(
            _("Participants"),
            "registration:participants",
            area="orga",
            order=25,
            description=_("The closed-part pipeline: registered, approved, checked in."),
        )
        navigation.register(
            _("Your registration"),
            "registration:mine",
            area="me",
            order=10,
            visible=_has_registration,
            description=_("Days, photo consent, access needs; withdraw at any time."),
        )


def _has_registration(request, edition):
    from defdays.registration.selectors import participation_status

    return request.user.is_authenticated and participation_status(request.user, edition, request=request) is not None


def _status_section(user):
    from defdays.registration.status import status_panels

    panels = status_panels(user)
    return [("registration/_status_panels.html", {"panels": panels})] if panels else []
