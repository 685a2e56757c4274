from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhotosConfig(AppConfig):
    name = "defdays.photos"
    label = "photos"
    verbose_name = _("Photos")

    def ready(self):
        from defdays.core import navigation

        navigation.register(_("Photos"), "photos:gallery", order=70)
        navigation.register(
            _("Photos"),
            "photos:orga_list",
            area="orga",
            order=65,
            description=_("Upload official photos, say who is in them, publish what their consent allows."),
        )
