from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpensessionConfig(AppConfig):
    name = "defdays.opensession"
    label = "opensession"
    verbose_name = _("Open session")
