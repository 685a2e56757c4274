"""Keep the cached programme head honest: a publish, a "hide me" or an erasure takes effect on the next request."""

from django.db import transaction

from defdays.programme import selectors

WATCHED_USER_FIELDS = {"hidden_at", "is_active", "public_name"}


def _now_and_after_commit(edition_pks=None):
    # Now, so this process sees it at once; after commit too, so no request that read the old rows in between
    # can leave a stale head behind.
    selectors.invalidate(edition_pks)
    transaction.on_commit(lambda: selectors.invalidate(edition_pks))


def user_saved(sender, instance, update_fields=None, created=False, **kwargs):
    if created:
        return
    if update_fields is not None and not (set(update_fields) & WATCHED_USER_FIELDS):
        return  # e.g. last_login on every sign-in
    if update_fields is None or "public_name" in update_fields:
        from defdays.programme.personal_data import rename_in_snapshots

        rename_in_snapshots(instance)
    _now_and_after_commit()


def user_or_speaker_deleted(sender, instance, **kwargs):
    _now_and_after_commit()


def version_published(edition_pk):
    _now_and_after_commit([edition_pk])
