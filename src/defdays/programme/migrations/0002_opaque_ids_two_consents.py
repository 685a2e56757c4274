"""Speakers get random slugs and guids; closed sessions get a random slug tail; speakers' consent to be named is
split in two (closed part, public); published snapshots follow.

Until now a speaker's slug was made from their name at first scheduling (and kept through a move to a pseudonym),
the frab person id and guid were computed from that slug, and an open session got "-2" when a closed session of the
same title existed. Every existing row is given new values here, and every published snapshot is rewritten with
them, so the old name-based URLs answer 404 from now on.
"""

import uuid

from django.db import migrations, models

import defdays.programme.models as programme_models


def _session_slugs(Session, edition_id) -> dict[int, str]:
    """New slugs for one edition: open sessions numbered among themselves in creation order, closed ones tailed."""
    slugs, taken = {}, set()
    for pk, title, audience in (Session.objects.filter(edition_id=edition_id).order_by("id")
                                .values_list("pk", "title", "audience")):
        base = programme_models.slug_base(title)
        if audience == "closed":
            continue
        slugs[pk] = programme_models.numbered_slug(base, taken)
        taken.add(slugs[pk])
    for pk, title in (Session.objects.filter(edition_id=edition_id, audience="closed").order_by("id")
                      .values_list("pk", "title")):
        slug = programme_models.closed_session_slug(programme_models.slug_base(title))
        while slug in taken:
            slug = programme_models.closed_session_slug(programme_models.slug_base(title))
        slugs[pk] = slug
        taken.add(slug)
    return slugs


def rewrite_snapshot(snapshot: dict, speaker_ids: dict[str, tuple[str, str]], session_slugs: dict[int, str]):
    """Put the new values into one published snapshot. A speaker or session deleted since still gets a random
    value: its old one came from a name or a title the public may not link to it."""
    for sid, person in snapshot.get("speakers", {}).items():
        person["slug"], person["uid"] = speaker_ids.get(sid) or (programme_models.opaque_slug(), str(uuid.uuid4()))
    for session in snapshot.get("sessions", []):
        if session["id"] not in session_slugs:
            session_slugs[session["id"]] = programme_models.closed_session_slug(
                programme_models.slug_base(session["title"]))
        session["slug"] = session_slugs[session["id"]]
        # A speaker row now carries two consents; before, one flag served both (see SessionSpeaker).
        session["speakers"] = [row if len(row) == 4 else [row[0], row[1], row[2], row[2]]
                               for row in session["speakers"]]


def forwards(apps, schema_editor):
    Speaker = apps.get_model("programme", "Speaker")
    Session = apps.get_model("programme", "Session")
    ScheduleVersion = apps.get_model("programme", "ScheduleVersion")
    SessionSpeaker = apps.get_model("programme", "SessionSpeaker")
    for speaker in Speaker.objects.all():
        speaker.slug, speaker.uid = programme_models.opaque_slug(), uuid.uuid4()
        speaker.save(update_fields=["slug", "uid"])
    SessionSpeaker.objects.update(consent_closed=models.F("consent_public"))
    edition_ids = set(Session.objects.values_list("edition_id", flat=True)) | set(
        ScheduleVersion.objects.values_list("edition_id", flat=True))
    for edition_id in edition_ids:
        slugs = _session_slugs(Session, edition_id)
        # Two passes: a new slug may be one another session holds until its own turn comes.
        for pk in slugs:
            Session.objects.filter(pk=pk).update(slug=f"migrating-{pk}")
        for pk, slug in slugs.items():
            Session.objects.filter(pk=pk).update(slug=slug)
        speaker_ids = {str(pk): (slug, str(uid)) for pk, slug, uid in
                       Speaker.objects.filter(edition_id=edition_id).values_list("pk", "slug", "uid")}
        for version in ScheduleVersion.objects.filter(edition_id=edition_id):
            rewrite_snapshot(version.snapshot, speaker_ids, slugs)
            for change in version.changelog:
                if change.get("session") in slugs:
                    change["slug"] = slugs[change["session"]]
            version.save(update_fields=["snapshot", "changelog"])


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(name="speaker", options={"ordering": ["id"]}),
        migrations.AddField(model_name="speaker", name="uid", field=models.UUIDField(null=True, editable=False)),
        migrations.AddField(
            model_name="sessionspeaker", name="consent_closed",
            field=models.BooleanField(default=False, verbose_name="agrees to be named inside the closed part")),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(model_name="speaker", name="uid",
                              field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
        migrations.AlterField(model_name="speaker", name="slug",
                              field=models.SlugField(default=programme_models.opaque_slug, editable=False,
                                                     max_length=120)),
    ]
