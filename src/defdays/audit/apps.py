from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "defdays.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        from defdays.core import navigation

        navigation.register(
            _("Audit log"),
            "audit:audit_log",
            area="orga",
            order=90,
            description=_("Sign-ins, role changes, exports, reads of restricted data."),
        )
