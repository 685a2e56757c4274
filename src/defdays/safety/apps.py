from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "defdays.safety"
    label = "safety"
    verbose_name = _("Safety")

    def ready(self):
        from defdays.accounts import me_sections
        from defdays.core import navigation
        from defdays.registration import documents

        me_sections.register(_own_reports_section)
        documents.provide_code_of_conduct(_code_of_conduct_html)
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


def _code_of_conduct_html(edition, version):
    from defdays.core.markdown import render
    from defdays.safety.selectors import code_of_conduct_version

    document = code_of_conduct_version(edition, version)
    return render(document.text) if document else None


def _own_reports_section(user):
    from defdays.safety.selectors import own_reports

    reports = list(own_reports(user)[:5])
    return [("safety/_me_section.html", {"reports": reports})] if reports else []
