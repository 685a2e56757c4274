"""The country report: the public page and PDF (embargoed), the editors' pages, the organisers' page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from defdays.accounts.models import User
from defdays.award.embargo import is_announced
from defdays.core.access import ORGANISERS, PUBLIC, SIGNED_IN, access
from defdays.core.confirm import confirmation_page, confirmed
from defdays.reports import rendering, selectors, services
from defdays.reports.forms import ApproveForm, AuthorForm, CommentForm, ReportForm
from defdays.reports.models import ReportAuthor


def _reading_or_404(request):
    reading = selectors.report_for_reader(request.user, request.edition)
    if reading is None:
        raise Http404
    return reading


@access(PUBLIC)
def report_page(request, year):
    reading = _reading_or_404(request)
    body = rendering.html_body(reading.document.html)
    return render(
        request,
        "reports/report.html",
        {
            "edition": request.edition,
            "reading": reading,
            "body": body,
            "headings": reading.document.headings,
            "has_notes": rendering.has_notes(reading.document.html),
            "notes_anchor": rendering.NOTES_ANCHOR,
        },
    )


@access(PUBLIC)
def report_pdf(request, year):
    reading = _reading_or_404(request)
    response = HttpResponse(selectors.pdf_of(reading), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="report-{request.edition.year}.pdf"'
    if not reading.published:
        response["Cache-Control"] = "no-store"
    return response


def _report_for_editor_or_404(request):
    report = selectors.report_for_editor(request.user, request.edition)
    if report is None:
        raise Http404
    return report


def _report_to_write_or_404(request):
    """As above, but organisers may start the first version of a report that does not exist yet (None)."""
    report = selectors.report_of(request.edition)
    if report is None and selectors.is_organiser(request.user, request.edition):
        return None
    return _report_for_editor_or_404(request)


@access(SIGNED_IN)
def edit(request, year):
    """Authors and organisers write here; every save is a new version. Anyone else: 404, as for no report."""
    report = _report_to_write_or_404(request)
    latest = report.versions.first() if report else None
    initial = {"base_number": latest.number if latest else 0}
    if latest:
        initial.update(title=latest.title, country=latest.country, body=latest.body)
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.version_save(
                edition=request.edition,
                title=data["title"],
                country=data["country"],
                body=data["body"],
                base_number=data["base_number"],
                by=request.user,
            )
        except services.StaleEdit:
            form.add_error(
                None,
                _(
                    "Someone saved a newer version while you were writing. Your text is kept below; compare it with "
                    "the latest version before saving again."
                ),
            )
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Saved as version %(n)s.") % {"n": version.number})
            return redirect("reports:edit", year=year)
    return render(
        request,
        "reports/edit.html",
        {
            "edition": request.edition,
            "report": report,
            "latest": latest,
            "form": form,
            "versions": list(report.versions.select_related("saved_by")) if report else [],
            "published": selectors.is_published(report),
            "announced": is_announced(request.edition),
        },
    )


@access(SIGNED_IN)
def version(request, year, number):
    report = _report_for_editor_or_404(request)
    shown = selectors.version_for_editor(request.user, request.edition, number)
    if shown is None:
        raise Http404
    against_number = request.GET.get("against", "")
    against = None
    if against_number.isdigit():
        against = selectors.version_for_editor(request.user, request.edition, int(against_number))
    if against is None:
        against = report.versions.filter(number__lt=shown.number).first()
    reading = selectors.reading_of(report, shown, published=False)
    return render(
        request,
        "reports/version.html",
        {
            "edition": request.edition,
            "report": report,
            "shown": shown,
            "against": against,
            "diff": selectors.version_diff(against, shown),
            "body": rendering.html_body(reading.document.html),
            "comments": list(shown.comments.select_related("author")),
            "comment_form": CommentForm(),
            "numbers": list(report.versions.exclude(pk=shown.pk).values_list("number", flat=True)),
        },
    )


@access(SIGNED_IN)
@require_POST
def comment(request, year, number):
    _report_for_editor_or_404(request)
    shown = selectors.version_for_editor(request.user, request.edition, number)
    if shown is None:
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(version=shown, body=form.cleaned_data["body"], by=request.user)
        messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("The comment was empty or too long."))
    return redirect("reports:version", year=year, number=number)


@access(ORGANISERS)
def orga(request, year):
    report = selectors.report_of(request.edition)
    form = AuthorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.find_by_email(form.cleaned_data["email"])
        if user is None or not user.is_active:
            form.add_error("email", _("No account has this address. Invite the person first."))
        else:
            services.author_add(
                edition=request.edition, user=user, pseudonym=form.cleaned_data["pseudonym"], by=request.user
            )
            messages.success(request, _("Authorship given."))
            return redirect("reports:orga", year=year)
    numbers = list(report.versions.values_list("number", flat=True)) if report else []
    return render(
        request,
        "reports/orga.html",
        {
            "edition": request.edition,
            "report": report,
            "authors": list(report.authors.select_related("user")) if report else [],
            "form": form,
            "approve_form": ApproveForm(numbers=numbers) if numbers else None,
            "published": selectors.is_published(report),
            "announced": is_announced(request.edition),
        },
    )


@access(ORGANISERS)
def author_remove(request, year, pk):
    report = selectors.report_of(request.edition)
    author = ReportAuthor.objects.filter(report=report, pk=pk).select_related("user").first() if report else None
    if author is None:
        raise Http404
    if confirmed(request):
        services.author_remove(edition=request.edition, author_id=author.pk, by=request.user)
        messages.success(request, _("Authorship removed."))
        return redirect("reports:orga", year=year)
    return confirmation_page(
        request,
        title=_("Remove an author"),
        consequences=[
            _("%(name)s can no longer open the drafts, versions or comments of this report.")
            % {"name": author.user.public_name},
        ],
        confirm_label=_("Remove authorship"),
        cancel_url=reverse("reports:orga", kwargs={"year": year}),
    )


@access(ORGANISERS)
def approve(request, year):
    report = selectors.report_of(request.edition)
    numbers = list(report.versions.values_list("number", flat=True)) if report else []
    form = ApproveForm(request.POST or None, numbers=numbers)
    if request.method != "POST" or not numbers or not form.is_valid():
        return redirect("reports:orga", year=year)
    number = form.cleaned_data["number"]
    if confirmed(request):
        services.version_approve(edition=request.edition, number=number, by=request.user)
        messages.success(request, _("Version %(n)s approved.") % {"n": number})
        return redirect("reports:orga", year=year)
    announced = is_announced(request.edition)
    return confirmation_page(
        request,
        title=_("Approve version %(n)s") % {"n": number},
        consequences=[
            _("The award is announced: version %(n)s is published now, as HTML and PDF, for everyone.") % {"n": number}
            if announced
            else _("Version %(n)s is published with the award's announcement, as HTML and PDF, for everyone.")
            % {"n": number},
            _("Later saves stay drafts until you approve another version."),
        ],
        confirm_label=_("Approve"),
        cancel_url=reverse("reports:orga", kwargs={"year": year}),
        hidden=[("number", number)],
    )
