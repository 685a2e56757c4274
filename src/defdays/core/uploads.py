"""Files people upload (nomination evidence, photos, receipts, speakers' materials): checked, cleaned, sealed.

The one owner of the upload rules, so that every app accepts the same few kinds and strips the same metadata:

- the kind is read from the content, never from the name or the browser's content type (a "PNG" that is really
  HTML is refused);
- images are decoded and written again from their pixels alone, so EXIF (with GPS), XMP, IPTC, ICC profiles
  and comments are gone — a photo's metadata can say where a defender lives; pixel counts above
  `MAX_PIXELS` are refused before decoding (a decompression bomb);
- PDFs are refused when they carry JavaScript, automatic actions, embedded files or launch actions, or are
  encrypted (we could not look inside);
- names lose their folders, control and bidirectional-override characters (a name can be made to read
  "evil.exe" as "exe.live"), and take the extension of the kind found;
- stored files are sealed with the owner's data key (`EncryptedFile`), never written to a public folder, and
  served by the app's own permission-checked view through `attachment_response` or `image_response`.
"""

from __future__ import annotations

import io
import unicodedata
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from defdays.core import crypto
from defdays.core.models import DataKey
from defdays.core.sensitivity import Sensitivity

MAX_PIXELS = 40_000_000  # 40 megapixels: any camera's photo, not a bomb
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

PDF, JPEG, PNG = "pdf", "jpeg", "png"
CONTENT_TYPES = {PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png"}
IMAGE_KINDS = frozenset({JPEG, PNG})
DOCUMENT_KINDS = frozenset({PDF, JPEG, PNG})

# Names in a PDF that make a reader run something or carry another file.
_ACTIVE_PDF_NAMES = frozenset(
    {"/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia",
     "/XFA", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE"}
)  # fmt: skip
_MAX_PDF_OBJECTS = 200_000


class UploadRefused(ValidationError):
    """The file is not accepted; the message says why, in words for the person who sent it."""


@dataclass(frozen=True)
class CleanFile:
    kind: str
    data: bytes
    name: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def size(self) -> int:
        return len(self.data)


def sniff(head: bytes) -> str | None:
    """The kind of a file from its first bytes, or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def safe_name(name: str, kind: str) -> str:
    """A file name safe to show and to offer for download: no folders, no control or direction characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    # Categories Cc (controls) and Cf (format: RLO, LRI, zero-width and the like) are dropped.
    base = "".join(ch for ch in base if unicodedata.category(ch) not in {"Cc", "Cf"})
    stem = base.rsplit(".", 1)[0].strip(" .") if "." in base else base.strip(" .")
    stem = stem[:80] or "file"
    return f"{stem}.{'jpg' if kind == JPEG else kind}"


def _read(upload, max_bytes: int) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise UploadRefused(_too_large(max_bytes), code="too_large")
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadRefused(_too_large(max_bytes), code="too_large")
    if not data:
        raise UploadRefused(_("The file is empty."), code="empty")
    return data


def _too_large(max_bytes: int) -> str:
    return _("The file is larger than %(size)d MB.") % {"size": max_bytes // (1024 * 1024)}


def clean_image(data: bytes, kind: str) -> bytes:
    """The picture drawn again from its pixels: every metadata block left behind."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise UploadRefused(_("The image has too many pixels."), code="too_many_pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            # Turn the picture the way its EXIF says before that EXIF is dropped, or portraits lie on their side.
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if kind == JPEG:
                pixels = Image.frombytes("RGB", image.size, image.convert("RGB").tobytes())
                pixels.save(out, format="JPEG", quality=88, optimize=True)
            else:
                mode = "RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB"
                converted = image.convert(mode)
                pixels = Image.frombytes(mode, converted.size, converted.tobytes())
                pixels.save(out, format="PNG", optimize=True)
            return out.getvalue()
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UploadRefused(_("The image has too many pixels."), code="too_many_pixels") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise UploadRefused(_("The image could not be read."), code="bad_image") from exc


def check_pdf(data: bytes) -> None:
    """Refuse a PDF that can run code, open something by itself, carry files, or hide its content."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadRefused(_("Encrypted PDF files are not accepted."), code="pdf_encrypted")
        stack = [reader.trailer]
        seen: set[tuple[int, int]] = set()
        while stack:
            item = stack.pop()
            if isinstance(item, IndirectObject):
                ref = (item.idnum, item.generation)
                if ref in seen:
                    continue
                seen.add(ref)
                if len(seen) > _MAX_PDF_OBJECTS:
                    raise UploadRefused(_("The PDF file is too complex."), code="pdf_complex")
                item = item.get_object()
            if isinstance(item, DictionaryObject):
                if _ACTIVE_PDF_NAMES.intersection(item.keys()) or item.get("/S") in _ACTIVE_PDF_NAMES:
                    raise UploadRefused(
                        _("PDF files with scripts, automatic actions or embedded files are not accepted."),
                        code="pdf_active",
                    )
                stack.extend(item.values())
            elif isinstance(item, ArrayObject):
                stack.extend(item)
    except UploadRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise UploadRefused(_("The PDF file could not be read."), code="bad_pdf") from exc
    # Names can also hide in streams the walk above does not open (object streams are opened by pypdf, content
    # streams are not): a last look at the raw bytes catches a script name written there.
    if b"/JavaScript" in data or b"/JS " in data or b"/JS(" in data or b"/JS<" in data:
        raise UploadRefused(
            _("PDF files with scripts, automatic actions or embedded files are not accepted."), code="pdf_active"
        )


def clean_upload(upload, *, kinds=DOCUMENT_KINDS, max_bytes: int = DEFAULT_MAX_BYTES) -> CleanFile:
    """Check an uploaded file and return its cleaned content; raises `UploadRefused` with a clear message."""
    data = _read(upload, max_bytes)
    kind = sniff(data[:16])
    if kind is None or kind not in kinds:
        names = ", ".join(sorted(k.upper() for k in kinds))
        raise UploadRefused(_("Only these kinds of file are accepted: %(kinds)s.") % {"kinds": names}, code="kind")
    if kind in IMAGE_KINDS:
        data = clean_image(data, kind)
    else:
        check_pdf(data)
    return CleanFile(kind=kind, data=data, name=safe_name(getattr(upload, "name", ""), kind))


def image_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size


class EncryptedFile(models.Model):
    """A stored upload, sealed with a data key (the owner's, so that erasing them erases it).

    Subclasses add the foreign key to what the file belongs to, and set `data_key` to the owner's key.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey(DataKey, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    name_sealed = models.BinaryField()
    content_sealed = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "kind": Sensitivity.NONE,
        "size": Sensitivity.NONE,
        "name_sealed": Sensitivity.RESTRICTED,
        "content_sealed": Sensitivity.RESTRICTED,
        "created_at": Sensitivity.NONE,
    }

    class Meta:
        abstract = True

    def _context(self, part: str) -> str:
        return f"{self._meta.label_lower}.{part}:{self.uid}"

    def seal(self, clean: CleanFile) -> None:
        """Put a cleaned file into this row (not saved yet)."""
        dek = self.data_key.dek()
        self.kind = clean.kind
        self.size = clean.size
        self.name_sealed = crypto.seal_bytes(dek, clean.name.encode(), self._context("name"))
        self.content_sealed = crypto.seal_bytes(dek, clean.data, self._context("content"))

    @property
    def name(self) -> str:
        return crypto.open_bytes(self.data_key.dek(), bytes(self.name_sealed), self._context("name")).decode()

    def content(self) -> bytes:
        return crypto.open_bytes(self.data_key.dek(), bytes(self.content_sealed), self._context("content"))

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def _file_response(data: bytes, content_type: str, disposition: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    # A file opened straight in the browser runs in an empty origin: no script, no form, no cookie of ours.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_response(stored: EncryptedFile) -> HttpResponse:
    """Serve a stored file as a download; the caller has checked that the viewer may have it."""
    from django.utils.http import content_disposition_header

    return _file_response(
        stored.content(), stored.content_type, content_disposition_header(as_attachment=True, filename=stored.name)
    )


def image_response(stored: EncryptedFile) -> HttpResponse:
    """Serve a stored image inline (a published photo); the caller has checked that the viewer may see it."""
    if stored.kind not in IMAGE_KINDS:
        return attachment_response(stored)
    return _file_response(stored.content(), stored.content_type, "inline")
