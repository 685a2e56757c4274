import json
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from defdays.core.access import PUBLIC, SAFETY, SIGNED_IN, access
from defdays.core.links import absolute_url
from defdays.core.roles import RoleName
from defdays.people import email_change, presentation, selectors, services
from defdays.people.forms import EmailChangeForm, EraseForm, HideParticipantForm, ProfileForm, ShowAgainForm

logger = logging.getLogger(__name__)


BUSY_MESSAGE = gettext_lazy(
    "The system is busy and your request could not be completed. Nothing was changed. Please try again in a minute."
)


@require_GET
@access(SIGNED_IN)
def data_view(request):
    """Everything we hold about the signed-in person, readable."""
    data = services.export(request.user, request=request, file_format="html")
    account = data["account"]
    return render(
        request,
        "people/data.html",
        {
            "account": account,
            "sections": presentation.app_sections(data["apps"]),
            "language_name": dict(settings.LANGUAGES).get(account["preferred_language"], account["preferred_language"]),
            "roles": [{**role, "label": RoleName(role["role"]).label} for role in account["roles"]],
        },
    )


@require_GET
@access(SIGNED_IN)
def data_json_view(request):
    data = services.export(request.user, request=request, file_format="json")
    body = json.dumps(data, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@require_http_methods(["GET", "POST"])
@access(SIGNED_IN)
def edit_view(request):
    user = request.user
    initial = {"public_name": user.public_name, "language": user.language}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_profile(user, **form.cleaned_data)
        except OperationalError:  # locked by another write (SQLite has one writer): rolled back, try again
            logger.warning("Profile update refused: the database was busy.", exc_info=True)
            form.add_error(None, BUSY_MESSAGE)
        else:
            messages.success(request, _("Your details are saved.") if changed else _("Nothing was changed."))
            return redirect("people:data")
    return render(request, "people/edit.html", {"form": form})


@require_http_methods(["GET", "POST"])
@access(SIGNED_IN)
def email_view(request):
    form = EmailChangeForm(request.user, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            email_change.request_change(request.user, form.cleaned_data["email"], base_url=absolute_url("/", request))
        except email_change.ChangeLimited:
            status = 429
            form.add_error(
                None, _("Too many requests to change your email. Nothing was sent. Please try again in an hour.")
            )
        else:
            # The same words whether the address is free or already used by someone.
            messages.info(
                request,
                _(
                    "If this address can be used, a link to confirm it is on its way there. "
                    "Your email changes when you open that link."
                ),
            )
            return redirect("people:data")
    return render(
        request,
        "people/email_change.html",
        {
            "form": form,
            "page_title": _("Change your email"),
            "submit_label": _("Send the link"),
            "intro": _("Your current address stays until you confirm the new one."),
        },
        status=status,
    )


@require_GET
@access(SIGNED_IN)
def email_confirm_view(request, token):
    if email_change.confirm_change(request.user, token):
        messages.success(request, _("Your email is changed."))
    else:
        messages.error(request, _("This link cannot be used: it is too old, already used, or not yours."))
    return redirect("people:data")


@require_http_methods(["GET", "POST"])
@access(SIGNED_IN)
def hide_view(request):
    """The person's own "hide me" switch."""
    user = request.user
    if request.method == "POST":
        wanted = request.POST.get("hidden")
        if wanted in ("1", "0"):
            services.set_hidden(user, wanted == "1", actor=user)
            messages.success(
                request,
                _("You are hidden from every list.")
                if wanted == "1"
                else _("You appear in lists again, as you chose before."),
            )
        return redirect("people:hide")
    return render(request, "people/hide.html", {"hidden": user.is_hidden})


@require_POST
@access(SIGNED_IN)
def keep_account_view(request):
    """The person's choice to keep their account after their last edition's retention period (or not)."""
    wanted = request.POST.get("keep")
    if wanted in ("1", "0"):
        services.set_keep_account(request.user, wanted == "1")
        messages.success(
            request,
            _("Your account will be kept after the edition.")
            if wanted == "1"
            else _("Your account will be deleted after your last edition's retention period."),
        )
    return redirect("people:data")


@require_http_methods(["GET", "POST"])
@access(SIGNED_IN)
def erase_view(request):
    form = EraseForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.erase(request.user)  # None when a first click already erased it: same outcome
        except OperationalError:  # locked by another write (e.g. an import): rolled back, nothing erased
            logger.warning("Erasure refused: the database was busy.", exc_info=True)
            form.add_error(None, BUSY_MESSAGE)
        else:
            logout(request)
            return redirect("people:erased")
    return render(request, "people/erase.html", {"form": form})


@require_GET
@access(PUBLIC)
def erased_view(request):
    return render(request, "people/erased.html")


@require_http_methods(["GET", "POST"])
@access(SAFETY)
def safety_hidden_view(request, year):
    """The safety team's view: who is hidden in this edition; hide or show a participant (audited)."""
    edition = request.edition
    form = HideParticipantForm(
        selectors.hideable_participants(edition), request.POST if request.POST.get("action") == "hide" else None
    )
    if request.method == "POST":
        if request.POST.get("action") == "unhide":
            show = ShowAgainForm(request.POST)
            if not show.is_valid():
                messages.error(request, _("Choose the reason first: the person is told why they appear again."))
                return redirect("people:safety_hidden", year=edition.year)
            person = selectors.participant_for_safety(edition, show.cleaned_data["person"])
            if person is not None and services.set_hidden(
                person, False, actor=request.user, edition=edition, reason=show.cleaned_data["reason"]
            ):
                messages.success(request, _("The participant appears in lists again and is told by email."))
            return redirect("people:safety_hidden", year=edition.year)
        if form.is_valid():
            services.set_hidden(form.cleaned_data["person"], True, actor=request.user, edition=edition)
            messages.success(request, _("The participant is hidden from every list."))
            return redirect("people:safety_hidden", year=edition.year)
    return render(
        request,
        "people/safety_hidden.html",
        {
            "edition": edition,
            "form": form,
            "hidden": selectors.hidden_participants(edition),
            "show_again": ShowAgainForm(),
        },
    )
