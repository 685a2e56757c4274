from defdays.accounts.models import User


def listable_users(queryset=None):
    """People who may appear in lists (participant and booking lists, exports, published speakers): not hidden, not erased.

    Only the safety team's views skip this filter.
    """
    queryset = queryset if queryset is not None else User.objects.all()
    return queryset.filter(hidden_at__isnull=True, is_active=True)
