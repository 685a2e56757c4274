from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from defdays.core import backups


class Command(BaseCommand):
    help = (
        "Restore a backup (its manifest, defdays-*.json) into an empty database, then replay every erasure "
        "made since: keys destroyed in a newer backup of the same folder or in the live database are "
        "destroyed in the restored copy too, and their owners erased again."
    )

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path)
        parser.add_argument("--into", required=True, help="DATABASE_URL of an empty database to restore into.")
        parser.add_argument(
            "--no-live-database",
            action="store_true",
            help="The configured database is lost: replay erasures from newer backups only.",
        )

    def handle(self, *args, manifest, into, no_live_database, **options):
        live = None
        if not no_live_database:
            conninfo = backups.libpq_from_url(into)[0]
            if conninfo == backups._libpq(connections["default"].settings_dict)[0]:
                raise CommandError("--into names the configured database; pass --no-live-database if it is lost.")
            live = _url(connections["default"].settings_dict)
        try:
            report = backups.restore(manifest, into=into, erasures_from=live)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        if report.sources:
            self.stdout.write(f"Restored. Erasures replayed from: {', '.join(report.sources)}.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    "Restored. No newer backup and no live database: erasures made after this backup are NOT replayed."
                )
            )


def _url(db: dict) -> str:
    from urllib.parse import quote

    auth = quote(db.get("USER") or "") + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db.get('HOST') or ''}:{db.get('PORT') or 5432}/{quote(db['NAME'])}"
