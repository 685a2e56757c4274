from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from defdays.audit import services as audit
from defdays.core import generation, page_cache, ratelimit
from defdays.core.access import ORGANISERS, PUBLIC, access
from defdays.core.clients import client_network
from defdays.core.confirm import confirmation_page, confirmed
from defdays.core.links import absolute_url
from defdays.core.listing import listing, looks_like_email, search_term
from defdays.opensession import selectors, services
from defdays.opensession.csv_export import bookings_csv
from defdays.opensession.forms import CapacityForm, OpenSessionForm, RenameForm, SignUpForm
from defdays.opensession.models import PENDING
from defdays.seats.capacity import CapacityError, SeatStatus, counts, waitlist_position


def _base_url(request) -> str:
    return absolute_url("/", request)


def _session_cards(edition, posted_form=None):
    cards = []
    for session, availability in selectors.sessions_with_availability(edition):
        form = posted_form if posted_form is not None and posted_form.data.get("session") == str(session.pk) else None
        if form is None:
            language = get_language() if get_language() in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
            form = SignUpForm(initial={"session": session.pk, "language": language}, auto_id=f"id_s{session.pk}_%s")
        cards.append(
            {
                "session": session,
                "form": form,
                "availability": availability,
                "full": availability == selectors.Availability.FULL,
            }
        )
    return cards


@require_http_methods(["GET", "POST"])
@access(PUBLIC)
def public(request, year):
    """What, when, where, how full (coarsely); the sign-up form. No account needed."""
    edition = request.edition
    if request.method == "GET":
        # The same page for every visitor without an account (core.page_cache), under a key that changes with
        # the generation and with anything the page shows (opensession.selectors.public_page_state).
        return page_cache.anonymous_page(
            request,
            f"opensession:{edition.pk}:{generation.current()}:{selectors.public_page_state(edition)}",
            lambda: render(request, "opensession/public.html", {"edition": edition, "cards": _session_cards(edition)}),
        )
    form = None
    if request.method == "POST":
        posted_session = request.POST.get("session", "")
        form = SignUpForm(request.POST, auto_id=f"id_s{posted_session if posted_session.isdigit() else 'x'}_%s")
        if form.is_valid() and not ratelimit.allow(
            f"signup:{client_network(request)}", settings.DEFDAYS_SIGNUP_LIMIT_PER_HOUR, 3600
        ):
            # Many sign-ups from one network fill seats with strangers' names and probe who booked: refused,
            # nothing written, and the page says why.
            form.add_error(
                None,
                _(
                    "Too many sign-ups from your network in the last hour. Nothing was saved. "
                    "Please try again later, or write to the contact person."
                ),
            )
            return render(
                request,
                "opensession/public.html",
                {"edition": edition, "cards": _session_cards(edition, form)},
                status=429,
            )
        if form.is_valid():
            session = selectors.session_in(edition, form.cleaned_data["session"])
            if session is None:
                form.add_error(None, _("This session does not take sign-ups. Reload the page and try again."))
            else:
                try:
                    services.request_sign_up(
                        session,
                        name=form.cleaned_data["name"],
                        email=form.cleaned_data["email"],
                        language=form.cleaned_data["language"],
                        base_url=_base_url(request),
                    )
                except services.SignUpClosed:
                    form.add_error(None, _("Sign-up for this session is closed."))
                else:
                    return redirect("opensession:thanks", year=edition.year)
    cards = _session_cards(edition, form)
    status = 400 if form.errors else 200
    return render(request, "opensession/public.html", {"edition": edition, "cards": cards}, status=status)


@require_GET
@access(PUBLIC)
def thanks(request, year):
    # The same answer for a new booking and an address already booked: the page never tells whether someone is.
    return render(request, "opensession/thanks.html", {"edition": request.edition})


@never_cache
@require_http_methods(["GET", "POST"])
@access(PUBLIC)  # guarded by the token: a malformed, unknown or replaced one is a plain 404
def manage(request, year, token):
    booking = selectors.booking_by_token(request.edition, token)
    if booking is None:
        raise Http404
    form = RenameForm(initial={"name": booking.name})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":  # a POST, never the GET of the link: mail scanners open links on their own
            if booking.status in (PENDING, SeatStatus.CANCELLED):
                try:
                    services.confirm(booking, base_url=_base_url(request))
                except services.SignUpClosed:
                    messages.error(request, _("Sign-up for this session is closed."))
                else:
                    messages.success(
                        request,
                        _("Your booking is confirmed.")
                        if booking.status == SeatStatus.CONFIRMED
                        else _("You are on the waitlist."),
                    )
            return redirect(request.path)
        if action == "cancel":
            if booking.status not in (SeatStatus.CANCELLED, PENDING) and not confirmed(request):
                return confirmation_page(
                    request,
                    title=_("Cancel your booking?"),
                    confirm_label=_("Cancel my booking"),
                    consequences=[
                        _("Your seat at “%(title)s” is given to the next person on the waitlist.")
                        % {"title": booking.open_session.title},
                        _(
                            "If you change your mind, you can book again on this page, but only a free seat or a "
                            "place at the end of the waitlist."
                        ),
                    ],
                    cancel_url=request.path,
                    hidden=[("action", "cancel")],
                    extra={"noindex": True},
                )
            if booking.status not in (SeatStatus.CANCELLED, PENDING):
                services.cancel(booking, base_url=_base_url(request))
                messages.success(request, _("Your booking is cancelled."))
            return redirect(request.path)
        if action == "rename" and booking.status != SeatStatus.CANCELLED:
            form = RenameForm(request.POST)
            if form.is_valid():
                services.rename(booking, form.cleaned_data["name"])
                messages.success(request, _("The name on your booking is changed."))
                return redirect(request.path)
    return render(
        request,
        "opensession/manage.html",
        {
            "edition": request.edition,
            "booking": booking,
            "session": booking.open_session,
            "form": form,
            "position": waitlist_position(booking.seat),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga(request, year):
    edition = request.edition
    capacity_form = None
    if request.method == "POST":
        session = selectors.session_in(edition, request.POST.get("session", ""))
        if session is None:
            raise Http404
        action = request.POST.get("action")
        if action == "capacity":
            capacity_form = CapacityForm(request.POST, prefix=f"s{session.pk}")
            if capacity_form.is_valid():
                try:
                    promoted = services.change_capacity(
                        session, capacity_form.cleaned_data["total"], actor=request.user, base_url=_base_url(request)
                    )
                except CapacityError:
                    capacity_form.add_error(
                        "total",
                        _(
                            "More people than that hold confirmed seats. Cancel "
                            "bookings first, or choose a larger number."
                        ),
                    )
                else:
                    messages.success(
                        request, _("Seats changed. %(n)d people moved up from the waitlist.") % {"n": len(promoted)}
                    )
                    return redirect("opensession:orga", year=edition.year)
            capacity_form.session_pk = session.pk
        elif action in ("open", "close"):
            services.set_sign_up_open(session, action == "open", actor=request.user)
            messages.success(request, _("Sign-up opened.") if action == "open" else _("Sign-up closed."))
            return redirect("opensession:orga", year=edition.year)
    status_filter = request.GET.get("status", "")
    if status_filter not in SeatStatus.values:
        status_filter = ""
    search = search_term(request)
    email = search if looks_like_email(search) else ""
    blocks = []
    for session in selectors.sessions_of(edition):
        form = (
            capacity_form
            if capacity_form is not None and capacity_form.session_pk == session.pk
            else CapacityForm(initial={"total": session.capacity.total}, prefix=f"s{session.pk}")
        )
        blocks.append(
            {
                "session": session,
                "counts": counts(session.capacity_id),
                "capacity_form": form,
                "bookings": listing(
                    request,
                    selectors.bookings_for_organisers(session, status_filter or None, email=email),
                    page_param=f"page{session.pk}",
                ),
            }
        )
    return render(
        request,
        "opensession/orga.html",
        {
            "edition": edition,
            "blocks": blocks,
            "status_filter": status_filter,
            "search": search,
            "search_refused": bool(search) and not email,
            "statuses": SeatStatus.choices,
        },
        status=400 if capacity_form is not None and capacity_form.errors else 200,
    )


@require_GET
@access(ORGANISERS)
def export_csv(request, year, pk):
    session = selectors.session_in(request.edition, pk)
    if session is None:
        raise Http404
    bookings = selectors.bookings_for_organisers(session)
    audit.record(audit.Action.EXPORT, request=request, target=session, kind="opensession.bookings", rows=len(bookings))
    response = HttpResponse(bookings_csv(bookings, request.edition.tz), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="open-session-{request.edition.year}-{session.pk}.csv"'
    return response


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga_details(request, year, pk=None):
    """Create an open session or change its details (title, text, time, place); seats and sign-up are on the
    bookings page."""
    edition = request.edition
    session = selectors.session_in(edition, pk) if pk is not None else None
    if pk is not None and session is None:
        raise Http404
    initial = OpenSessionForm.initial_for(session) if session else {"day": edition.main_day}
    form = OpenSessionForm(request.POST or None, initial=initial, edition=edition, creating=session is None)
    if request.method == "POST" and form.is_valid():
        services.save_open_session(
            edition, session, fields=form.detail_fields(), seats=form.cleaned_data.get("seats"), actor=request.user
        )
        messages.success(
            request, _("Saved.") if session else _("Saved. Sign-up opens when you open it on the bookings page.")
        )
        return redirect("opensession:orga", year=edition.year)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "page_title": _("Open session details") if session else _("New open session"),
            "submit_label": _("Save"),
            "intro": _("What the public open-session page says. Times are the edition's local time."),
        },
        status=400 if form.errors else 200,
    )
