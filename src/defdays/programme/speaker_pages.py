"""Speakers' own pages: a speaker edits their sessions' descriptions, their name and biography on the programme,
and adds materials, until the programme team's deadline. Every edit lands in the working copy; the public sees
it only when the programme team publishes the next version, after reading what changed (`changes`).

Writes here follow services.py's rules (keyword-only, one transaction, audit). A speaker reaches only sessions
they are linked to: anything else is not found, exactly like a missing session.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from defdays.accounts import visibility
from defdays.accounts.models import User
from defdays.audit import services as audit
from defdays.core import uploads
from defdays.programme.models import ScheduleVersion, Session, SessionLink, SessionMaterial, Speaker, SpeakerPages
from defdays.programme.snapshot import build_snapshot

MATERIAL_MAX_BYTES = 20 * 1024 * 1024
_WORDS = re.compile(r"\S+|\s+")  # words and the spaces between them, so line breaks survive the diff


class EditsClosed(Exception):
    """The deadline has passed (or the programme team has not opened speakers' edits)."""


class StaleEdit(Exception):
    """The session changed since the speaker opened the form; their text is shown again, not saved."""


# --- Reads ----------------------------------------------------------------------------------------------------


def edits_until(edition) -> datetime | None:
    return SpeakerPages.objects.filter(edition=edition).values_list("edits_until", flat=True).first()


def edits_open(edition, now: datetime | None = None) -> bool:
    until = edits_until(edition)
    return until is not None and (now or timezone.now()) <= until


def own_speaker(user, edition) -> Speaker | None:
    if not user.is_authenticated:
        return None
    return Speaker.objects.filter(edition=edition, user=user).select_related("user").first()


def own_sessions(user, edition) -> list[Session]:
    """The sessions this person speaks at in the edition's working copy."""
    if not user.is_authenticated:
        return []
    return list(
        Session.objects.filter(edition=edition, speaker_links__speaker__user=user)
        .prefetch_related("links", "materials")
        .order_by("start", "title")
        .distinct()
    )


def own_session(user, edition, pk: int) -> Session | None:
    """One of the person's own sessions, or None (the view answers 404: another speaker's session is not found)."""
    if not user.is_authenticated:
        return None
    return (
        Session.objects.filter(edition=edition, pk=pk, speaker_links__speaker__user=user)
        .prefetch_related("links", "materials")
        .first()
    )


def may_read_material(request, material: SessionMaterial) -> bool:
    """The programme team and the session's own speakers at any time; anyone else only once a published version
    lists the file on a session this viewer may see (programme_for applies the audience)."""
    from defdays.core.access import PROGRAMME_TEAM
    from defdays.programme.selectors import programme_for

    viewer, edition = request.user, material.session.edition
    if PROGRAMME_TEAM.allows(request):
        return True
    if viewer.is_authenticated and material.session.speaker_links.filter(speaker__user=viewer).exists():
        return True
    programme = programme_for(viewer, edition)
    if programme is None:
        return False
    uid = str(material.uid)
    return any(
        s["id"] == material.session_id and any(row[0] == uid for row in s.get("materials", []))
        for s in programme.sessions
    )


# --- Writes ---------------------------------------------------------------------------------------------------


def set_deadline(*, edition, until: datetime | None, actor) -> SpeakerPages:
    with transaction.atomic():
        pages, _ = SpeakerPages.objects.select_for_update().get_or_create(edition=edition)
        pages.edits_until = until
        pages.save(update_fields=["edits_until"])
        audit.record(audit.Action.SPEAKER_DEADLINE_SET, actor=actor, target=pages, edition=edition)
    return pages


def _locked_own_session(user, session: Session) -> Session:
    if not edits_open(session.edition):
        raise EditsClosed
    locked = (
        Session.objects.select_for_update()
        .filter(pk=session.pk, edition=session.edition, speaker_links__speaker__user=user)
        .first()
    )
    if locked is None:
        raise Session.DoesNotExist
    return locked


def _touch(session: Session) -> None:
    # The programme team's open forms carry the revision: their next save is refused rather than overwriting this.
    session.revision += 1
    session.updated_at = timezone.now()


def update_session(*, user, session: Session, abstract: str, expected_revision: int) -> Session:
    with transaction.atomic():
        session = _locked_own_session(user, session)
        if session.revision != expected_revision:
            raise StaleEdit
        session.abstract = abstract
        _touch(session)
        session.save(update_fields=["abstract", "revision", "updated_at"])
        audit.record(audit.Action.SPEAKER_EDITED, actor=user, target=session, edition=session.edition, part="abstract")
    return session


def update_profile(*, user, edition, public_name: str, bio: str) -> Speaker:
    if not edits_open(edition):
        raise EditsClosed
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().filter(edition=edition, user=user).first()
        if speaker is None:
            raise Speaker.DoesNotExist
        speaker.public_name, speaker.bio = public_name.strip(), bio
        speaker.full_clean()
        speaker.save(update_fields=["public_name", "bio"])
        audit.record(audit.Action.SPEAKER_EDITED, actor=user, target=speaker, edition=edition, part="profile")
    return speaker


def add_link(*, user, session: Session, title: str, url: str) -> SessionLink:
    with transaction.atomic():
        session = _locked_own_session(user, session)
        link = SessionLink(session=session, title=title.strip(), url=url)
        link.full_clean()
        link.save()
        _touch(session)
        session.save(update_fields=["revision", "updated_at"])
        audit.record(audit.Action.MATERIAL_ADDED, actor=user, target=session, edition=session.edition, kind="link")
    return link


def add_file(*, user, session: Session, title: str, upload) -> SessionMaterial:
    """A PDF, checked by its content (core.uploads: no scripts, no embedded files), sealed under the speaker's
    own data key."""
    clean = uploads.clean_upload(upload, kinds={uploads.PDF}, max_bytes=MATERIAL_MAX_BYTES)
    with transaction.atomic():
        session = _locked_own_session(user, session)
        speaker = Speaker.objects.select_related("user__data_key").get(edition=session.edition, user=user)
        material = SessionMaterial(session=session, added_by=speaker, title=title.strip(), data_key=user.data_key)
        material.seal(clean)
        material.full_clean(exclude=["name_sealed", "content_sealed"])
        material.save()
        _touch(session)
        session.save(update_fields=["revision", "updated_at"])
        audit.record(audit.Action.MATERIAL_ADDED, actor=user, target=session, edition=session.edition, kind="pdf")
    return material


def remove_material(*, user, session: Session, link_id: int | None = None, file_uid=None) -> bool:
    """Remove a link or a file of the person's own session. A removed file is gone at once, from published
    versions too (they list it, but nothing serves it any more): taking something back must not wait."""
    with transaction.atomic():
        session = _locked_own_session(user, session)
        if link_id is not None:
            removed = SessionLink.objects.filter(session=session, pk=link_id).delete()[0]
        else:
            removed = SessionMaterial.objects.filter(session=session, uid=file_uid).delete()[0]
        if removed:
            _touch(session)
            session.save(update_fields=["revision", "updated_at"])
            audit.record(audit.Action.MATERIAL_REMOVED, actor=user, target=session, edition=session.edition)
    return bool(removed)


# --- What changed: the programme team reads this before publishing ---------------------------------------------


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "removed", "added"
    text: str


@dataclass(frozen=True)
class Change:
    subject: str  # the session title or the speaker's name in the working copy
    part: str  # "description", "links", "files", "name", "biography"
    old: str
    new: str

    @property
    def pieces(self) -> list[Piece]:
        """A word diff of the published text against the working copy's."""
        old, new = _WORDS.findall(self.old), _WORDS.findall(self.new)
        pieces = []
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if op == "equal":
                pieces.append(Piece("same", "".join(old[a1:a2])))
                continue
            if a2 > a1:
                pieces.append(Piece("removed", "".join(old[a1:a2])))
            if b2 > b1:
                pieces.append(Piece("added", "".join(new[b1:b2])))
        return pieces


def _lines(pairs) -> str:
    return "\n".join(" — ".join(str(x) for x in pair) for pair in pairs)


def _titles(files) -> str:
    return "\n".join(title for _uid, title in files)


def changes(edition, working: dict | None = None) -> list[Change]:
    """What speakers can edit, as it stands in the working copy against the latest published version: the
    descriptions, links and files of sessions with a speaker who has an account, and those speakers' names and
    biographies. Empty when they match."""
    latest = ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()
    old = latest.snapshot if latest else {"sessions": [], "speakers": {}}
    new = working or build_snapshot(edition)
    account_ids = {person["user_id"] for person in new["speakers"].values() if person["user_id"]}
    # Hidden and erased people are not listed here either (accounts.visibility): not even their edits show.
    listed = set(User.objects.filter(visibility.listed_q(), pk__in=account_ids).values_list("pk", flat=True))
    with_account = {sid for sid, person in new["speakers"].items() if person["user_id"] in listed}
    before = {s["id"]: s for s in old["sessions"]}
    found = []
    for session in new["sessions"]:
        if not any(str(row[0]) in with_account for row in session["speakers"]):
            continue
        was = before.get(session["id"], {})
        for part, then, now in (
            ("description", was.get("abstract", ""), session["abstract"]),
            ("links", _lines(was.get("links", [])), _lines(session["links"])),
            ("files", _titles(was.get("materials", [])), _titles(session.get("materials", []))),
        ):
            if then != now:
                found.append(Change(session["title"], part, then, now))
    for sid in sorted(with_account, key=lambda sid: new["speakers"][sid]["name"]):
        person, was = new["speakers"][sid], old["speakers"].get(sid, {})
        for part, key in (("name", "name"), ("biography", "bio")):
            if was.get(key, "") != person[key]:
                found.append(Change(person["name"], part, was.get(key, ""), person[key]))
    return found
