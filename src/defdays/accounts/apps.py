from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "defdays.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from defdays.core import navigation

        navigation.register(_("My page"), "accounts:me", order=90, needs_edition=False)
        navigation.register(
            _("Roles"), "accounts:orga_roles", area="orga", order=10, description=_("Who may do what in this edition.")
        )
