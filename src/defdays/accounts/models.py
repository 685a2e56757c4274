import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models, transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.crypto import email_index
from defdays.core.fields import Encrypted
from defdays.core.models import DataKey
from defdays.core.roles import STAFF_ROLES, RoleName
from defdays.core.sensitivity import Sensitivity


class UserManager(BaseUserManager):
    def get_by_natural_key(self, email):
        return self.get(email_index=email_index(email))

    def find_by_email(self, email):
        return self.filter(email_index=email_index(email)).first()

    # For the apps below accounts (audit), which reach people through the user model and may not import
    # accounts.visibility: the same rule, no second copy of it.
    def listed(self):
        from defdays.accounts import visibility

        return self.filter(visibility.listed_q())

    def unlisted(self):
        from defdays.accounts import visibility

        return self.filter(visibility.unlisted_q())

    def with_staff_flag(self):
        """Users carrying the answer of `is_staff_account`, computed in the query that loads them: the
        authentication backend loads the signed-in person this way, so a request pays no query for it."""
        return self.annotate(_is_staff_account=ExpressionWrapper(staff_account_q(), output_field=BooleanField()))

    @transaction.atomic
    def create_user(self, email, password=None, public_name="", **extra):
        user = self.model(public_name=public_name, **extra)
        user.data_key = DataKey.create()
        user.set_email(email)
        user.set_password(password)  # None gives an unusable password
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password, public_name="", **extra):
        return self.create_user(email, password, public_name, is_superuser=True, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who can sign in. Known by a public name (a pseudonym is fine); no legal name is stored here.

    The email is restricted: stored encrypted with the person's data key and found through a keyed index.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email_index = models.CharField(max_length=64, unique=True)
    email_enc = models.BinaryField(null=True)
    data_key = models.ForeignKey(DataKey, on_delete=models.PROTECT, related_name="+")
    public_name = models.CharField(
        _("public name"),
        max_length=100,
        help_text=_("Shown to others instead of your legal name. A pseudonym is fine."),
    )
    language = models.CharField(_("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en")
    is_active = models.BooleanField(default=True)
    is_demo = models.BooleanField(default=False, help_text=_("Fictional person created by the demo."))
    # "Hide me" is deliberately not a column here: who is hidden is sealed in HiddenPeople (accounts.visibility).
    # The person's own choice: keep this account when the retention purge ends their last edition. Without it,
    # an account left with no role in any edition still within its retention period is deleted by the purge.
    keep_account = models.BooleanField(_("keep my account after the edition"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    email = Encrypted("email_enc")

    objects = UserManager()

    USERNAME_FIELD = "email_index"
    REQUIRED_FIELDS = ["public_name"]

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "email_index": Sensitivity.STAFF,
        "email_enc": Sensitivity.RESTRICTED,
        "data_key": Sensitivity.NONE,
        "public_name": Sensitivity.PUBLIC,
        "language": Sensitivity.PARTICIPANT,
        "is_active": Sensitivity.STAFF,
        "is_demo": Sensitivity.STAFF,
        "keep_account": Sensitivity.STAFF,
        "date_joined": Sensitivity.STAFF,
        "password": Sensitivity.RESTRICTED,
        "last_login": Sensitivity.STAFF,
        "is_superuser": Sensitivity.STAFF,
    }

    class Meta:
        verbose_name = _("user")

    def __str__(self):
        return self.public_name or f"#{self.pk}"

    def set_email(self, email):
        self.email_index = email_index(email)
        self.email = email.strip()

    def get_short_name(self):
        return self.public_name

    @property
    def is_hidden(self) -> bool:
        """Chose "hide me" (or was hidden by the safety team): see accounts.visibility."""
        from defdays.accounts import visibility

        return visibility.is_hidden(self)

    @property
    def is_listed(self) -> bool:
        """May appear in lists: not hidden, not erased (accounts.visibility, the one owner of the rule)."""
        from defdays.accounts import visibility

        return visibility.is_listed(self)

    def roles_in(self, edition) -> frozenset:
        """The roles this person holds in one edition (cached on the instance for the request)."""
        if edition is None:
            return frozenset()
        cache = self.__dict__.setdefault("_roles_cache", {})
        if edition.pk not in cache:
            cache[edition.pk] = frozenset(
                RoleName(r) for r in self.roles.filter(edition=edition).values_list("role", flat=True)
            )
        return cache[edition.pk]

    def is_staff_account(self) -> bool:
        """Any staff role in any edition, a platform superuser, or work another app says needs it (a country
        report's author reads the embargoed draft): two-factor and short sessions apply."""
        if "_is_staff_account" not in self.__dict__:  # loaded without User.objects.with_staff_flag()
            self._is_staff_account = self.is_superuser or User.objects.filter(staff_account_q(), pk=self.pk).exists()
        return self._is_staff_account


# Sets of users named by apps above accounts (which it cannot import): "this person's work here needs two-factor
# sign-in". Each is a callable returning a queryset of user ids, so that the whole rule is one condition that the
# query loading the signed-in person can carry (a predicate per app would cost a query per request).
_NEEDS_SECOND_FACTOR: list = []


def require_second_factor_for(user_ids) -> None:
    """Register `user_ids() -> queryset of user pks` (e.g. `Model.objects.values("user")`); a person in it signs
    in like staff (two-factor, short sessions)."""
    if user_ids not in _NEEDS_SECOND_FACTOR:
        _NEEDS_SECOND_FACTOR.append(user_ids)


def staff_account_q() -> Q:
    """The one rule of `User.is_staff_account`, as a condition on users."""
    condition = Q(is_superuser=True) | Q(Exists(Role.objects.filter(user=OuterRef("pk"), role__in=STAFF_ROLES)))
    for user_ids in _NEEDS_SECOND_FACTOR:
        condition |= Q(pk__in=user_ids())
    return condition


class Role(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=RoleName.choices)
    granted_at = models.DateTimeField(default=timezone.now)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "user": Sensitivity.STAFF,
        "edition": Sensitivity.STAFF,
        "role": Sensitivity.STAFF,
        "granted_at": Sensitivity.STAFF,
    }

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "edition", "role"], name="one_role_once_per_edition")]
        ordering = ["edition", "role"]

    def __str__(self):
        return f"{self.get_role_display()} ({self.edition_id})"


class HiddenPeople(models.Model):
    """Who chose "hide me": one row, the whole set sealed under its own data key (accounts.visibility).

    A column per person would tell anyone with a copy of the database who is hiding, the very people most at
    risk. Sealed, a dump shows one ciphertext of a padded, fixed-granularity size.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey(DataKey, on_delete=models.PROTECT, related_name="+")
    members_enc = models.BinaryField(null=True)

    members = Encrypted("members_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "members_enc": Sensitivity.RESTRICTED,
    }


from defdays.accounts.second_factor import Authenticator, RecoveryCodes  # noqa: E402,F401
