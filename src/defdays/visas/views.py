from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from defdays.core.access import PUBLIC, SIGNED_IN, TRAVEL_TEAM, access
from defdays.core.uploads import attachment_response
from defdays.visas import forms, selectors, services


@require_http_methods(["GET", "POST"])
@access(SIGNED_IN)  # and then a participant of the edition (selectors.may_ask)
def mine(request, year):
    edition = request.edition
    if not selectors.may_ask(request.user, edition):
        raise Http404
    letter = selectors.own_letter(request.user, edition)
    form = None
    status = 200
    if request.method == "POST" and request.POST.get("step") == "ask":
        services.letter_ask(user=request.user, edition=edition)
        return redirect("visas:mine", year=edition.year)
    if letter is not None and letter.status != "issued":
        form = forms.DetailsForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            if form.is_valid():
                services.letter_details_save(letter=letter, user=request.user, details=form.details())
                messages.success(request, _("Thank you. The travel team will issue your letter."))
                return redirect("visas:mine", year=edition.year)
            status = 400
    return render(request, "visas/mine.html", {"edition": edition, "letter": letter, "form": form}, status=status)


@require_GET
@access(SIGNED_IN)  # and then the holder of the link's letter only; anything else is 404
def download(request, token):
    stored = services.letter_download(token=token, user=request.user)
    if stored is None:
        raise Http404
    return attachment_response(stored)


@require_GET
@access(PUBLIC)
def verify(request, token):
    found = services.read_verification(token)
    if found is None:
        return render(request, "visas/verify_invalid.html", status=404)
    return render(request, "visas/verify.html", {"found": found})


@require_GET
@access(TRAVEL_TEAM)
def team_list(request, year):
    rows = selectors.requests_for_team(request.edition)
    return render(request, "visas/team_list.html", {"edition": request.edition, "rows": rows})


@require_http_methods(["GET", "POST"])
@access(TRAVEL_TEAM)
def team_detail(request, year, uid):
    edition = request.edition
    letter = selectors.request_for_team(edition, uid)
    if letter is None:
        raise Http404
    if request.method == "POST":
        try:
            services.letter_issue(letter=letter, actor=request.user, request=request)
        except services.VisaError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The letter is issued; the participant has been sent a download link."))
        return redirect("visas:team_detail", year=edition.year, uid=letter.uid)
    services.letter_details_read(letter=letter, actor=request.user)
    return render(request, "visas/team_detail.html", {"edition": edition, "letter": letter})
