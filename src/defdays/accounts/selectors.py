from collections import defaultdict

from defdays.accounts import visibility
from defdays.accounts.models import User
from defdays.core.validators import name_key


def listable_users(queryset=None):
    """People who may appear in lists (participant and booking lists, exports, published speakers): not hidden,
    not erased.

    The rule itself is accounts.visibility's; only the safety team's views skip it.
    """
    return visibility.listed(queryset if queryset is not None else User.objects.all())


def sharing_a_name(users) -> set[int]:
    """Ids of the people in `users` whose public name reads the same as another person's there.

    Staff pick people by name (approvals, roles, badges, visa letters); two people called the same, or a lookalike
    made to pass for someone, must be visible as such. Pass only people the viewer may list: a marker next to
    a listed name must not hint at a hidden one.
    """
    by_key = defaultdict(set)
    for pk, public_name in users.values_list("pk", "public_name"):
        by_key[name_key(public_name)].add(pk)
    return {pk for ids in by_key.values() if len(ids) > 1 for pk in ids}
