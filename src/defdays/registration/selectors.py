"""Registration reads. Staff lists never show hidden or erased people (listable_users)."""

from django.db.models import Count

from defdays.accounts.selectors import listable_users, sharing_a_name
from defdays.core.crypto import email_index
from defdays.core.listing import looks_like_email
from defdays.registration.models import Participation, ParticipationStatus, RetainedCount


def visible_participations(edition):
    """The pipeline as staff may list it: hidden and deactivated people filtered out in the same query."""
    return Participation.objects.filter(edition=edition, user__in=listable_users())


def pipeline(edition, *, status="", role="", search=""):
    rows = visible_participations(edition).select_related("user")
    if status:
        rows = rows.filter(status=status)
    if role:
        rows = rows.filter(role=role)
    if search:
        # Addresses are sealed: a whole address is found through its keyed index, never by a part of it.
        if looks_like_email(search):
            rows = rows.filter(user__email_index=email_index(search))
        else:
            rows = rows.filter(user__public_name__icontains=search)
    return rows.order_by("status", "user__public_name", "id")


def participations_for_staff(edition, uids):
    """The listable participations of this edition among the chosen ones (a bulk action's selection)."""
    return (
        visible_participations(edition)
        .select_related("user")
        .filter(uid__in=list(uids))
        .order_by("user__public_name", "id")
    )


def sharing_a_name_in(edition) -> set[int]:
    """User ids of listable participants whose public name reads the same as another participant's, across the
    whole edition (not only the filtered rows), so a lookalike in another status still shows."""
    return sharing_a_name(listable_users().filter(pk__in=visible_participations(edition).values("user_id")))


def counts_by_status(edition) -> dict[str, int]:
    counted = dict(visible_participations(edition).values_list("status").annotate(n=Count("id")).order_by())
    return {value: counted.get(value, 0) for value in ParticipationStatus.values}


def participation_for_staff(edition, uid):
    """One listable participation of this edition, or None (the caller answers 404)."""
    return visible_participations(edition).select_related("user", "data_key").filter(uid=uid).first()


def own_participation(user, edition):
    """The viewer's own registration for the edition, or None: nobody reaches another person's."""
    if not user.is_authenticated:
        return None
    return Participation.objects.select_related("data_key", "edition").filter(user=user, edition=edition).first()


def closed_part_standing(user, edition, *, request=None) -> bool | None:
    """May this person see the closed part now? True when approved or checked in; False when their
    registration is pending, declined or withdrawn; None when they have no registration (a role granted
    directly by an organiser then decides alone). One query; none more in a request already asked (`request`)."""
    status = participation_status(user, edition, request=request)
    if status is None:
        return None
    return status in STANDING_STATUSES


def participation_status(user, edition, *, request=None) -> str | None:
    """The status of the person's registration for the edition, or None without one. Given the request whose
    user this is, the answer is kept on the request: the navigation asks it for several links of one page. Never
    kept longer (a status changed by a write is read anew by the next request)."""
    if request is None or request.user is not user:
        return Participation.objects.filter(user=user, edition=edition).values_list("status", flat=True).first()
    known = request.__dict__.setdefault("_participation_status", {})
    if edition.pk not in known:
        known[edition.pk] = participation_status(user, edition)
    return known[edition.pk]


STANDING_STATUSES = (ParticipationStatus.APPROVED, ParticipationStatus.CHECKED_IN)


def users_in_standing(edition):
    """The user ids whose registration for the edition stands (approved or checked in), as a subquery: the set
    form of closed_part_standing(...) is True, for lists such as the participants' directory."""
    return Participation.objects.filter(edition=edition, status__in=STANDING_STATUSES).values("user_id")


def expected_on(participation, day) -> bool:
    """Is this participation approved (or already checked in) and registered for `day`? What the check-in desk
    shows as "approved for today"."""
    return participation.status in (
        ParticipationStatus.APPROVED,
        ParticipationStatus.CHECKED_IN,
    ) and day.isoformat() in (participation.days or [])


def retained_counts(edition) -> list[RetainedCount]:
    """What the retention purge left of the edition's registrations: numbers by role and status, nobody named.
    Empty until the purge has run."""
    return list(RetainedCount.objects.filter(edition=edition).order_by("role", "status"))


def counts_by_day_and_status(edition) -> dict[str, dict[str, int]]:
    """{ISO day: {status: number}} over the pipeline the participants' list shows, in one query (each person's
    days are a list in their row, so they are counted here, not in SQL)."""
    found = {day.isoformat(): {} for day in edition.days()}
    for days, status in visible_participations(edition).values_list("days", "status"):
        for day in days or ():
            if day in found:
                found[day][status] = found[day].get(status, 0) + 1
    return found


def active_participations_ahead(user) -> list[Participation]:
    """The person's live registrations for the current edition and any not yet over: where travel and visa
    letters still matter."""
    from django.db.models import Q
    from django.utils import timezone

    ahead = Q(edition__end_date__gte=timezone.localdate()) | Q(edition__is_current=True)
    rows = Participation.objects.filter(ahead, user=user).select_related("edition")
    return [p for p in rows if p.is_active]
