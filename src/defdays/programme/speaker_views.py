"""Speakers' own pages (their sessions' texts and materials, their name and biography), the programme team's page
of what they changed, and the one view that serves a material file."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from defdays.core import crypto, uploads
from defdays.core.access import PROGRAMME_TEAM, PUBLIC, SIGNED_IN, access
from defdays.programme import speaker_pages
from defdays.programme.forms import (
    MaterialFileForm,
    MaterialLinkForm,
    SpeakerDeadlineForm,
    SpeakerProfileForm,
    SpeakerSessionForm,
)
from defdays.programme.models import SessionMaterial


def _closed(request):
    messages.error(request, _("The deadline for speakers' edits has passed. Ask the programme team."))


@require_http_methods(["GET", "POST"])
@access(SIGNED_IN)
def profile(request, year):
    edition = request.edition
    speaker = speaker_pages.own_speaker(request.user, edition)
    if speaker is None:
        raise Http404
    form = SpeakerProfileForm(request.POST or None, initial={"public_name": speaker.public_name, "bio": speaker.bio})
    if request.method == "POST" and form.is_valid():
        try:
            speaker_pages.update_profile(
                user=request.user,
                edition=edition,
                public_name=form.cleaned_data["public_name"],
                bio=form.cleaned_data["bio"],
            )
        except speaker_pages.EditsClosed:
            _closed(request)
        else:
            messages.success(request, _("Saved. The programme shows it from the next published version."))
            return redirect("programme:speaker_profile", year=year)
    return render(
        request,
        "programme/speaker_profile.html",
        {
            "edition": edition,
            "form": form,
            "speaker": speaker,
            "account_name": request.user.public_name,
            "until": speaker_pages.edits_until(edition),
            "open": speaker_pages.edits_open(edition),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@access(SIGNED_IN)
def session(request, year, pk):
    edition = request.edition
    own = speaker_pages.own_session(request.user, edition, pk)
    if own is None:
        raise Http404  # another speaker's session, or none: the same answer
    action = request.POST.get("action", "") if request.method == "POST" else ""
    text_form = SpeakerSessionForm(
        request.POST if action == "text" else None, initial={"abstract": own.abstract, "revision": own.revision}
    )
    link_form = MaterialLinkForm(request.POST if action == "link" else None, prefix="link")
    file_form = MaterialFileForm(
        request.POST if action == "file" else None, request.FILES if action == "file" else None, prefix="file"
    )
    if action:
        try:
            done = _act(request, own, action, text_form, link_form, file_form)
        except speaker_pages.EditsClosed:
            _closed(request)
            done = False
        if done:
            messages.success(request, _("Saved. The programme shows it from the next published version."))
            return redirect("programme:speaker_session", year=year, pk=own.pk)
    bound = [f for f in (text_form, link_form, file_form) if f.is_bound and f.errors]
    return render(
        request,
        "programme/speaker_session.html",
        {
            "edition": edition,
            "session": own,
            "text_form": text_form,
            "link_form": link_form,
            "file_form": file_form,
            "until": speaker_pages.edits_until(edition),
            "open": speaker_pages.edits_open(edition),
        },
        status=400 if bound else 200,
    )


def _act(request, own, action, text_form, link_form, file_form) -> bool:
    user = request.user
    if action == "text" and text_form.is_valid():
        try:
            speaker_pages.update_session(
                user=user,
                session=own,
                abstract=text_form.cleaned_data["abstract"],
                expected_revision=text_form.cleaned_data["revision"],
            )
        except speaker_pages.StaleEdit:
            text_form.add_error(None, _("The session was changed meanwhile. Your text is kept below: check and save."))
            text_form.data = text_form.data.copy()
            text_form.data["revision"] = str(own.revision)
            return False
        return True
    if action == "link" and link_form.is_valid():
        try:
            speaker_pages.add_link(
                user=user, session=own, title=link_form.cleaned_data["title"], url=link_form.cleaned_data["url"]
            )
        except ValidationError as error:
            link_form.add_error(None, error)
            return False
        return True
    if action == "file" and file_form.is_valid():
        try:
            speaker_pages.add_file(
                user=user, session=own, title=file_form.cleaned_data["title"], upload=file_form.cleaned_data["file"]
            )
        except uploads.UploadRefused as refused:
            file_form.add_error("file", refused)
            return False
        return True
    if action == "remove":
        link_id = request.POST.get("link", "")
        if link_id.isdigit() and len(link_id) <= 18:
            return speaker_pages.remove_material(user=user, session=own, link_id=int(link_id))
        try:
            file_uid = uuid.UUID(request.POST.get("material", ""))
        except ValueError:
            return False
        return speaker_pages.remove_material(user=user, session=own, file_uid=file_uid)
    return False


@require_http_methods(["GET", "POST"])
@access(PROGRAMME_TEAM)
def edits(request, year):
    """What speakers changed, against the published version, and until when they may."""
    edition = request.edition
    with timezone.override(edition.tz):
        until = speaker_pages.edits_until(edition)
        form = SpeakerDeadlineForm(
            request.POST or None, initial={"edits_until": timezone.localtime(until) if until else None}
        )
        if request.method == "POST" and form.is_valid():
            speaker_pages.set_deadline(edition=edition, until=form.cleaned_data["edits_until"], actor=request.user)
            messages.success(request, _("Saved."))
            return redirect("programme:orga_speaker_edits", year=year)
        return render(
            request,
            "programme/orga/speaker_edits.html",
            {"edition": edition, "form": form, "changes": speaker_pages.changes(edition), "until": until},
            status=400 if form.errors else 200,
        )


@access(PUBLIC)  # the viewer is checked below, per file (speaker_pages.may_read_material)
def material(request, year, uid):
    stored = (
        SessionMaterial.objects.select_related("session__edition", "data_key")
        .filter(uid=uid, session__edition=request.edition)
        .first()
    )
    if stored is None or not speaker_pages.may_read_material(request, stored):
        raise Http404
    try:
        return uploads.attachment_response(stored)
    except crypto.DecryptionError:  # the speaker was erased: their key, and so the file, is gone
        raise Http404 from None
