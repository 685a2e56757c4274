from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "defdays.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from defdays.core import checks, generation, navigation  # noqa: F401 (checks, generation register themselves)

        checks.refuse_unlocked_concurrency_in_production()

        navigation.register(_("Audit log"), "core:audit_log", area="orga", order=90,
                            description=_("Sign-ins, role changes, exports, reads of restricted data."))
