from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "defdays.exports"
    label = "exports"
    verbose_name = _("Exports")

    def ready(self):
        from defdays.core import navigation
        from defdays.exports import kinds  # noqa: F401 - registers the export kinds

        navigation.register(
            _("Exports"),
            "exports:index",
            area="orga",
            order=90,
            description=_(
                "Spreadsheets of participants, travel and check-in; restricted fields need a second organiser's "
                "approval."
            ),
        )
