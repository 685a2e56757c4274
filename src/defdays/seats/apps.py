from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeatsConfig(AppConfig):
    name = "defdays.seats"
    label = "seats"
    verbose_name = _("Seats and waitlists")
