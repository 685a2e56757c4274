"""`defdays demo`: in editions, not core, because it resets an edition and its people; core imports no domain app."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from defdays.accounts.models import User
from defdays.core.demo import DEMO_ORDER, DemoContext
from defdays.core.models import DataKey
from defdays.editions.models import Edition


class Command(BaseCommand):
    help = "Load the Defenders' Days 2013 demo (idempotent). Prints demo logins with fresh random passwords."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Remove the demo edition and demo people first.")

    def handle(self, *args, reset=False, **options):
        ctx = DemoContext(reset=reset)
        with transaction.atomic():
            if reset:
                self._reset()
            for app in DEMO_ORDER:
                try:
                    module = importlib.import_module(f"defdays.{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"defdays.{app}.demo":
                        raise
                    continue
                module.build(ctx)
        self._print(ctx)

    def _reset(self):
        Edition.objects.filter(year=2013).delete()
        demo_users = User.objects.filter(is_demo=True)
        key_ids = list(demo_users.values_list("data_key_id", flat=True))
        demo_users.delete()
        DataKey.objects.filter(id__in=key_ids).delete()

    def _print(self, ctx):
        out = self.stdout
        out.write(self.style.SUCCESS(f"Demo ready: {ctx.edition.title} (/{ctx.edition.year}/)."))
        out.write("")
        out.write("Demo logins. Passwords are new random ones each time this runs, shown only here.")
        out.write("Staff accounts need a TOTP code: add the secret to an authenticator app, or run")
        out.write("  defdays totp_code EMAIL   (works for demo accounts only)")
        out.write("")
        width = max(len(login[0]) for login in ctx.logins)
        for role, email, password, secret in ctx.logins:
            line = f"  {role.ljust(width)}  {email:<40} {password}"
            if secret:
                line += f"   TOTP secret: {secret}"
            out.write(line)
        for note in ctx.notes:
            out.write(note)
