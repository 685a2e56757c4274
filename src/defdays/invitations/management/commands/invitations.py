"""`defdays invitations import FILE --year 2013 [--dry-run]`: the same checks and writes as the web import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from defdays.editions.models import Edition
from defdays.invitations import importer, services


class Command(BaseCommand):
    help = "Invitations from the command line. `import FILE --year YYYY [--dry-run]` checks and imports a CSV."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Check every row of a CSV file, then create the valid invitations.")
        imp.add_argument("file", type=Path)
        imp.add_argument("--year", type=int, required=True, help="The edition, e.g. 2013.")
        imp.add_argument("--dry-run", action="store_true", help="Check and report only; write nothing.")
        imp.add_argument("--base-url", default="", help="Site address for the links (default DEFDAYS_BASE_URL).")

    def handle(self, *args, action, **options):
        if action == "import":
            self.import_file(**options)

    def import_file(self, file, year, dry_run, base_url, **options):
        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            raise CommandError(f"No edition {year}.")
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read the file: {exc.strerror}.") from None
        try:
            parsed = importer.read(content)
        except importer.ImportFileError as exc:
            raise CommandError(str(exc)) from None
        with tqdm(total=len(parsed.rows), unit="row", desc="checking", file=self.stderr._out) as bar:

            def progress(done, total):
                bar.update(done - bar.n)

            result = importer.validate(edition, parsed, progress=progress, every=50)
        for item in result.errors:
            message = importer.REASONS.get(item["reason"], item["reason"])
            self.stdout.write(f"row {item['row']}: {item['field']}: {message}")
        self.stdout.write(f"{result.total} rows, {len(result.valid)} valid, {len(result.errors)} problems.")
        if dry_run:
            self.stdout.write("Dry run: nothing written.")
            return
        created = services.create_from_rows(
            edition, result.valid, actor=None, base_url=base_url or services.base_url_from(), source="cli"
        )
        self.stdout.write(self.style.SUCCESS(f"{created} invitations created; their emails are queued."))
