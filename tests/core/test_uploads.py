"""Uploads (core.uploads): the kind from the content, images without metadata, PDFs without scripts, safe names."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from defdays.core import uploads


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (59.0, 19.0, 48.0), 3: "E", 4: (18.0, 4.0, 6.0)}
    exif[0x010E] = "home of the nominee"
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(out, "JPEG", exif=exif, comment=b"shot in a safe house")
    return out.getvalue()


def pdf(*, script: bool = False, attachment: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if script:
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if attachment:
        writer.add_attachment("notes.txt", b"hidden")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


def test_jpeg_loses_gps_exif_and_comment():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()  # the control: the metadata was there
    clean = uploads.clean_upload(upload("photo.jpg", original))
    image = Image.open(io.BytesIO(clean.data))
    assert clean.kind == uploads.JPEG
    assert not image.getexif()
    assert "comment" not in image.info and "exif" not in image.info
    assert b"safe house" not in clean.data


def test_png_that_is_html_is_refused():
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.clean_upload(upload("cat.png", b"<html><script>alert(1)</script></html>"))
    assert refused.value.code == "kind"


def test_decompression_bomb_is_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.clean_upload(upload("bomb.png", out.getvalue()))
    assert refused.value.code == "too_many_pixels"


def test_oversized_file_is_refused_without_reading_it_all():
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.clean_upload(upload("big.pdf", b"%PDF-1.7" + b"0" * (50 * 1024 * 1024)))
    assert refused.value.code == "too_large"


@pytest.mark.parametrize("kind", ["script", "attachment"])
def test_active_pdfs_are_refused_and_a_plain_one_passes(kind):
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.clean_upload(upload("evidence.pdf", pdf(**{kind: True})))
    assert refused.value.code == "pdf_active"
    assert uploads.clean_upload(upload("evidence.pdf", pdf())).kind == uploads.PDF


def test_names_lose_folders_and_direction_tricks():
    assert uploads.safe_name("../../etc/passwd.png", uploads.PNG) == "passwd.png"
    assert uploads.safe_name("..\\..\\x.pdf", uploads.PDF) == "x.pdf"
    assert uploads.safe_name("report\u202efdp.exe", uploads.PDF) == "reportfdp.pdf"
    assert uploads.safe_name("", uploads.JPEG) == "file.jpg"
