from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _writes_report(request, edition) -> bool:
    from defdays.reports import selectors

    return selectors.is_editor(request.user, selectors.report_of(edition))


def _authors():
    from defdays.reports.models import ReportAuthor

    return ReportAuthor.objects.values("user")


def _award_page_links(edition) -> list[tuple[str, str]]:
    from django.urls import reverse

    from defdays.reports import selectors

    if not selectors.is_published(selectors.report_of(edition)):
        return []
    return [
        (
            _("The report on the situation for human rights defenders in the laureate's country"),
            reverse("reports:report", kwargs={"year": edition.year}),
        ),
        (_("The report as a PDF"), reverse("reports:report_pdf", kwargs={"year": edition.year})),
    ]


class ReportsConfig(AppConfig):
    name = "defdays.reports"
    label = "reports"
    verbose_name = _("Country reports")

    def ready(self):
        # Registers the report's hook with the award's announcement (award.embargo.on_announcement).
        from defdays.accounts.models import require_second_factor_for
        from defdays.core import navigation
        from defdays.reports import services  # noqa: F401

        # An author reads drafts that name the laureate's country before the announcement: a password alone must
        # not be enough, so authors sign in with a second factor, like staff.
        require_second_factor_for(_authors)

        from defdays.award import page_links

        page_links.register(_award_page_links)

        navigation.register(
            _("Country report"),
            "reports:edit",
            area="me",
            order=60,
            visible=_writes_report,
            description=_("Drafts, versions and review comments of the report you write."),
        )
        navigation.register(
            _("Country report"),
            "reports:orga",
            area="orga",
            order=60,
            description=_("Authors, approval and publication of the report on the laureate's country."),
        )
