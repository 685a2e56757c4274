"""Keep cached programme output honest: a publish, a "hide me", an erasure or a rename takes effect on the next
request of every process, through the generation (core.generation) bumped in the writing transaction."""

from defdays.programme import selectors

# "Hide me" bumps the generation itself (accounts.visibility).
WATCHED_USER_FIELDS = {"is_active", "public_name"}


def user_saved(sender, instance, update_fields=None, created=False, **kwargs):
    if created:
        return
    if update_fields is not None and not (set(update_fields) & WATCHED_USER_FIELDS):
        return  # e.g. last_login on every sign-in
    if update_fields is None or "public_name" in update_fields:
        from defdays.programme.personal_data import rename_in_snapshots

        rename_in_snapshots(instance)
    selectors.invalidate()


def user_or_speaker_deleted(sender, instance, **kwargs):
    selectors.invalidate()


def version_published(edition_pk):
    selectors.invalidate()
