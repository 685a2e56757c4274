"""The programme team's pages: the working copy, rooms, guests, conflicts, publishing and the staff CSV."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from defdays.accounts.selectors import listable_users
from defdays.core.access import ORGANISERS, PROGRAMME_TEAM, access
from defdays.core.confirm import confirmation_page, confirmed
from defdays.programme import conflicts, selectors, services, speaker_pages
from defdays.programme.forms import (
    AddSpeakerForm,
    GuestForm,
    ProgrammeSettingsForm,
    PublishForm,
    RoomForm,
    SessionForm,
    TrackForm,
)
from defdays.programme.models import ProgrammeSettings, Room, ScheduleVersion, Session, SessionStatus, Track
from defdays.programme.snapshot import build_snapshot, diff_snapshots, with_local_dates


def _session(request, pk):
    return get_object_or_404(Session, pk=pk, edition=request.edition)


@access(PROGRAMME_TEAM)
def overview(request, year):
    sessions = list(selectors.orga_sessions(request.edition))
    found = conflicts.all_conflicts(sessions, request.edition)
    flagged = {sid for c in found for sid in c.session_ids}
    latest = selectors.latest_version(request.edition)
    return render(
        request,
        "programme/orga/overview.html",
        {
            "edition": request.edition,
            "sessions": sessions,
            "conflict_count": len(found),
            "flagged": flagged,
            "latest": latest,
        },
    )


def _others(edition, exclude_pk=None):
    return [
        conflicts.Slot.of(s)
        for s in selectors.orga_sessions(edition)
        if s.pk != exclude_pk and s.status == SessionStatus.SCHEDULED and s.start
    ]


@access(PROGRAMME_TEAM)
def session_edit(request, year, pk=None):
    """Create or edit. Conflicts are listed before saving; saving with conflicts needs an explicit tick."""
    edition = request.edition
    session = _session(request, pk) if pk else None
    found = []
    if request.method == "POST":
        form = SessionForm(request.POST, edition=edition, session=session)
        if form.is_valid():
            fields = form.session_fields()
            speaker_ids = {link.speaker_id for link in session.speaker_links.all()} if session else set()
            slot = conflicts.Slot(
                pk,
                fields["title"],
                fields["start"],
                fields["duration"],
                fields["room"],
                fields["audience"],
                fields["type"],
                fields["seat_cap"],
                speaker_ids,
            )
            found = conflicts.conflicts_of(slot, _others(edition, pk), edition) if fields["start"] else []
            wants_save = request.POST.get("action") != "check"
            if wants_save and (not found or form.cleaned_data["accept_conflicts"]):
                try:
                    saved = services.save_session(
                        edition,
                        session,
                        fields,
                        actor=request.user,
                        expected_revision=form.cleaned_data.get("revision"),
                    )
                except services.StaleEdit:
                    messages.error(
                        request,
                        _(
                            "Someone else saved this session after you opened it. Your input is "
                            "kept below; check the current values, then save again."
                        ),
                    )
                    form.data = form.data.copy()
                    form.data["revision"] = str(Session.objects.get(pk=pk).revision)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("Saved in the working copy. Publish a version to show it."))
                    return redirect("programme:orga_session", year=year, pk=saved.pk)
            elif wants_save:
                messages.error(request, _("Not saved: there are conflicts. Fix them, or tick the box to save anyway."))
    else:
        form = SessionForm(
            initial=SessionForm.initial_for(session) if session else None, edition=edition, session=session
        )
        if session and session.start:
            found = conflicts.conflicts_of(conflicts.Slot.of(session), _others(edition, pk), edition)
    return render(
        request,
        "programme/orga/session_form.html",
        {"edition": edition, "session": session, "form": form, "conflicts": found},
    )


@require_POST
@access(PROGRAMME_TEAM)
def session_status(request, year, pk):
    session = _session(request, pk)
    status = request.POST.get("status")
    if status not in SessionStatus.values:
        messages.error(request, _("Unknown status."))
    else:
        services.set_status(session, status, actor=request.user)
        messages.success(request, _("Status changed in the working copy."))
    return redirect("programme:orga_session", year=year, pk=pk)


@access(PROGRAMME_TEAM)
def session_speakers(request, year, pk):
    session = _session(request, pk)
    form = AddSpeakerForm(request.POST or None, edition=request.edition)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_speaker(
                session,
                form.chosen(),
                role=form.cleaned_data["role"],
                actor=request.user,
                consent_closed=form.cleaned_data["consent_closed"],
                consent_public=form.cleaned_data["consent_public"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Speaker saved."))
            return redirect("programme:orga_session_speakers", year=year, pk=pk)
    links = session.speaker_links.select_related("speaker__user")
    return render(
        request,
        "programme/orga/session_speakers.html",
        {"edition": request.edition, "session": session, "form": form, "links": links},
    )


@require_POST
@access(PROGRAMME_TEAM)
def session_speaker_remove(request, year, pk, speaker):
    session = _session(request, pk)
    services.remove_speaker(session, speaker, actor=request.user)
    messages.success(request, _("Speaker removed."))
    return redirect("programme:orga_session_speakers", year=year, pk=pk)


@access(PROGRAMME_TEAM)
def rooms(request, year):
    form = RoomForm(request.POST or None, edition=request.edition)
    if request.method == "POST" and form.is_valid():
        services.save_room(request.edition, None, fields=form.cleaned_data, actor=request.user)
        messages.success(request, _("Room added."))
        return redirect("programme:orga_rooms", year=year)
    return render(
        request,
        "programme/orga/rooms.html",
        {"edition": request.edition, "rooms": selectors.orga_rooms(request.edition), "form": form},
    )


@access(PROGRAMME_TEAM)
def room_edit(request, year, pk):
    room = get_object_or_404(Room, pk=pk, edition=request.edition)
    form = RoomForm(request.POST or None, instance=room, edition=request.edition)
    if request.method == "POST" and form.is_valid():
        services.save_room(request.edition, room, fields=form.cleaned_data, actor=request.user)
        messages.success(request, _("Room saved."))
        return redirect("programme:orga_rooms", year=year)
    return render(request, "programme/orga/room_form.html", {"edition": request.edition, "room": room, "form": form})


@require_POST
@access(PROGRAMME_TEAM)
def room_delete(request, year, pk):
    room = get_object_or_404(Room, pk=pk, edition=request.edition)
    try:
        services.delete_room(room, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Room deleted."))
    return redirect("programme:orga_rooms", year=year)


@access(PROGRAMME_TEAM)
def guests(request, year):
    form = GuestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_guest(request.edition, form.cleaned_data["name"], form.cleaned_data["bio"], actor=request.user)
        messages.success(request, _("Guest speaker added."))
        return redirect("programme:orga_guests", year=year)
    return render(
        request,
        "programme/orga/guests.html",
        {"edition": request.edition, "form": form, "speakers": selectors.orga_speakers(request.edition)},
    )


@access(PROGRAMME_TEAM)
def conflict_list(request, year):
    sessions = list(selectors.orga_sessions(request.edition))
    by_id = {s.pk: s for s in sessions}
    found = [
        (c, [by_id[i] for i in c.session_ids if i in by_id]) for c in conflicts.all_conflicts(sessions, request.edition)
    ]
    return render(request, "programme/orga/conflicts.html", {"edition": request.edition, "conflicts": found})


def _named_list(snapshot, pairs):
    """[(speaker name, session title)] for the publish page's list of people a version names publicly anew.

    A hidden person stays in the list (approving still covers them, should they be unhidden) but not by name."""
    titles = {s["id"]: s["title"] for s in snapshot["sessions"]}
    people = snapshot["speakers"]
    listed = set(
        listable_users()
        .filter(pk__in=[p["user_id"] for p in people.values() if p["user_id"]])
        .values_list("pk", flat=True)
    )
    return sorted(
        (
            people[str(speaker)]["name"]
            if people[str(speaker)]["user_id"] in listed | {None}
            else _("(hidden person)"),
            titles[session],
        )
        for session, speaker in pairs
    )


@access(PROGRAMME_TEAM)
def versions(request, year):
    edition = request.edition
    latest = ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()
    latest_number = latest.number if latest else 0
    may_approve = services.may_approve_public_names(request.user, edition)
    form = PublishForm(request.POST or None, initial={"expected_latest": latest_number}, may_approve=may_approve)
    if request.method == "POST" and form.is_valid() and not confirmed(request):
        return _confirm_publish(request, form, latest)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.publish(
                edition,
                form.cleaned_data["name"],
                actor=request.user,
                expected_latest=form.cleaned_data["expected_latest"],
                approve_public_names=form.cleaned_data.get("approve_public_names", False),
            )
        except services.StalePublish:
            messages.error(
                request,
                _(
                    "Someone published another version while you were reviewing. Nothing was "
                    "published; review the changes below again."
                ),
            )
            form = PublishForm(
                initial={"expected_latest": latest_number, "name": form.cleaned_data["name"]}, may_approve=may_approve
            )
        except services.NeedsApproval:
            if may_approve:
                messages.error(
                    request,
                    _(
                        "Nothing was published: this version names people publicly for the first "
                        "time. Check the list below and tick the approval box."
                    ),
                )
            else:
                messages.error(
                    request,
                    _(
                        "Nothing was published: this version names people publicly for the first "
                        "time and needs an organiser's approval. Ask an organiser to publish it."
                    ),
                )
        except services.NothingToPublish:
            messages.error(request, _("Nothing was published: the working copy is the same as the published version."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Version %(n)d is published.") % {"n": version.number})
            return redirect("programme:orga_versions", year=year)
    working = build_snapshot(edition)
    pending = [with_local_dates(c, edition.tz) for c in diff_snapshots(latest.snapshot if latest else None, working)]
    history = [
        (v, [with_local_dates(c, edition.tz) for c in v.changelog])
        for v in ScheduleVersion.objects.filter(edition=edition).order_by("-number")
    ]
    return render(
        request,
        "programme/orga/versions.html",
        {
            "edition": edition,
            "form": form,
            "pending": pending,
            "history": history,
            "may_approve": may_approve,
            "newly_named": _named_list(working, services.newly_named(working, latest)),
            "speaker_changes": speaker_pages.changes(edition, working),
        },
    )


def _confirm_publish(request, form, latest):
    """Before a version goes out: which sessions change and how many people get an email."""
    edition = request.edition
    preview = services.publish_preview(edition)
    back = reverse("programme:orga_versions", kwargs={"year": edition.year})
    if preview.nothing_to_publish:
        messages.error(request, _("Nothing to publish: the working copy is the same as the published version."))
        return redirect(back)
    number = (latest.number if latest else 0) + 1
    consequences = [
        ngettext(
            "Version %(n)d goes out with %(count)d changed session.",
            "Version %(n)d goes out with %(count)d changed sessions.",
            len(preview.changes),
        )
        % {"n": number, "count": len(preview.changes)},
        ngettext(
            "%(count)d person with a changed session in their agenda gets one email.",
            "%(count)d people with a changed session in their agenda get one email each.",
            preview.recipients,
        )
        % {"count": preview.recipients},
        _("Everyone sees the new version on their next visit, in calendar feeds and schedule apps too."),
    ]
    data = form.cleaned_data
    hidden = [("name", data["name"]), ("expected_latest", data["expected_latest"])]
    if data.get("approve_public_names"):
        hidden.append(("approve_public_names", "on"))
    return confirmation_page(
        request,
        title=_("Publish version %(n)d?") % {"n": number},
        consequences=consequences,
        confirm_label=_("Publish version %(n)d") % {"n": number},
        cancel_url=back,
        hidden=hidden,
        template="programme/orga/publish_confirm.html",
        extra={"edition": edition, "changes": [with_local_dates(c, edition.tz) for c in preview.changes]},
    )


@access(PROGRAMME_TEAM)
def sessions_csv(request, year):
    response = HttpResponse(
        services.export_sessions_csv(request.edition, actor=request.user), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="programme-{year}.csv"'
    return response


@access(PROGRAMME_TEAM)
def tracks(request, year):
    form = TrackForm(request.POST or None, edition=request.edition)
    if request.method == "POST" and form.is_valid():
        services.save_track(request.edition, name=form.cleaned_data["name"], actor=request.user)
        messages.success(request, _("Track added."))
        return redirect("programme:orga_tracks", year=year)
    return render(
        request,
        "programme/orga/tracks.html",
        {"edition": request.edition, "tracks": selectors.orga_tracks(request.edition), "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@access(PROGRAMME_TEAM)
def track_delete(request, year, pk):
    track = get_object_or_404(Track, pk=pk, edition=request.edition)
    services.delete_track(track, actor=request.user)
    messages.success(request, _("Track deleted."))
    return redirect("programme:orga_tracks", year=year)


@access(ORGANISERS)
def programme_settings(request, year):
    """Session types and training seat rules: organisers set them (the programme team works within them)."""
    rules = ProgrammeSettings.for_edition(request.edition)
    initial = {
        "session_types": rules.session_types,
        "training_seats": rules.training_seats,
        "trainings_per_person": rules.trainings_per_person,
    }
    form = ProgrammeSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_programme_settings(request.edition, **form.cleaned_data, actor=request.user)
        messages.success(request, _("Saved."))
        return redirect("programme:orga_settings", year=year)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "page_title": _("Session types and training seats"),
            "submit_label": _("Save"),
            "intro": _("What the session form offers and how many trainings each participant may book."),
        },
        status=400 if form.errors else 200,
    )
