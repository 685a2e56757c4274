from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from defdays.accounts.models import User
from defdays.accounts.services import confirmed_totp_device


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account, for trying the demo. Refuses real accounts."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.find_by_email(email)
        if user is None or not user.is_demo:
            raise CommandError("Only demo accounts have their codes shown.")
        device = confirmed_totp_device(user)
        if device is None:
            raise CommandError("This account has no authenticator yet.")
        self.stdout.write(current_totp(device))


def current_totp(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
