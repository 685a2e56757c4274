from pathlib import Path

from django.core.management.base import BaseCommand

from defdays.people.replay import replay_erasures


class Command(BaseCommand):
    help = (
        "On a restored copy (defdays restore runs it): destroy every data key not listed in --keep, and erase "
        "again every person whose key that was. Use only on a freshly restored database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--keep", type=Path, required=True, help="File of data key ids still alive.")

    def handle(self, *args, keep, **options):
        kept = set(keep.read_text().split())
        erased, shredded = replay_erasures(keep_key_ids=kept)
        self.stdout.write(f"Erased again: {erased} people; other data keys destroyed: {shredded}.")
