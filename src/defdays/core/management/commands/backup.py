from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from defdays.core import backups


class Command(BaseCommand):
    help = (
        "Dump the database (pg_dump, custom format) with a manifest into a folder. The dump holds no key: "
        "keep DEFDAYS_KEKS elsewhere, and keep backups no longer than the registration period."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            manifest = backups.backup(folder)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{manifest.dump} ({manifest.dump.stat().st_size} bytes), manifest {manifest.path.name}, "
            f"{len(manifest.live_keys)} live data keys"
        )
