from defdays.accounts import visibility
from defdays.accounts.models import User


def listable_users(queryset=None):
    """People who may appear in lists (participant lists, badges, exports, directory): not hidden, not erased.

    The rule itself is accounts.visibility's; only the safety team's views skip it.
    """
    return visibility.listed(queryset if queryset is not None else User.objects.all())
