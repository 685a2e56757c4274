from django.contrib.auth.backends import ModelBackend

from defdays.accounts.models import User


class EmailIndexBackend(ModelBackend):
    """Password login by email, looked up through the keyed index (the clear address is never queried)."""

    def authenticate(self, request, email=None, password=None, **kwargs):
        if not email or password is None:
            return None
        user = User.objects.find_by_email(email)
        if user is None:
            # Hash anyway, so an unknown email takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        # The signed-in person, loaded once per request, carries whether staff rules apply (is_staff_account).
        user = User.objects.with_staff_flag().filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
