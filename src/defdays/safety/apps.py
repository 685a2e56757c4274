from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "defdays.safety"
    label = "safety"
    verbose_name = _("Safety")

    def ready(self):
        from defdays.accounts import me_sections
        from defdays.core import navigation

        me_sections.register(_own_reports_section)
        navigation.register(
            _("Incident reports"),
            "safety:report_list",
            area="orga",
            order=70,
            description=_("Reports to the safety team: read, follow up, note. Only the safety team sees them."),
        )
        navigation.register(
            _("Code of conduct"),
            "safety:orga_code_of_conduct",
            area="orga",
            order=71,
            description=_("Publish a new version of the code of conduct that participants accept."),
        )


def _own_reports_section(user):
    from defdays.safety.selectors import own_reports

    reports = list(own_reports(user)[:5])
    return [("safety/_me_section.html", {"reports": reports})] if reports else []
