from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from defdays.core.sensitivity import Sensitivity

# The byline of an author who gave no pseudonym: the organisation signs for them.
ORGANISATION_BYLINE = "Civil Rights Defenders"


class CountryReport(models.Model):
    """One edition's report on the situation for human rights defenders in the laureate's country.

    Published means: an organiser approved one version (`approved_version`) AND the edition's award is announced
    (`award.embargo.is_announced`). Until both hold, the report and its country exist only for its authors and
    the organisers: the country alone would name the laureate's.
    """

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="country_report")
    approved_version = models.ForeignKey(
        "reports.ReportVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "approved_version": Sensitivity.STAFF,
        "approved_at": Sensitivity.STAFF,
        "created_at": Sensitivity.NONE,
    }

    def __str__(self) -> str:
        return f"Country report {self.edition_id}"


class ReportAuthor(models.Model):
    """An account an organiser gave authorship of one report. The public byline is `pseudonym`, or the
    organisation's name when it is empty: never the account's public name, which may be the person's own."""

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="authors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_authorships")
    pseudonym = models.CharField(_("pseudonym"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "report": Sensitivity.NONE,
        "user": Sensitivity.STAFF,
        "pseudonym": Sensitivity.PUBLIC,
        "created_at": Sensitivity.STAFF,
    }

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="reports_one_authorship")]
        ordering = ["pk"]

    @property
    def byline(self) -> str:
        return self.pseudonym or ORGANISATION_BYLINE


class ReportVersion(models.Model):
    """Every save of the report is a new, immutable version: the history authors and organisers read."""

    report = models.ForeignKey(CountryReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    country = models.CharField(_("country"), max_length=100)
    body = models.TextField(_("text (Markdown)"))
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "report": Sensitivity.NONE,
        "number": Sensitivity.NONE,
        "title": Sensitivity.PUBLIC,
        "country": Sensitivity.PUBLIC,
        "body": Sensitivity.PUBLIC,
        "saved_by": Sensitivity.STAFF,
        "saved_at": Sensitivity.STAFF,
    }

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reports_version_number")]
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Version {self.number}"


class ReviewComment(models.Model):
    """A reviewer's remark on one version, read by the authors and the organisers only."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "version": Sensitivity.NONE,
        "author": Sensitivity.STAFF,
        "body": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["created_at", "pk"]
