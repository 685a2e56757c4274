"""Official photos of an edition: uploaded by organisers through core.uploads (checked, redrawn without metadata),
sealed under the photo's own data key, and served only by photos.views after photos.rules has said yes."""

from django.conf import settings
from django.db import models

from defdays.core.sensitivity import Sensitivity
from defdays.core.uploads import EncryptedFile


class Photo(EncryptedFile):
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(max_length=300)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    # Set by photo_publish, which refuses while anybody in the photo said "no photos". Shown only while
    # photos.rules still finds nobody in it who objects now (consent revoked, hidden or erased since).
    published_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    SENSITIVITY = {
        **EncryptedFile.SENSITIVITY,
        "edition": Sensitivity.NONE,
        "alt_text": Sensitivity.STAFF,
        "width": Sensitivity.NONE,
        "height": Sensitivity.NONE,
        "published_at": Sensitivity.NONE,
        "uploaded_by": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"photo #{self.pk}"


class PhotoTag(models.Model):
    """A participant who is in the photo: their photo consent for the edition decides who may see it."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="tags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    SENSITIVITY = {"id": Sensitivity.NONE, "photo": Sensitivity.NONE, "user": Sensitivity.STAFF}

    class Meta:
        constraints = [models.UniqueConstraint(fields=["photo", "user"], name="one_tag_per_person")]

    def __str__(self):
        return f"tag #{self.pk}"
