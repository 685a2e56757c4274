"""Demo visa letter for 2013: Nightingale (demo) asked, gave fictional passport details, the travel desk issued
it; the verification link an embassy would open is printed (its token is opaque: the reference and initials show
only on the page it opens)."""

from datetime import date

from django.urls import reverse

from defdays.core.links import absolute_url
from defdays.visas import services
from defdays.visas.models import LetterRequest, LetterStatus


def build(ctx):
    edition, holder = ctx.edition, ctx.users["defender"]
    letter = LetterRequest.objects.filter(user=holder, edition=edition).first()
    if letter is None:
        letter = services.letter_ask(user=holder, edition=edition)
        services.letter_details_save(
            letter=letter,
            user=holder,
            details=services.Details(
                passport_name="Nadia Example Demo",
                passport_number="DM 000 1234",
                nationality="Demoland (fictional)",
                birth_date=date(1984, 6, 12),
                stay_from=date(2013, 4, 1),
                stay_to=date(2013, 4, 6),
                embassy="Embassy of Sweden, Demo City",
            ),
        )
    letter.refresh_from_db()
    if letter.status != LetterStatus.ISSUED:
        services.letter_issue(letter=letter, actor=ctx.users.get("travel"))
        letter.refresh_from_db()
    verify = absolute_url(reverse("visas:verify", kwargs={"token": services.verification_token(letter)}))
    ctx.notes.append(f"Visa letter {letter.reference} issued (/orga/{edition.year}/visa-letters/); verify: {verify}")


def url_examples(ctx) -> dict[str, dict]:
    letter = LetterRequest.objects.filter(edition=ctx.edition).first()
    return {
        "visas:download": {"token": "no-such-link"},
        "visas:verify": {"token": services.verification_token(letter) if letter else "no-such-token"},
        "visas:team_detail": {
            "year": ctx.edition.year,
            "uid": letter.uid if letter else "00000000-0000-0000-0000-000000000000",
        },
    }
