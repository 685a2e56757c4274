"""The programme: rooms, tracks, sessions, speakers, published schedule versions and personal agendas.

Organisers edit the *working copy* (Room, Track, Session, Speaker, SessionSpeaker). Publishing freezes it into a
ScheduleVersion (a JSON snapshot); every public and participant page reads the latest published snapshot, never the
working copy, so a half-edited programme is never shown.
"""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from defdays.core.multilingual import TranslationsField
from defdays.core.sensitivity import Sensitivity
from defdays.core.uploads import EncryptedFile

N = Sensitivity.NONE


def opaque_slug() -> str:
    """A speaker's part of their public URL. Random, never a name: a person who moves to a pseudonym must not stay
    reachable (or testable) under the name they had when first scheduled, and no "-2" may tell the public that a
    hidden person shares a name with a listed one."""
    return secrets.token_hex(6)


def slug_base(title: str) -> str:
    """A title as the start of a slug; ends in a letter or digit, as schedule apps expect of event slugs."""
    return slugify(title)[:100].strip("-_") or "session"


def closed_session_slug(base: str) -> str:
    """A closed session's slug: its title plus a random tail. Open sessions are deduplicated among themselves
    ("-2", "-3"); with the tail, a closed session of the same title never pushes an open one to "-2", which would
    tell the public that a session they cannot see carries that title."""
    return f"{base}-{secrets.token_hex(3)}"


def numbered_slug(base: str, taken: set[str]) -> str:
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


class SessionType(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    PANEL = "panel", _("Panel discussion")
    TRAINING = "training", _("Training")
    PRESENTATION = "presentation", _("Presentation")
    AWARD = "award", _("Award ceremony")
    NETWORKING = "networking", _("Networking")
    BREAK = "break", _("Break")


class SessionAudience(models.TextChoices):
    CLOSED = "closed", _("Closed part")
    OPEN = "open", _("Open session")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    TRAINER = "trainer", _("Trainer")


class Room(models.Model):
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"))
    accessibility = models.TextField(_("accessibility notes"), blank=True, max_length=2000)
    # A closed room is not reachable by the public: closed sessions belong in closed rooms.
    is_closed = models.BooleanField(_("closed-part room"), default=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    SENSITIVITY = {
        name: N
        for name in (
            "id",
            "edition",
            "name",
            "capacity",
            "accessibility",
            "is_closed",
            "opens_at",
            "closes_at",
            "position",
        )
    }

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="room_name_once_per_edition")]

    def __str__(self):
        return self.name


class Track(models.Model):
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("name"), max_length=100)

    SENSITIVITY = {"id": N, "edition": N, "name": N}

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="track_name_once_per_edition")]

    def __str__(self):
        return self.name


class ProgrammeSettings(models.Model):
    """The edition's programme rules an organiser sets, and a new edition copies: the session types it offers and
    how training seats are handed out."""

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="+")
    # SessionType values offered in the session form; empty means every type.
    session_types = models.JSONField(default=list, blank=True)
    training_seats = models.PositiveIntegerField(_("seats of a new training"), null=True, blank=True)
    trainings_per_person = models.PositiveIntegerField(_("trainings one person may book"), null=True, blank=True)

    SENSITIVITY = {name: N for name in ("id", "edition", "session_types", "training_seats", "trainings_per_person")}

    def __str__(self):
        return f"programme settings ({self.edition_id})"

    @classmethod
    def for_edition(cls, edition) -> "ProgrammeSettings":
        return cls.objects.filter(edition=edition).first() or cls(edition=edition)

    def offered_types(self) -> list[tuple[str, str]]:
        return [choice for choice in SessionType.choices if not self.session_types or choice[0] in self.session_types]


class Speaker(models.Model):
    """Someone who speaks: a signed-in person (shown by their public name) or a guest with a public name only."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="speakers")
    slug = models.SlugField(max_length=120, default=opaque_slug, editable=False)
    # Person guid (and the integer id derived from it) in the frab/c3voc exports: random, like the slug.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="speaker_profiles"
    )
    # Guests only: public figures appear under the public name they are known by. Empty for users.
    guest_name = models.CharField(_("public name (guests)"), max_length=200, blank=True)
    bio = models.TextField(_("short biography"), blank=True, max_length=4000)
    # A speaker with an account may appear on the programme under another name than their account's (set on their
    # own page, published with the next version). Empty: the account's public name.
    public_name = models.CharField(_("public name on the programme"), max_length=100, blank=True)

    SENSITIVITY = {
        "id": N,
        "edition": N,
        "slug": Sensitivity.PARTICIPANT,
        "uid": Sensitivity.PARTICIPANT,
        "user": Sensitivity.STAFF,
        "guest_name": Sensitivity.PUBLIC,
        "bio": Sensitivity.PARTICIPANT,
        "public_name": Sensitivity.PARTICIPANT,
    }

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="speaker_slug_once_per_edition"),
            models.UniqueConstraint(fields=["edition", "user"], name="speaker_user_once_per_edition"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.user_id:
            return self.public_name or self.user.public_name
        return self.guest_name

    @property
    def is_guest(self):
        return self.user_id is None


class Session(models.Model):
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="sessions")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # stable guid for calendars
    slug = models.SlugField(max_length=120)
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), blank=True)
    # Title and abstract in the site's other languages (core.multilingual); English above is the fallback.
    translations = TranslationsField(fields=("title", "abstract"))
    type = models.CharField(_("type"), max_length=20, choices=SessionType.choices)
    track = models.ForeignKey(Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    # RESTRICT: a room cannot disappear under the sessions placed in it (services.delete_room says so clearly),
    # yet deleting a whole edition, which takes its sessions along, still works.
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.RESTRICT, related_name="sessions")
    start = models.DateTimeField(_("starts"), null=True, blank=True)
    duration = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    language = models.CharField(_("language"), max_length=40, default="English")
    interpretation = models.CharField(_("interpretation into"), max_length=100, blank=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=SessionAudience.choices, default=SessionAudience.CLOSED
    )
    chatham_house = models.BooleanField(_("Chatham House Rule"), default=False)
    no_recording = models.BooleanField(_("no recording"), default=False)
    no_photos = models.BooleanField(_("no photos"), default=False)
    seat_cap = models.PositiveIntegerField(_("seats (trainings)"), null=True, blank=True)
    # Training seats and their waitlist are counted by the shared mechanism (seats.capacity), never here.
    capacity = models.OneToOneField(
        "seats.Capacity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    # Bumped on every save: a form opened before someone else's save is refused, not silently overwritten.
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    SENSITIVITY = {
        name: N
        for name in (
            "id",
            "edition",
            "uid",
            "slug",
            "title",
            "abstract",
            "type",
            "track",
            "room",
            "start",
            "duration",
            "language",
            "interpretation",
            "audience",
            "chatham_house",
            "no_recording",
            "no_photos",
            "seat_cap",
            "capacity",
            "status",
            "revision",
            "updated_at",
            "translations",
        )
    }

    class Meta:
        ordering = ["start", "title"]
        constraints = [models.UniqueConstraint(fields=["edition", "slug"], name="session_slug_once_per_edition")]

    def __str__(self):
        return self.title

    @property
    def end(self):
        return self.start + timedelta(minutes=self.duration) if self.start else None

    # Which of a speaker's two consents this session asks for (snapshot.speaker_named applies them).
    @property
    def asks_closed_consent(self) -> bool:
        return self.chatham_house

    @property
    def asks_public_consent(self) -> bool:
        return self.audience == SessionAudience.OPEN and not self.chatham_house


class SessionSpeaker(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speaker_links")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="session_links")
    role = models.CharField(max_length=12, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER)
    # Two consents, per session, kept apart: being named to the closed part of a Chatham House session is not
    # being named to the world. A person with an account gives both themselves (services.speaker_set_consent);
    # the programme team records them for guests only. Both reset when the session's audience or Chatham House
    # flag changes: what was agreed for one setting is asked again for the other.
    consent_closed = models.BooleanField(_("agrees to be named inside the closed part"), default=False)
    consent_public = models.BooleanField(_("agrees to be named publicly"), default=False)
    position = models.PositiveIntegerField(default=0)

    SENSITIVITY = {
        "id": N,
        "session": Sensitivity.STAFF,
        "speaker": Sensitivity.STAFF,
        "role": Sensitivity.STAFF,
        "consent_closed": Sensitivity.STAFF,
        "consent_public": Sensitivity.STAFF,
        "position": N,
    }

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "speaker"], name="speaker_once_per_session")]


class SessionLink(models.Model):
    """Materials: slides, reading, recordings. Links only; files are uploaded elsewhere and linked."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)

    SENSITIVITY = {"id": N, "session": N, "title": N, "url": N}


class SessionMaterial(EncryptedFile):
    """A PDF a speaker added to their session, sealed under their own data key (erasing them erases it).

    Served only by programme.views.material, which checks the viewer: the programme team and the session's own
    speakers before publication, everyone else only once a published version lists it on a session they may see.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    added_by = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)

    SENSITIVITY = {**EncryptedFile.SENSITIVITY, "session": N, "added_by": Sensitivity.STAFF, "title": N}

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title


class SpeakerPages(models.Model):
    """Until when the edition's speakers may edit their own texts and materials (set by the programme team)."""

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="+")
    edits_until = models.DateTimeField(_("speakers may edit until"), null=True, blank=True)

    SENSITIVITY = {"id": N, "edition": N, "edits_until": N}

    def __str__(self):
        return f"speaker pages ({self.edition_id})"


class ScheduleVersion(models.Model):
    """A published, frozen programme. `snapshot` holds everything (closed items too); readers filter by audience."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="schedule_versions")
    number = models.PositiveIntegerField()
    name = models.CharField(_("version name"), max_length=100)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    snapshot = models.JSONField()
    # Changes from the previous version, unfiltered (staff only); readers recompute per audience.
    changelog = models.JSONField(default=list)

    SENSITIVITY = {
        "id": N,
        "edition": N,
        "number": N,
        "name": N,
        "published_at": N,
        "published_by": Sensitivity.STAFF,
        "snapshot": Sensitivity.PARTICIPANT,
        "changelog": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="version_number_once")]

    def __str__(self):
        return f"{self.number}: {self.name}"


class AgendaEntry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_entries")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_entries")
    created_at = models.DateTimeField(default=timezone.now)

    SENSITIVITY = {"id": N, "user": Sensitivity.STAFF, "session": Sensitivity.STAFF, "created_at": Sensitivity.STAFF}

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "session"], name="agenda_session_once")]


class AgendaFeedToken(models.Model):
    """A private calendar feed. Only the SHA-256 of the token is stored; the person sees it once, can rotate it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feeds")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    SENSITIVITY = {
        "id": N,
        "user": Sensitivity.STAFF,
        "edition": N,
        "token_hash": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
    }

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "edition"], name="one_feed_per_edition")]
