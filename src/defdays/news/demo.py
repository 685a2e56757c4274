"""Demo news: the seed's post of 19 March 2013 (retold in our own words) and a few more, tagged "Defenders' Days";
one draft, one scheduled a fortnight after the demo is built, one held until the 2013 award is announced."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from defdays.core import uploads
from defdays.news import services
from defdays.news.models import Post, PostStatus

DEFENDERS_DAYS = "Defenders' Days"
SEED_SLUG = "defenders-days-2-5-april-2013"

SEED_BODY = """\
From 2 to 5 April 2013, Civil Rights Defenders holds **Defenders' Days** in Stockholm, the city the organisation
calls home. The conference brings together human rights defenders from the most repressive parts of the world.

It has three aims:

1. to press for international recognition of human rights defenders at risk,
2. to help more people understand the work they do, and
3. to give defenders a place to build skills and networks.

The idea is an event that comes back every year, gives defenders strength and brings together the people and
institutions that can move human rights forward. The main day is **4 April**, the day Dr Martin Luther King was
murdered in 1968.

## What happens

Training in digital security, video campaigning and effective lobbying; panels with the international community,
among them the UN Special Rapporteur on the situation of human rights defenders; and presentations, such as
"The Escape from Camp 14" by a defector from North Korea.

Entry is by invitation. The closed part is for defenders at risk and the stakeholders who work with them; the
open session is open to everyone. During the conference the *Civil Rights Defender of the Year Award* goes to one
outstanding defender, and a report on the situation for defenders in the laureate's country is presented with it.

Questions? Write to the contact person, Ms Kim Matthis, through [the contact page](/2013/contact/).
"""

POSTS = [
    dict(
        slug=SEED_SLUG,
        title="Civil Rights Defenders organizes annual 'Defenders' Days' from 2 – 5 April 2013",
        summary=(
            "Four days in Stockholm for human rights defenders from the world's most repressive regions: training, "
            "panels, networking and the Civil Rights Defender of the Year Award."
        ),
        body=SEED_BODY,
        tags=(DEFENDERS_DAYS,),
        at=(2013, 3, 19, 10, 0),
        with_picture=True,
    ),
    dict(
        slug="trainings-at-defenders-days-2013",
        title="Three trainings: digital security, video campaigning, lobbying",
        summary="What the training sessions of the closed part cover, and who they are for.",
        body=(
            "The closed part of Defenders' Days has three training tracks.\n\n"
            "- **Digital security**: protecting devices, accounts and contacts when the state is watching.\n"
            "- **Video campaigning**: telling a story on camera without putting the people in it at risk.\n"
            "- **Effective lobbying**: getting a case heard by governments and international bodies.\n\n"
            "Seats are limited; invited participants book them on their agenda."
        ),
        tags=(DEFENDERS_DAYS, "Training"),
        at=(2013, 3, 26, 9, 30),
    ),
    dict(
        slug="open-session-2013",
        title="The open session is open to everyone",
        summary="On 4 April the conference opens its doors: a panel with the international community and a talk.",
        body=(
            "Anyone can come to the open session on 4 April. It includes a panel with representatives of the "
            'international community and the presentation "The Escape from Camp 14".\n\n'
            "Sign up on [the open session's page](/2013/open-session/); no account is needed."
        ),
        tags=(DEFENDERS_DAYS, "Open session"),
        at=(2013, 3, 28, 14, 0),
    ),
    dict(
        slug="writing-to-us-safely",
        title="Writing to us safely",
        summary="If contacting us could put you at risk, here is how to do it more safely.",
        body=(
            "Messages sent through our contact form are stored encrypted and read only by the organisers and the "
            "contact person. If even that is too risky for you, tell us in a first short message and we will agree "
            "on a safer channel together.\n\nNever send passport or travel details unless we ask for them."
        ),
        tags=("Security",),
        at=(2013, 3, 1, 12, 0),
        about_edition=False,
    ),
    dict(
        slug="the-civil-rights-defender-of-the-year-2013",
        title="The Civil Rights Defender of the Year 2013",
        summary="The laureate of this year's award, and the report on the situation for defenders in their country.",
        body="Read about this year's laureate and the country report on the award's page.",
        tags=(DEFENDERS_DAYS, "Award"),
        at=(2013, 4, 4, 19, 0),
        embargoed=True,
    ),
    dict(
        slug="looking-back-on-defenders-days-2013",
        title="Looking back on Defenders' Days 2013",
        summary="Draft: what we learnt, and what changes next year.",
        body="Draft: to be written after the conference.",
        tags=(DEFENDERS_DAYS,),
        draft=True,
    ),
    dict(
        slug="defenders-days-next-year",
        title="Defenders' Days next year: save the date",
        summary="The dates of the next conference.",
        body="The next Defenders' Days will again be held in Stockholm. Dates follow.",
        tags=(DEFENDERS_DAYS,),
        scheduled_days=14,
    ),
]


def _picture() -> SimpleUploadedFile:
    """A small banner drawn here (no file from anywhere else), uploaded like an organiser's picture."""
    image = Image.new("RGB", (960, 320), (18, 52, 86))
    draw = ImageDraw.Draw(image)
    for n in range(4):
        draw.rectangle([60 + n * 220, 80, 220 + n * 220, 240], fill=(230, 190 - n * 30, 60 + n * 40))
    data = io.BytesIO()
    image.save(data, format="PNG")
    return SimpleUploadedFile("banner.png", data.getvalue(), content_type="image/png")


def build(ctx):
    edition = ctx.edition
    organiser = ctx.users.get("organiser")
    tz = ZoneInfo(edition.time_zone)
    if ctx.reset:  # the edition's posts went with it; the organisation's own demo posts go here
        Post.objects.filter(is_demo=True).delete()
    if Post.objects.filter(slug=SEED_SLUG).exists():
        ctx.notes.append("News: /news/ (demo posts already there).")
        return
    for spec in POSTS:
        fields = services.PostFields(
            title=spec["title"],
            summary=spec["summary"],
            body=spec["body"],
            byline="",
            slug=spec["slug"],
            tag_names=spec["tags"],
            about_edition=spec.get("about_edition", True),
            embargoed=spec.get("embargoed", False),
        )
        post = services.post_save(post=None, edition=edition, fields=fields, actor=organiser)
        Post.objects.filter(pk=post.pk).update(is_demo=True)
        if spec.get("with_picture"):
            clean = uploads.clean_upload(_picture(), kinds=uploads.IMAGE_KINDS)
            image = services.image_add(
                post=post, clean=clean, alt="Four squares on blue: the four days", actor=organiser, edition=edition
            )
            post.body = post.body.replace(
                "## What happens", f"![{image.alt}](/news/images/{image.uid}/)\n\n## What happens"
            )
            Post.objects.filter(pk=post.pk).update(body=post.body)
        if spec.get("draft"):
            continue
        if "scheduled_days" in spec:
            services.post_publish(
                post=post, at=timezone.now() + timedelta(days=spec["scheduled_days"]), actor=organiser, edition=edition
            )
            continue
        # Published in 2013: written as the organisers' service would, with the date of the time.
        Post.objects.filter(pk=post.pk).update(status=PostStatus.PUBLISHED, publish_at=datetime(*spec["at"], tzinfo=tz))
    ctx.notes.append("News: /news/ (one draft, one scheduled and one held for the award: see /orga/2013/news/).")


def url_examples(ctx) -> dict[str, dict]:
    post = Post.objects.filter(slug=SEED_SLUG).first()
    image = post.images.first() if post else None
    examples = {
        "news:post": {"slug": SEED_SLUG},
        "news:tag": {"slug": "defenders-days"},
        "news:tag_feed": {"slug": "defenders-days"},
    }
    if post is not None:
        for name in ("orga_post", "orga_preview", "orga_publish", "orga_unpublish", "orga_image"):
            examples[f"news:{name}"] = {"year": ctx.edition.year, "pk": post.pk}
    if image is not None:
        examples["news:image"] = {"uid": image.uid}
    return examples
