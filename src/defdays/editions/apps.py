from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "defdays.editions"
    label = "editions"
    verbose_name = _("Editions")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from defdays.editions.models import Edition
        from defdays.editions.selectors import forget_cached_editions

        def forget(sender, instance, **kwargs):
            # In the writing transaction: no process can see the new generation before the new row.
            forget_cached_editions()

        post_save.connect(forget, sender=Edition, weak=False, dispatch_uid="editions-forget-cache")
        post_delete.connect(forget, sender=Edition, weak=False, dispatch_uid="editions-forget-cache-delete")

        from defdays.core import edition_lookup, navigation, sitemaps
        from defdays.editions import selectors
        from defdays.editions.sitemaps import EditionSitemap

        sitemaps.register("editions", EditionSitemap)

        edition_lookup.register(
            edition_lookup.EditionLookup(
                for_viewer=selectors.edition_for_viewer,
                current=selectors.current_edition,
                public_years=lambda: selectors.visible_editions(None).values_list("year", flat=True),
            )
        )

        navigation.register(_("Home"), "editions:home", order=10)
        navigation.register(_("Archive"), "editions:archive", order=85, needs_edition=False)
        navigation.register(_("Organisers"), "editions:orga_home", order=95)
        navigation.register(
            _("Edition details"),
            "editions:orga_edition",
            area="orga",
            order=5,
            description=_("Dates, texts and contact person on the public pages; draft or published."),
        )
        navigation.register(
            _("Next year's edition"),
            "editions:orga_next_edition",
            area="orga",
            order=90,
            description=_("A new draft edition with this one's rooms, tracks, rules and texts; never its people."),
        )
