"""Keep cached programme output honest: a publish, a "hide me", an erasure or a rename takes effect on the next
request of every process, through the generation (core.generation) bumped in the writing transaction.

A rename is not a signal: people.services.update_profile calls programme.personal_data.public_name_changed
through people.registry, in the transaction that changes the name. A signal on every User save rewrote published
versions whichever code saved the row; an explicit call leaves one path that does it, and one to test.
"""

from defdays.programme import selectors


def user_or_speaker_deleted(sender, instance, **kwargs):
    selectors.invalidate()


def version_published(edition_pk):
    selectors.invalidate()
