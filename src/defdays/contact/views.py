from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from defdays.accounts.selectors import listable_users
from defdays.contact import forms, selectors, services
from defdays.core import ratelimit
from defdays.core.access import ANY_STAFF, ORGANISERS, PUBLIC, access
from defdays.core.clients import client_network
from defdays.core.links import absolute_url
from defdays.core.roles import STAFF_ROLES

# Messages per network per hour, and for the whole site: a flood from one place, or from many, cannot bury the
# contact person's inbox or fill the outbox. Counted only for messages that would be stored.
LIMIT_PER_NETWORK = 5
LIMIT_GLOBAL = 200
WINDOW_SECONDS = 3600


def _page(request, form, *, status=200):
    edition = request.edition
    return render(
        request,
        "contact/page.html",
        {"edition": edition, "form": form, "settings": selectors.settings_of(edition), "honeypot": forms.HONEYPOT},
        status=status,
    )


def _allowed(request) -> bool:
    # Both counters are counted on every attempt, so one cannot be used to probe the other.
    per_network = ratelimit.allow(f"contact:{client_network(request)}", LIMIT_PER_NETWORK, WINDOW_SECONDS)
    overall = ratelimit.allow("contact:all", LIMIT_GLOBAL, WINDOW_SECONDS)
    return per_network and overall


@require_http_methods(["GET", "POST"])
@access(PUBLIC)
def page(request, year):
    """Who the contact person is, the secure channels, and the form."""
    edition = request.edition
    if request.method != "POST":
        return _page(request, forms.ContactForm(initial={"started": forms.started_token()}))
    form = forms.ContactForm(request.POST)
    if form.honeypot_filled():
        # A bot: answered like a success so that it learns nothing to adapt to; nothing stored, nothing sent.
        return redirect("contact:sent", year=edition.year)
    if not form.is_valid():
        form.data = form.data.copy()
        form.data["started"] = forms.started_token()  # a corrected form must not be refused as stale
        return _page(request, form, status=400)
    if not _allowed(request):
        return render(request, "contact/refused.html", {"edition": edition}, status=429)
    services.message_receive(
        edition=edition,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        body=form.cleaned_data["message"],
        language=get_language() or "en",
        inbox_url=absolute_url(reverse("contact:inbox", kwargs={"year": edition.year}), request),
    )
    return redirect("contact:sent", year=edition.year)


@require_GET
@access(PUBLIC)
def sent(request, year):
    return render(request, "contact/sent.html", {"edition": request.edition})


@require_GET
@access(ANY_STAFF)  # and then organisers or the contact person's account only (selectors.may_read)
def inbox(request, year):
    found = selectors.inbox(request.user, request.edition)
    if found is None:
        raise Http404
    return render(request, "contact/inbox.html", {"edition": request.edition, "messages_list": list(found)})


@require_http_methods(["GET", "POST"])
@access(ANY_STAFF)  # and then organisers or the contact person's account only (selectors.may_read)
def message(request, year, pk):
    found = selectors.message_for(request.user, request.edition, pk)
    if found is None:
        raise Http404
    form = forms.AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.message_answer(message=found, body=form.cleaned_data["answer"], actor=request.user)
        messages.success(request, _("Your answer is on its way to the sender."))
        return redirect("contact:message", year=year, pk=found.pk)
    services.message_read(message=found, actor=request.user)
    return render(
        request,
        "contact/message.html",
        {"edition": request.edition, "message": found, "replies": list(found.replies.all()), "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def settings_page(request, year):
    edition = request.edition
    current = selectors.settings_of(edition)
    readers = listable_users().filter(roles__edition=edition, roles__role__in=STAFF_ROLES).distinct()
    initial = {}
    if current is not None:
        initial = {
            "reader": current.reader_id,
            "openpgp_key": current.openpgp_key,
            "secure_channels": current.secure_channels,
        }
    form = forms.SettingsForm(request.POST or None, initial=initial, readers=readers)
    if request.method == "POST" and form.is_valid():
        services.settings_save(edition=edition, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("contact:settings", year=year)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "page_title": _("Contact page"),
            "submit_label": _("Save"),
            "intro": _(
                "The contact person's name and address are in the edition details. Here: who reads the messages "
                "with the organisers, and the secure channels the contact page offers."
            ),
        },
        status=400 if form.errors else 200,
    )
