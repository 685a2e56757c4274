"""Participant directory and meetings. Views translate HTTP to selectors and services; every "not there for
you" (unknown, unlisted, blocked, hidden, another edition, oneself) is the same Http404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from defdays.core import ratelimit
from defdays.core.access import ORGANISERS, SAFETY, access, roles
from defdays.core.roles import CLOSED_PART_ROLES
from defdays.networking import forms, selectors, services
from defdays.networking.models import RequestStatus
from defdays.programme.models import Room

PARTICIPANTS = roles(*sorted(CLOSED_PART_ROLES))
# Requests per sender per hour: enough to arrange a conference, too few to write to the whole directory.
REQUESTS_PER_HOUR = 20


def _slot_label(edition):
    def label(slot):
        start, end = timezone.localtime(slot.starts_at, edition.tz), timezone.localtime(slot.ends_at, edition.tz)
        return f"{formats.date_format(start, 'D j E H:i')}–{formats.time_format(end, 'H:i')}"

    return label


def _request_form(edition, data=None):
    return forms.RequestForm(
        data,
        slots=selectors.slots(edition),
        points=selectors.points(edition),
        slot_label=_slot_label(edition),
    )


def _profile_initial(profile):
    if profile is None:
        return {}
    return {
        name: getattr(profile, name) or "" for name in ("languages", "areas", "about", "country", "organisation")
    } | {"listed": profile.listed}


@require_http_methods(["GET", "POST"])
@access(PARTICIPANTS)
def home(request, year):
    edition, user = request.edition, request.user
    may_join = selectors.in_closed_part(user, edition)
    profile = selectors.own_profile(user, edition)
    if request.method == "POST":
        if not may_join:
            raise Http404
        form = forms.ProfileForm(request.POST)
        if form.is_valid():
            services.profile_save(user=user, edition=edition, **form.cleaned_data)
            messages.success(request, _("Your directory profile is saved."))
            return redirect("networking:home", year=year)
    else:
        form = forms.ProfileForm(initial=_profile_initial(profile))
    label = _slot_label(edition)
    requests = list(selectors.requests_for(user, edition))
    for meeting in requests:
        meeting.when, meeting.other = label(meeting.slot), meeting.other_party(user)
    return render(
        request,
        "networking/home.html",
        {
            "edition": edition,
            "may_join": may_join,
            "form": form,
            "listed": bool(profile and profile.listed),
            "incoming": [r for r in requests if r.recipient_id == user.pk and r.status == RequestStatus.PENDING],
            "outgoing": [r for r in requests if r.sender_id == user.pk and r.status == RequestStatus.PENDING],
            "accepted": [r for r in requests if r.status == RequestStatus.ACCEPTED],
            "closed": [r for r in requests if r.status in (RequestStatus.DECLINED, RequestStatus.CANCELLED)],
            "blocks": selectors.blocks_by(user, edition),
        },
    )


@access(PARTICIPANTS)
def directory(request, year):
    edition = request.edition
    return render(
        request,
        "networking/directory.html",
        {
            "edition": edition,
            "open": selectors.directory_open_to(request.user, edition),
            "profiles": selectors.visible_profiles(request.user, edition),
        },
    )


def _profile_or_404(request, uid):
    profile = selectors.profile_for(request.user, request.edition, uid)
    if profile is None:
        raise Http404
    return profile


def _person_page(request, profile, *, request_form=None, report_form=None, status=200):
    edition = request.edition
    return render(
        request,
        "networking/person.html",
        {
            "edition": edition,
            "profile": profile,
            "request_form": request_form or _request_form(edition),
            "report_form": report_form or forms.ReportForm(),
            "has_slots": selectors.slots(edition).exists() and selectors.points(edition).exists(),
        },
        status=status,
    )


@access(PARTICIPANTS)
def person(request, year, uid):
    return _person_page(request, _profile_or_404(request, uid))


@require_POST
@access(PARTICIPANTS)
def request_create(request, year, uid):
    profile = _profile_or_404(request, uid)
    form = _request_form(request.edition, request.POST)
    if not form.is_valid():
        return _person_page(request, profile, request_form=form, status=400)
    if not ratelimit.allow(f"networking:request:{request.user.pk}", REQUESTS_PER_HOUR, 3600):
        messages.error(request, _("You have sent many requests in the last hour. Please try again later."))
        return redirect("networking:person", year=year, uid=uid)
    try:
        meeting = services.request_create(
            sender=request.user,
            edition=request.edition,
            profile_uid=uid,
            slot_id=form.cleaned_data["slot"],
            point_id=form.cleaned_data["point"],
            note=form.cleaned_data["note"],
        )
    except services.NotFound:
        raise Http404 from None
    except services.Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("networking:person", year=year, uid=uid)
    messages.success(request, _("Your request is sent."))
    return redirect("networking:request", year=year, uid=meeting.uid)


@require_POST
@access(PARTICIPANTS)
def block(request, year, uid):
    try:
        services.person_block(user=request.user, edition=request.edition, profile_uid=uid)
    except services.NotFound:
        raise Http404 from None
    messages.success(request, _("Blocked. You no longer see each other in the directory."))
    return redirect("networking:home", year=year)


@require_POST
@access(PARTICIPANTS)
def report(request, year, uid):
    profile = _profile_or_404(request, uid)
    form = forms.ReportForm(request.POST)
    if not form.is_valid():
        return _person_page(request, profile, report_form=form, status=400)
    try:
        services.person_report(
            user=request.user,
            edition=request.edition,
            profile_uid=uid,
            text=form.cleaned_data["text"],
            block=form.cleaned_data["block"],
        )
    except services.NotFound:
        raise Http404 from None
    messages.success(request, _("Thank you. The safety team has your report."))
    return redirect("networking:home", year=year)


@require_http_methods(["GET", "POST"])
@access(PARTICIPANTS)
def request_page(request, year, uid):
    edition, user = request.edition, request.user
    meeting = selectors.request_for(user, edition, uid)
    if meeting is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("accept", "decline"):
                services.request_answer(user=user, edition=edition, uid=uid, accept=action == "accept")
            elif action == "cancel":
                services.request_cancel(user=user, edition=edition, uid=uid)
            else:
                raise Http404
        except services.NotFound:
            raise Http404 from None
        except services.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Done."))
        return redirect("networking:request", year=year, uid=uid)
    return render(
        request,
        "networking/request.html",
        {
            "edition": edition,
            "meeting": meeting,
            "other": meeting.other_party(user),
            "is_recipient": meeting.recipient_id == user.pk,
            "slot_label": _slot_label(edition)(meeting.slot),
            "other_profile": selectors.visible_profiles(user, edition).filter(user=meeting.other_party(user)).first(),
        },
    )


@require_POST
@access(PARTICIPANTS)
def unblock(request, year, uid):
    try:
        services.person_unblock(user=request.user, edition=request.edition, block_uid=uid)
    except services.NotFound:
        raise Http404 from None
    messages.success(request, _("The block is lifted."))
    return redirect("networking:home", year=year)


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga(request, year):
    edition = request.edition
    rooms = Room.objects.filter(edition=edition).order_by("name")
    slot_form, point_form = forms.SlotForm(prefix="slot"), forms.PointForm(prefix="point", rooms=rooms)
    if request.method == "POST":
        what = request.POST.get("what")
        try:
            if what == "slot":
                slot_form = forms.SlotForm(request.POST, prefix="slot")
                if slot_form.is_valid():
                    tz = edition.tz
                    services.slot_add(
                        edition=edition,
                        starts_at=timezone.make_aware(slot_form.cleaned_data["starts_at"].replace(tzinfo=None), tz),
                        ends_at=timezone.make_aware(slot_form.cleaned_data["ends_at"].replace(tzinfo=None), tz),
                        actor=request.user,
                    )
                    return redirect("networking:orga", year=year)
            elif what == "point":
                point_form = forms.PointForm(request.POST, prefix="point", rooms=rooms)
                if point_form.is_valid():
                    room_id = point_form.cleaned_data["room"]
                    services.point_add(
                        edition=edition,
                        name=point_form.cleaned_data["name"],
                        room=rooms.filter(pk=room_id).first() if room_id else None,
                        actor=request.user,
                    )
                    return redirect("networking:orga", year=year)
            elif what in ("remove-slot", "remove-point"):
                pk = request.POST.get("pk", "")
                if not pk.isdigit() or len(pk) > 12:
                    raise Http404
                services.slot_or_point_remove(
                    edition=edition, kind=what.removeprefix("remove-"), pk=int(pk), actor=request.user
                )
                return redirect("networking:orga", year=year)
        except services.NotFound:
            raise Http404 from None
        except services.Refused as refusal:
            messages.error(request, str(refusal))
    label = _slot_label(edition)
    slots = list(selectors.slots(edition))
    for slot in slots:
        slot.when = label(slot)
    return render(
        request,
        "networking/orga.html",
        {
            "edition": edition,
            "slots": slots,
            "points": selectors.points(edition),
            "slot_form": slot_form,
            "point_form": point_form,
        },
    )


@access(SAFETY)
def safety_reports(request, year):
    edition = request.edition
    reports = list(selectors.reports_for_safety(edition))
    services.report_read(reader=request.user, edition=edition)
    return render(request, "networking/safety_reports.html", {"edition": edition, "reports": reports})
