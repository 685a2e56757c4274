"""The 2013 award: fictional nominees (marked demo), a jury of three with one conflict declared, scores, a
shortlist and a fictional laureate announced at the ceremony on 4 April 2013."""

import io
import secrets
from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from defdays.accounts import services as account_services
from defdays.accounts.demo import _confirmed_device, _demo_user
from defdays.accounts.views import totp_secret_base32
from defdays.award import services
from defdays.award.models import AwardCycle, Nomination, Source
from defdays.core.roles import RoleName
from defdays.core.uploads import IMAGE_KINDS, clean_upload

EXTRA_JURORS = [
    ("jury-2", "jury2.demo@example.org", "Second juror (demo)"),
    ("jury-3", "jury3.demo@example.org", "Third juror (demo)"),
]

# (key, name, country, field of work, why, risks). All fictional; the countries too.
NOMINEES = [
    (
        "laureate",
        "Amara Veld (demo)",
        "Veldoria (fictional)",
        "Land rights and the defence of indigenous communities",
        "Has documented forced evictions in the northern provinces for ten years and brought three cases to "
        "the regional human rights court.",
        "Travel ban since 2011; her office was searched twice last year.",
    ),
    (
        "second",
        "Tomas Riel (demo)",
        "Ostrania (fictional)",
        "Freedom of expression, independent radio",
        "Runs a community radio station that reports on corruption in three languages.",
        "Station closed twice; he is followed by plain-clothes police.",
    ),
    (
        "third",
        "Lina Okoro (demo)",
        "Karsovia (fictional)",
        "Women's rights lawyer",
        "Defends women prosecuted for speaking out against violence in custody.",
        "Disbarment proceedings opened against her in 2012.",
    ),
]

SCORES = {  # juror -> nominee -> values (Courage, Impact, Risk)
    "jury": {"laureate": (5, 5, 4), "second": (4, 3, 4), "third": (4, 4, 5)},
    "jury-2": {"laureate": (5, 4, 5), "second": (3, 3, 4), "third": (5, 4, 4)},
    "jury-3": {"laureate": (4, 5, 5), "third": (4, 3, 4)},  # declared a conflict with "second"
}

COMMENTS = {
    ("jury", "laureate"): {"Courage": "Kept working under a travel ban."},
    ("jury-2", "laureate"): {"Risk": "Her office was searched twice: the award would protect her."},
    ("jury-2", "third"): {"Impact": "Won two acquittals in 2012."},
}


def _jurors(ctx):
    for key, email, public_name in EXTRA_JURORS:
        user = _demo_user(email, public_name)
        account_services.grant_role(user, ctx.edition, RoleName.JURY)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        ctx.users[key] = user
        ctx.logins.append((str(RoleName.JURY.label), email, password, totp_secret_base32(_confirmed_device(user))))


def _picture(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (240, 300), colour).save(out, format="PNG")
    return out.getvalue()


def _notes(ctx):
    year = ctx.edition.year
    ctx.notes.append(
        f"Award: /{year}/award/ and /laureates/ (public); /orga/{year}/award/nominations/ (jury: three jurors, "
        f"the third has declared a conflict); /orga/{year}/award/ranking/ (organiser)."
    )


def build(ctx):
    edition = ctx.edition
    _jurors(ctx)
    if Nomination.objects.filter(cycle__edition=edition).exists():
        _notes(ctx)
        return  # built before: idempotent
    with transaction.atomic():
        cycle = services.cycle_for(edition)
        ceremony = services.ceremony_start(edition)
        organiser = ctx.users["organiser"]
        services.save_settings(
            cycle,
            nominations_open=True,
            deadline=None,
            public_form=True,
            criteria=["Courage", "Impact", "Risk"],
            announce_at=ceremony,
            actor=organiser,
        )
        nominations = {}
        for key, name, country, work, why, risks in NOMINEES:
            files = []
            if key == "laureate":
                upload = SimpleUploadedFile("evictions-map.png", _picture((120, 160, 90)), content_type="image/png")
                files.append(clean_upload(upload))
            nominations[key] = services.submit_nomination(
                cycle,
                nominee_name=name,
                country=country,
                field_of_work=work,
                why=why,
                risks=risks,
                nominator_contact="nominator.demo@example.org (demo)",
                files=files,
                source=Source.STAFF,
            )
        services.save_settings(  # the period closed on 1 March 2013
            cycle,
            nominations_open=True,
            deadline=datetime(2013, 3, 1, 12, 0, tzinfo=edition.tz),
            public_form=True,
            criteria=["Courage", "Impact", "Risk"],
            announce_at=ceremony,
            actor=organiser,
        )
        services.declare_conflict(nominations["second"], juror=ctx.users["jury-3"])
        for juror_key, sheet in SCORES.items():
            for nominee_key, values in sheet.items():
                services.submit_scores(
                    nominations[nominee_key],
                    juror=ctx.users[juror_key],
                    values=dict(zip(cycle.criteria, values)),
                    comments=COMMENTS.get((juror_key, nominee_key), {}),
                )
        services.add_note(
            nominations["laureate"], author=ctx.users["jury"], text="Strong case; her consent to be named is on file."
        )
        for key in ("laureate", "third"):
            services.set_shortlisted(nominations[key], shortlisted=True, actor=organiser)
        nominations["laureate"].refresh_from_db()
        cycle = services.record_decision(
            cycle, laureate=nominations["laureate"], votes_for=3, votes_against=0, votes_abstained=0, actor=organiser
        )
        photo = clean_upload(SimpleUploadedFile("portrait.png", _picture((70, 90, 140))), kinds=IMAGE_KINDS)
        services.save_laureate_profile(
            cycle,
            biography="Amara Veld (a fictional demo laureate) is a lawyer who has defended communities threatened "
            "with forced eviction since 2003.",
            photo=photo,
            photo_consent=True,
            actor=organiser,
        )
        services.announce(cycle, actor=None)
        # The demo's world is April 2013: the announcement happened at the ceremony, not when the demo was built.
        AwardCycle.objects.filter(pk=cycle.pk).update(announced_at=ceremony)
    _notes(ctx)


def url_examples(ctx) -> dict:
    year = ctx.edition.year
    nomination = Nomination.objects.filter(cycle__edition=ctx.edition).order_by("pk").first()
    pk = nomination.pk if nomination else 1
    stored = nomination.files.first() if nomination else None
    by_pk = {"year": year, "pk": pk}
    return {
        "award:nominate_invited": {"year": year, "token": "not-a-real-token"},
        "award:nomination": by_pk,
        "award:file": {**by_pk, "uid": str(stored.uid) if stored else "00000000-0000-0000-0000-000000000000"},
        "award:scores": by_pk,
        "award:notes": by_pk,
        "award:conflict": by_pk,
        "award:shortlist": by_pk,
    }
