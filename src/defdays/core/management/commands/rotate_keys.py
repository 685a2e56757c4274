from django.core.management.base import BaseCommand

from defdays.core.crypto import current_kek
from defdays.core.models import DataKey


class Command(BaseCommand):
    help = (
        "Rewrap every person's data key with the first key-encryption key in DEFDAYS_KEKS. "
        "Put the new key first, keep the old one listed, run this, then remove the old one."
    )

    def handle(self, *args, **options):
        changed = 0
        for key in DataKey.objects.filter(shredded_at__isnull=True).iterator():
            changed += key.rewrap()
        self.stdout.write(f"Rewrapped {changed} data keys with key '{current_kek()[0]}'.")
