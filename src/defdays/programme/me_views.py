"""The personal agenda, training seats and the private calendar feed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from defdays.core.access import PUBLIC, SIGNED_IN, access
from defdays.core.confirm import confirmation_page, confirmed
from defdays.core.links import absolute_url
from defdays.programme import agenda_extras, exports, seats, selectors, services
from defdays.programme.forms import SpeakerConsentForm
from defdays.programme.snapshot import Audience


def _back(request, year):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("programme:agenda", year=year)


def _visible_or_404(request, slug):
    """The working-copy session behind a published session this viewer may see; anything else is a 404."""
    visible = selectors.visible_session(request.user, request.edition, slug)
    if visible is None or visible.working is None:
        raise Http404
    return visible.working


@access(SIGNED_IN)
def agenda(request, year):
    programme = selectors.programme_for(request.user, request.edition)
    entries, missing = selectors.agenda_for(request.user, request.edition, programme)
    places = seats.places_for(request.user, [entry["id"] for entry in entries])
    number, changed, gone = selectors.agenda_notices(
        request.user, request.edition, selectors.agenda_session_ids(request.user, request.edition)
    )
    for entry in entries:
        entry["place"], entry["change"] = places.get(entry["id"]), changed.get(entry["id"])
    return render(
        request,
        "programme/agenda.html",
        {
            "edition": request.edition,
            "entries": entries,
            "appointments": agenda_extras.appointments_for(request.user, request.edition),
            "missing": max(missing - len(gone), 0),
            "gone": gone,
            "changed": [entry for entry in entries if entry["change"]],
            "version_number": number,
            "has_feed": request.user.agenda_feeds.filter(edition=request.edition).exists(),
            "is_speaker": request.user.speaker_profiles.filter(edition=request.edition).exists(),
        },
    )


@access(SIGNED_IN)
def speaking(request, year):
    """A speaker's own sessions and, for each, their answers: may the closed part, may the public, name them?"""
    links = selectors.speaking_links(request.user, request.edition)
    if request.method == "POST":
        link = next((link for link in links if str(link.pk) == request.POST.get("link")), None)
        if link is None:
            raise Http404
        form = SpeakerConsentForm(request.POST, link=link)
        if form.is_valid():
            data = form.cleaned_data
            services.speaker_set_consent(
                request.user,
                link=link,
                consent_closed=data.get("consent_closed", link.consent_closed),
                consent_public=data.get("consent_public", link.consent_public),
            )
            messages.success(request, _("Your answer is saved. It shows in the next published version."))
            return redirect("programme:speaking", year=year)
    forms = [
        SpeakerConsentForm(
            link=link, initial={"consent_closed": link.consent_closed, "consent_public": link.consent_public}
        )
        for link in links
    ]
    return render(request, "programme/speaking.html", {"edition": request.edition, "forms": forms})


def _agenda_change(request, year, slug, change, done: str):
    change(request.user, _visible_or_404(request, slug).pk)
    messages.success(request, done)
    return _back(request, year)


@require_POST
@access(SIGNED_IN)
def agenda_add(request, year, slug):
    return _agenda_change(request, year, slug, services.agenda_add, _("Added to your agenda."))


@require_POST
@access(SIGNED_IN)
def agenda_remove(request, year, slug):
    return _agenda_change(request, year, slug, services.agenda_remove, _("Removed from your agenda."))


@require_POST
@access(SIGNED_IN)
def seat_book(request, year, slug):
    session = _visible_or_404(request, slug)
    try:
        seat = seats.book(request.user, session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request, year)
    if seat.status == "confirmed":
        messages.success(request, _("Your seat is booked."))
    else:
        messages.info(request, _("The training is full: you are on the waitlist."))
    return _back(request, year)


@require_POST
@access(SIGNED_IN)
def seat_cancel(request, year, slug):
    session = _visible_or_404(request, slug)
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Give up your place at “%(title)s”?") % {"title": session.title},
            consequences=[
                _("Your seat or waitlist place at “%(title)s” is given up.") % {"title": session.title},
                _(
                    "The next person on the waitlist gets the seat; booking again puts you at the end of the "
                    "waitlist if the training is full."
                ),
            ],
            confirm_label=_("Give up my place"),
            cancel_url=reverse("programme:session", kwargs={"year": year, "slug": slug}),
            hidden=[("next", request.POST.get("next", ""))],
        )
    seats.cancel(request.user, session)
    messages.success(request, _("Your seat is cancelled."))
    return _back(request, year)


@require_POST
@access(SIGNED_IN)
def feed_rotate(request, year):
    """Make (or replace) the private calendar link. Shown on this response only: only its hash is kept."""
    if request.POST.get("action") == "revoke":
        services.revoke_feed(request.user, request.edition)
        messages.success(request, _("Your private calendar link no longer works."))
        return redirect("programme:agenda", year=year)
    token = services.rotate_feed(request.user, request.edition)
    url = absolute_url(reverse("programme:agenda_feed", kwargs={"token": token}), request)
    return render(request, "programme/feed_created.html", {"edition": request.edition, "feed_url": url})


@access(PUBLIC)  # the unguessable token in the URL is the credential; it is never the session cookie
def agenda_feed(request, token):
    feed = selectors.feed_owner(services.hash_token(token)) if len(token) <= 100 else None
    if feed is None or not feed.user.is_active:
        raise Http404
    edition, user = feed.edition, feed.user
    if not edition.is_public:
        raise Http404
    # No two-factor step for a calendar app: the feed never shows more than the closed part.
    audience = selectors.audience_for(user, edition, second_factor_done=True)
    if audience is Audience.STAFF:
        audience = Audience.CLOSED
    programme = selectors.programme_for(user, edition, audience=audience)
    if programme is None:
        raise Http404
    mine = selectors.agenda_session_ids(user, edition)
    body = exports.ical(
        programme,
        base_url=absolute_url("/", request).rstrip("/"),
        sessions=[s for s in programme.sessions if s["id"] in mine],
        cancelled=[s for s in programme.data.get("cancelled", []) if s["id"] in mine],
        name=f"{edition.title} ({_('my agenda')})",
        appointments=agenda_extras.appointments_for(user, edition),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
