from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "defdays.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from defdays.core import checks, generation  # noqa: F401 (they register themselves)

        checks.refuse_unlocked_concurrency_in_production()
