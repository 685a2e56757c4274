from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "defdays.dashboard"
    label = "dashboard"
    verbose_name = _("Organisers' dashboard")

    def ready(self):
        from defdays.editions import orga_sections

        orga_sections.register(_dashboard_section)


def _dashboard_section(request):
    """The state of the edition, at the top of the organisers' home, for organisers only (the home itself is open
    to every staff role: a volunteer or the jury must not read the pipeline's numbers there)."""
    from defdays.core.access import ORGANISERS
    from defdays.dashboard.panels import panels_for

    if not ORGANISERS.allows(request):
        return []
    return [("dashboard/_dashboard.html", {"panels": panels_for(request.edition), "edition": request.edition})]
