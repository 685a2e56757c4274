from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from defdays.core.access import SIGNED_IN, TRAVEL_TEAM, access
from defdays.core.uploads import UploadRefused, attachment_response
from defdays.registration.selectors import own_participation
from defdays.travel import forms, selectors, services


@require_GET
@access(TRAVEL_TEAM)
def overview(request, year):
    """Who to pick up when, who is not booked yet, how full each hotel block is."""
    edition = request.edition
    return render(request, "travel/overview.html", {"edition": edition, "view": selectors.overview(edition)})


@require_http_methods(["GET", "POST"])
@access(TRAVEL_TEAM)
def hotels(request, year):
    edition = request.edition
    form = forms.HotelBlockForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.hotel_block_create(edition=edition, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The hotel block is saved."))
            return redirect("travel:hotels", year=edition.year)
        status = 400
    blocks = selectors.blocks_of(edition)
    return render(request, "travel/hotels.html", {"edition": edition, "form": form, "blocks": blocks}, status=status)


def _initial(view):
    if view is None:
        return {}
    initial = {"room": view.room, "hotel_block": str(view.itinerary.hotel_block.uid) if view.hotel else ""}
    for prefix in ("arrival", "departure"):
        leg = getattr(view, prefix)
        if leg:
            initial.update({f"{prefix}_mode": leg.mode, f"{prefix}_carrier": leg.carrier,
                            f"{prefix}_at": leg.at.strftime("%Y-%m-%d %H:%M")})  # fmt: skip
    return initial


@require_http_methods(["GET", "POST"])
@access(TRAVEL_TEAM)
def edit(request, year, uid):
    edition = request.edition
    found = selectors.team_itinerary(edition, uid)
    if found is None:
        raise Http404
    participation, itinerary = found
    current = selectors.view_of(itinerary, edition) if itinerary else None
    blocks = selectors.blocks_of(edition)
    status = 200
    with timezone.override(edition.tz):  # times typed are the event's local times
        form = forms.ItineraryForm(
            request.POST if request.method == "POST" else None, initial=_initial(current), blocks=blocks
        )
        valid = request.method == "POST" and form.is_valid()
    if valid:
        try:
            services.itinerary_save(
                edition=edition,
                user=participation.user,
                arrival=form.leg("arrival"),
                departure=form.leg("departure"),
                hotel_block=form.block(),
                room=form.cleaned_data["room"],
                actor=request.user,
            )
        except services.TravelError as exc:
            form.add_error("hotel_block", str(exc))
        else:
            messages.success(request, _("The itinerary is saved."))
            return redirect("travel:overview", year=edition.year)
    if request.method == "POST":
        status = 400
    return _edit_page(request, participation, form, current, status=status)


def _edit_page(request, participation, form, current, *, grant_form=None, status=200):
    edition = request.edition
    grant = selectors.grant_of(participation.user, edition)
    if grant_form is None:
        initial = {"currency": grant.currency, "requested": grant.requested, "approved": grant.approved,
                   "status": grant.grant.status} if grant else None  # fmt: skip
        grant_form = forms.GrantForm(initial=initial)
    context = {"edition": edition, "participation": participation, "form": form, "current": current,
               "grant": grant, "grant_form": grant_form}  # fmt: skip
    return render(request, "travel/edit.html", context, status=status)


@require_POST
@access(TRAVEL_TEAM)
def grant(request, year, uid):
    edition = request.edition
    found = selectors.team_itinerary(edition, uid)
    if found is None:
        raise Http404
    participation, itinerary = found
    grant_form = forms.GrantForm(request.POST)
    if grant_form.is_valid():
        services.grant_save(edition=edition, user=participation.user, actor=request.user, **grant_form.cleaned_data)
        messages.success(request, _("The travel grant is saved."))
        return redirect("travel:edit", year=edition.year, uid=participation.uid)
    current = selectors.view_of(itinerary, edition) if itinerary else None
    blocks = selectors.blocks_of(edition)
    with timezone.override(edition.tz):
        form = forms.ItineraryForm(initial=_initial(current), blocks=blocks)
    return _edit_page(request, participation, form, current, grant_form=grant_form, status=400)


@require_GET
@access(TRAVEL_TEAM)
def receipt(request, year, uid):
    found = selectors.receipt_for_team(request.edition, uid)
    if found is None:
        raise Http404
    services.receipt_read(receipt=found, actor=request.user, edition=request.edition)
    return attachment_response(found)


@require_http_methods(["GET", "POST"])
@access(SIGNED_IN)  # and then a participant of the edition, who sees only their own itinerary
def mine(request, year):
    edition = request.edition
    participation = own_participation(request.user, edition)
    if participation is None or not participation.is_active:
        raise Http404
    view = selectors.own_itinerary(request.user, edition)
    grant = selectors.grant_of(request.user, edition)
    receipt_form = forms.ReceiptForm()
    if request.method == "POST" and request.POST.get("step") == "receipt" and grant is not None:
        receipt_form = forms.ReceiptForm(request.POST, request.FILES)
        if receipt_form.is_valid():
            try:
                services.receipt_add(grant=grant.grant, user=request.user, upload=receipt_form.cleaned_data["receipt"])
            except UploadRefused as exc:
                receipt_form.add_error("receipt", exc)
            else:
                messages.success(request, _("Thank you: the receipt is sent to the travel team."))
                return redirect("travel:mine", year=edition.year)
        context = {"edition": edition, "view": view, "grant": grant, "receipt_form": receipt_form}
        return render(request, "travel/mine.html", context, status=400)
    if request.method == "POST" and view is not None:
        if request.POST.get("step") == "confirm":
            services.itinerary_confirm(itinerary=view.itinerary, user=request.user)
            messages.success(request, _("Thank you: your travel plan is confirmed."))
        elif request.POST.get("step") == "change":
            services.itinerary_change_ask(itinerary=view.itinerary, user=request.user)
            messages.success(request, _("The travel team has been told; they will get in touch with you."))
        return redirect("travel:mine", year=edition.year)
    context = {"edition": edition, "view": view, "grant": grant, "receipt_form": receipt_form}
    return render(request, "travel/mine.html", context)
