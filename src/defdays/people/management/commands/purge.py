from django.core.management.base import BaseCommand, CommandError

from defdays.people import services
from defdays.people.tasks import next_run_after, schedule_daily_purge


class Command(BaseCommand):
    help = (
        "Destroy restricted personal data whose retention period after an edition has passed "
        "(DEFDAYS_RETENTION_TRAVEL_DAYS, DEFDAYS_RETENTION_REGISTRATION_DAYS). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print what would be destroyed; change nothing.")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Make sure the daily purge task is queued for the worker, then exit.",
        )

    def handle(self, *args, dry_run=False, schedule=False, **options):
        if schedule:
            if schedule_daily_purge():
                self.stdout.write(
                    f"The daily purge is queued; the next run is after {next_run_after():%Y-%m-%d %H:%M} UTC."
                )
            else:
                self.stdout.write("This task backend runs tasks at once and cannot schedule; use a daily cron line.")
            return
        days = services.retention_days()
        self.stdout.write("Retention: " + ", ".join(f"{category} {n} days" for category, n in days.items()))
        results = services.purge(dry_run=dry_run)
        verb = "would destroy" if dry_run else "destroyed"
        for result in results:
            detail = ", ".join(f"{count} {kind}" for kind, count in sorted(result.counts.items())) or "nothing"
            self.stdout.write(f"{result.edition.year} {result.category}: {verb} {detail}")
            for label in result.failed:
                self.stderr.write(f"{result.edition.year} {result.category}: the purge of {label} FAILED (see the log)")
        if not results:
            self.stdout.write("No edition is past its retention period.")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        if any(result.failed for result in results):
            raise CommandError("Some data could not be purged; the rest was. Run again after fixing the cause.")
