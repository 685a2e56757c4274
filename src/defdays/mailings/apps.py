from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

ME_SECTION_SIZE = 5


class MailingsConfig(AppConfig):
    name = "defdays.mailings"
    label = "mailings"
    verbose_name = _("Messages to participants")

    def ready(self):
        from defdays.accounts import me_sections
        from defdays.core import navigation

        me_sections.register(_copies_section)
        navigation.register(
            _("Messages"),
            "mailings:list",
            area="orga",
            order=60,
            description=_("Write to approved defenders, all participants, speakers, bookings or a training."),
        )


def _copies_section(user):
    from defdays.mailings.selectors import own_copies

    copies = list(own_copies(user)[: ME_SECTION_SIZE + 1])
    if not copies:
        return []
    return [
        (
            "mailings/_me_section.html",
            {"copies": copies[:ME_SECTION_SIZE], "more": len(copies) > ME_SECTION_SIZE},
        )
    ]
