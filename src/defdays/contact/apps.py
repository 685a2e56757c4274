from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "defdays.contact"
    label = "contact"
    verbose_name = _("Contact")

    def ready(self):
        from django.contrib.sitemaps import Sitemap
        from django.urls import reverse

        from defdays.contact import selectors
        from defdays.core import navigation, sitemaps
        from defdays.core.edition_lookup import public_years

        class ContactSitemap(Sitemap):
            def items(self):
                return list(public_years())

            def location(self, year):
                return reverse("contact:page", kwargs={"year": year})

        sitemaps.register("contact", ContactSitemap)
        navigation.register(_("Contact"), "contact:page", order=80)
        navigation.register(
            _("Messages"),
            "contact:inbox",
            area="orga",
            order=62,
            visible=lambda request, edition: selectors.may_read(request.user, edition),
            description=_("Messages sent through the contact form; read and answer them here."),
        )
        navigation.register(
            _("Contact page"),
            "contact:settings",
            area="orga",
            order=63,
            description=_("Who reads the messages, the OpenPGP key and other secure channels."),
        )
