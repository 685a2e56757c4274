import getpass

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from defdays.accounts.models import User
from defdays.core.validators import validate_email_address, validate_visible_text


class Command(BaseCommand):
    help = "Create a platform administrator (acts as organiser in every edition; two-factor required)."

    def add_arguments(self, parser):
        parser.add_argument("--email")
        parser.add_argument("--public-name")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, email=None, public_name=None, interactive=True, **options):
        email = email or (input("Email: ") if interactive else None)
        public_name = public_name or (input("Public name: ") if interactive else "Administrator")
        if not email:
            raise CommandError("An email is required (--email).")
        try:
            validate_email_address(email)
        except ValidationError as exc:
            raise CommandError("That is not an email address.") from exc
        try:
            validate_visible_text(public_name)
        except ValidationError as exc:
            raise CommandError("The public name holds invisible or direction-changing characters.") from exc
        if User.objects.find_by_email(email):
            raise CommandError("An account with this email exists.")
        password = None
        if interactive:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ.")
            try:
                password_validation.validate_password(password)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        User.objects.create_superuser(email, password, public_name=public_name)
        self.stdout.write("Administrator created." + ("" if password else " Set a password with a reset link."))
