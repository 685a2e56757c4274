from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkingConfig(AppConfig):
    name = "defdays.networking"
    label = "networking"
    verbose_name = _("Networking")

    def ready(self):
        from defdays.core import navigation
        from defdays.programme import agenda_extras

        agenda_extras.register(_accepted_meetings)
        navigation.register(
            _("Meet other participants"),
            "networking:home",
            area="me",
            order=30,
            visible=_in_closed_part,
            description=_("Your directory profile (off until you list yourself), meeting requests, blocks."),
        )
        navigation.register(
            _("Networking"),
            "networking:orga",
            area="orga",
            order=70,
            description=_("Times and meeting points for meetings between participants."),
        )
        navigation.register(
            _("Reports about participants"),
            "networking:safety_reports",
            area="orga",
            order=71,
            description=_("What participants reported about another participant from the directory."),
        )


def _in_closed_part(request, edition):
    from defdays.networking.selectors import in_closed_part

    return in_closed_part(request.user, edition, request=request)


def _accepted_meetings(user, edition):
    from django.urls import reverse
    from django.utils.translation import gettext as _g

    from defdays.networking.selectors import accepted_meetings
    from defdays.programme.agenda_extras import Appointment

    return [
        Appointment(
            uid=f"meeting-{meeting.uid}",
            start=meeting.slot.starts_at,
            end=meeting.slot.ends_at,
            title=_g("Meeting with %(name)s") % {"name": meeting.other_party(user).public_name},
            location=meeting.point.label,
            url=reverse("networking:request", kwargs={"year": edition.year, "uid": meeting.uid}),
            # Calendar apps copy the feed to their servers: no other participant's name leaves the platform.
            calendar_title=_g("Meeting (networking)"),
            calendar_location=meeting.point.label,
            changed_at=meeting.changed_at,
        )
        for meeting in accepted_meetings(user, edition)
    ]
