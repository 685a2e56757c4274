from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "defdays.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_delete

        from defdays.programme import signals

        post_delete.connect(
            signals.user_or_speaker_deleted, sender=settings.AUTH_USER_MODEL, dispatch_uid="programme-user-deleted"
        )
        post_delete.connect(
            signals.user_or_speaker_deleted, sender="programme.Speaker", dispatch_uid="programme-speaker-deleted"
        )

        from defdays.programme.seats import release_closed_seats
        from defdays.registration.standing import on_standing_lost

        on_standing_lost("programme.training_seats", release_closed_seats)

        from defdays.editions import carry_over
        from defdays.programme.services import carry_over as copy_setup

        carry_over.register("programme.rooms_tracks_rules", copy_setup)

        from defdays.core import navigation, sitemaps
        from defdays.programme.sitemaps import ProgrammeSitemap

        sitemaps.register("programme", ProgrammeSitemap)
        navigation.register(_("Programme"), "programme:schedule", order=15)
        navigation.register(
            _("My agenda"),
            "programme:agenda",
            area="me",
            order=20,
            description=_("Sessions you plan to attend, training seats and a private calendar link."),
        )
        navigation.register(
            _("Programme"),
            "programme:orga_overview",
            area="orga",
            order=20,
            description=_("Sessions, rooms, speakers, conflicts and published versions."),
        )
        navigation.register(
            _("Session types and training seats"),
            "programme:orga_settings",
            area="orga",
            order=22,
            description=_("Which session types this edition offers; seats of a new training; trainings per person."),
        )
