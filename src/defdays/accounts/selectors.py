from defdays.accounts.models import User


def listable_users(queryset=None):
    """People who may appear in lists (participant lists, badges, exports, directory): not hidden, not erased.

    Only the safety team's views skip this filter.
    """
    queryset = queryset if queryset is not None else User.objects.all()
    return queryset.filter(hidden_at__isnull=True, is_active=True)
