"""The 2013 country report: a short fictional report (demo), approved and published with the award's
announcement at the ceremony on 4 April 2013.

The country and everything in the report are invented. The award's cycle is created here if the award's own
demo has not made it yet (get_or_create), so either demo can run first.
"""

import secrets
from datetime import datetime
from pathlib import Path

from django.db import transaction

from defdays.accounts import services as services_accounts
from defdays.accounts.models import Authenticator, User
from defdays.accounts.views import totp_secret_base32
from defdays.award.models import AwardCycle
from defdays.reports import services
from defdays.reports.models import CountryReport

TITLE = "Defending rights under a permanent emergency"
COUNTRY = "Veldoria (fictional, demo)"
AUTHOR = ("report-author", "report.author.demo@example.org", "Report author (demo)", "Aster (demo)")
# The ceremony session in the programme's demo: 4 April 2013, 16:30 in Stockholm.
CEREMONY = (2013, 4, 4, 16, 30)


def _announced_at(edition):
    return datetime(*CEREMONY, tzinfo=edition.tz)


def build(ctx):
    edition = ctx.edition
    organiser = ctx.users["organiser"]
    key, email, public_name, pseudonym = AUTHOR
    author = User.objects.find_by_email(email)
    if author is None:
        author = User.objects.create_user(email, None, public_name=public_name, is_demo=True)
    password = secrets.token_urlsafe(12)
    author.set_password(password)
    author.save(update_fields=["password"])
    ctx.users[key] = author
    device = services_accounts.confirmed_totp_device(author) or Authenticator.new(author, confirmed=True)
    ctx.logins.append(("Country report author", email, password, totp_secret_base32(device)))
    with transaction.atomic():
        AwardCycle.objects.get_or_create(edition=edition, defaults={"announced_at": _announced_at(edition)})
        report = CountryReport.objects.filter(edition=edition).first()
        if report is None or not report.versions.exists():
            services.author_add(edition=edition, user=author, pseudonym=pseudonym, by=organiser)
            services.author_add(edition=edition, user=ctx.users["programme"], pseudonym="", by=organiser)
            body = (Path(__file__).parent / "fixtures" / "demo_report.md").read_text(encoding="utf-8")
            # Version 1: the first draft; a review comment; version 2 answers it and is approved.
            first_draft = body.split("## Recommendations")[0]
            first = services.version_save(
                edition=edition, title=TITLE, country=COUNTRY, body=first_draft, base_number=0, by=author
            )
            services.comment_add(
                version=first, body="Please add recommendations, and a source for the detention figures.", by=organiser
            )
            services.version_save(edition=edition, title=TITLE, country=COUNTRY, body=body, base_number=1, by=author)
            services.version_approve(edition=edition, number=2, by=organiser)
    ctx.notes.append(
        f"Country report: /{edition.year}/award/report/ and /{edition.year}/award/report.pdf (published); "
        f"drafts, versions and comments at /me/report/{edition.year}/ (the report author and the organiser)."
    )


def url_examples(ctx) -> dict:
    year = ctx.edition.year
    report = CountryReport.objects.filter(edition=ctx.edition).first()
    author = report.authors.first() if report else None
    return {
        "reports:version": {"year": year, "number": 2},
        "reports:comment": {"year": year, "number": 2},
        "reports:author_remove": {"year": year, "pk": author.pk if author else 1},
    }
