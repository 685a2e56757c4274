from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from defdays.core import markdown, ratelimit
from defdays.core.access import ORGANISERS, PUBLIC, SAFETY_UNSEEN, SIGNED_IN, access
from defdays.people.selectors import participant_for_safety, participants_of
from defdays.safety import forms, selectors, services

# Reports for the whole site per hour. Counted for everyone together, never per address: keeping a counter per
# network would itself be a record of where reports come from.
LIMIT_GLOBAL = 300
WINDOW_SECONDS = 3600


@require_GET
@access(PUBLIC)
def code_of_conduct(request, year):
    edition = request.edition
    document = selectors.current_code_of_conduct(edition)
    return render(
        request,
        "safety/code_of_conduct.html",
        {"edition": edition, "document": document, "html": markdown.render(document.text) if document else ""},
    )


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga_code_of_conduct(request, year):
    edition = request.edition
    current = selectors.current_code_of_conduct(edition)
    form = forms.CodeOfConductForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            document = services.code_of_conduct_publish(
                edition=edition, text=form.cleaned_data["text"], actor=request.user
            )
        except ValidationError as exc:
            form.add_error("text", exc)
        else:
            messages.success(request, _("Version %(v)d is published.") % {"v": document.version})
            return redirect("safety:orga_code_of_conduct", year=edition.year)
    return render(
        request,
        "safety/orga_code_of_conduct.html",
        {"edition": edition, "form": form, "versions": selectors.code_of_conduct_versions(edition)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@access(PUBLIC)
def report_form(request, year):
    """Anonymous or signed. Nothing from the request but the form's fields reaches the service: not the address,
    not the user agent, not the session of an anonymous sender."""
    edition = request.edition
    signed_in = request.user.is_authenticated
    form = forms.ReportForm(request.POST or None, signed_in=signed_in)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow("safety-report:all", LIMIT_GLOBAL, WINDOW_SECONDS):
            return render(request, "safety/report_busy.html", {"edition": edition}, status=429)
        reporter = request.user if signed_in and form.cleaned_data.get("signed") else None
        try:
            submitted = services.report_submit(edition=edition, body=form.cleaned_data["body"], reporter=reporter)
        except ValidationError as exc:
            form.add_error("body", exc)
        else:
            # The receipt code is shown in this answer only: not in a URL, a redirect, the session or a cookie.
            return render(
                request,
                "safety/report_sent.html",
                {"edition": edition, "code": submitted.receipt_code, "signed": reporter is not None},
            )
    return render(
        request,
        "safety/report_form.html",
        {"edition": edition, "form": form, "document": selectors.current_code_of_conduct(edition)},
        status=400 if form.is_bound else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@access(PUBLIC)
def report_status(request, year):
    """The code is posted, never put in the URL (which browsers keep in their history)."""
    edition = request.edition
    form = forms.ReceiptForm(request.POST or None)
    report, looked = None, False
    if request.method == "POST" and form.is_valid():
        looked = True
        report = selectors.report_by_receipt(edition, form.cleaned_data["code"])
    return render(
        request,
        "safety/report_status.html",
        {"edition": edition, "form": forms.ReceiptForm(), "report": report, "looked": looked},
    )


@require_GET
@access(SIGNED_IN)
def own_reports(request):
    return render(request, "safety/own_reports.html", {"reports": selectors.own_reports(request.user)})


@require_GET
@access(SAFETY_UNSEEN)
def report_list(request, year):
    edition = request.edition
    return render(
        request,
        "safety/report_list.html",
        {
            "edition": edition,
            "reports": selectors.reports_for(request.user, edition),
            "by_person": selectors.reports_by_person(request.user, edition),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@access(SAFETY_UNSEEN)
def report_detail(request, year, pk):
    edition = request.edition
    report = selectors.report_for(request.user, edition, pk)
    if report is None:
        raise Http404
    participants = list(participants_of(edition))
    form = forms.ReportUpdateForm(
        request.POST or None,
        participants=participants,
        initial={"status": report.status, "about": str(report.about_id or "")},
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["about"]
        about = participant_for_safety(edition, chosen) if chosen else None
        services.report_update(
            report=report,
            actor=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            about=about,
            clear_about=not chosen,
        )
        messages.success(request, _("The report is updated."))
        return redirect("safety:report_detail", year=edition.year, pk=report.pk)
    services.report_read(report=report, reader=request.user)
    return render(
        request,
        "safety/report_detail.html",
        {"edition": edition, "report": report, "form": form, "notes": list(report.notes.select_related("author"))},
    )
