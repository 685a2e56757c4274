"""One demo account per role, plus fictional closed-part participants. All marked demo; passwords are random."""

import secrets

from defdays.accounts import services
from defdays.accounts.models import Authenticator, User
from defdays.accounts.views import totp_secret_base32
from defdays.core.roles import STAFF_ROLES, RoleName

# (key, email, public name, role). Names are fictional; public figures appear only in their public roles.
DEMO_ACCOUNTS = [
    ("organiser", "organiser.demo@example.org", "Organiser (demo)", RoleName.ORGANISER),
    ("programme", "programme.demo@example.org", "Programme team (demo)", RoleName.PROGRAMME),
    ("travel", "travel.demo@example.org", "Travel desk (demo)", RoleName.TRAVEL),
    ("jury", "jury.demo@example.org", "Jury member (demo)", RoleName.JURY),
    ("speaker", "speaker.demo@example.org", "Trainer Ada (demo)", RoleName.SPEAKER),
    ("defender", "defender.demo@example.org", "Nightingale (demo)", RoleName.DEFENDER),
    ("stakeholder", "stakeholder.demo@example.org", "Foundation officer (demo)", RoleName.STAKEHOLDER),
    ("attendee", "attendee.demo@example.org", "Open-session guest (demo)", RoleName.ATTENDEE),
    ("volunteer", "volunteer.demo@example.org", "Check-in desk (demo)", RoleName.VOLUNTEER),
    ("safety", "safety.demo@example.org", "Safety team (demo)", RoleName.SAFETY),
]

# Fictional closed-part participants: they exist to show what must never leak to the public pages.
DEMO_PARTICIPANTS = [
    ("defender-1", "kestrel.demo@example.org", "Kestrel (demo)", RoleName.DEFENDER),
    ("defender-2", "lantern.demo@example.org", "Lantern (demo)", RoleName.DEFENDER),
    ("defender-3", "river.demo@example.org", "River (demo)", RoleName.DEFENDER),
    ("stakeholder-1", "embassy.demo@example.org", "Embassy desk officer (demo)", RoleName.STAKEHOLDER),
]


def _demo_user(email, public_name):
    user = User.objects.find_by_email(email)
    if user is None:
        user = User.objects.create_user(email, None, public_name=public_name, is_demo=True)
    return user


def _confirmed_device(user):
    device = services.confirmed_totp_device(user)
    if device is None:
        device = Authenticator.new(user, confirmed=True)
    return device


def build(ctx):
    for key, email, public_name, role in DEMO_ACCOUNTS:
        user = _demo_user(email, public_name)
        services.grant_role(user, ctx.edition, role)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        secret = totp_secret_base32(_confirmed_device(user)) if role in STAFF_ROLES else ""
        ctx.users[key] = user
        ctx.logins.append((str(role.label), email, password, secret))
    for key, email, public_name, role in DEMO_PARTICIPANTS:
        user = _demo_user(email, public_name)  # no password: they only populate the lists
        services.grant_role(user, ctx.edition, role)
        ctx.users[key] = user
