from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingsConfig(AppConfig):
    name = "defdays.mailings"
    label = "mailings"
    verbose_name = _("Messages to participants")
