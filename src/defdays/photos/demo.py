"""Demo photos for 2013, drawn here with Pillow (no downloaded image): three published to everyone, one for
approved participants only (a participant in it chose "internal only"), one held back by a "no photos" choice."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from defdays.photos import services
from defdays.photos.models import Photo

# (file name, alt text, colours, people in it by demo key). Their consents come from the registration demo:
# "defender" chose internal only, "defender-1" no photos.
PICTURES = [
    ("hall.jpg", "The conference hall before the opening, empty rows of chairs (demo)", ("#1d4e6b", "#f2c14e"), []),
    ("table.jpg", "Coffee cups and notebooks on a long table (demo)", ("#6b3a1d", "#e8e1d0"), []),
    ("stage.jpg", "The stage with the award's banner, nobody on it (demo)", ("#3b1d6b", "#9ad1d4"), []),
    ("workshop.jpg", "A training session seen from behind the participants (demo)", ("#1d6b3a", "#f4a259"),
     ["defender"]),
    ("group.jpg", "A group of participants in the hallway (demo)", ("#6b1d2f", "#c9e4ca"),
     ["defender-1"]),
]  # fmt: skip


def _picture(colours, seed: int) -> bytes:
    """A simple drawing, different for each photo: bands and circles like a stage under lights."""
    width, height = 960, 640
    image = Image.new("RGB", (width, height), colours[0])
    draw = ImageDraw.Draw(image)
    for band in range(0, height, 80):
        draw.rectangle([0, band, width, band + 30], fill=colours[0 if band // 80 % 2 else 1])
    for n in range(6):
        x = (n * 173 + seed * 97) % width
        y = (n * 89 + seed * 41) % height
        draw.ellipse([x - 60, y - 60, x + 60, y + 60], outline="#ffffff", width=6)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def build(ctx):
    edition = ctx.edition
    organiser = ctx.users.get("organiser")
    if Photo.objects.filter(edition=edition).exists():
        return
    for seed, (name, alt, colours, people) in enumerate(PICTURES):
        tagged = [ctx.users[key] for key in people if key in ctx.users]
        upload = SimpleUploadedFile(name, _picture(colours, seed), content_type="image/jpeg")
        photo = services.photo_upload(edition=edition, upload=upload, alt_text=alt, people=tagged, actor=organiser)
        try:
            services.photo_publish(photo=photo, actor=organiser, everyone_tagged=True)
        except services.PublishRefused:
            pass  # the "no photos" one stays unpublished: the organisers' page says who holds it back
    ctx.notes.append(
        f"Photos: /{edition.year}/photos/ (one more for approved participants); "
        f"organisers: /orga/{edition.year}/photos/."
    )


def url_examples(ctx) -> dict[str, dict]:
    photo = Photo.objects.filter(edition=ctx.edition).order_by("id").first()
    return {
        "photos:image": {
            "year": ctx.edition.year,
            "uid": photo.uid if photo else "00000000-0000-0000-0000-000000000000",
        },
        "photos:orga_photo": {"year": ctx.edition.year, "pk": photo.pk if photo else 1},
        "photos:orga_image": {"year": ctx.edition.year, "pk": photo.pk if photo else 1},
    }
