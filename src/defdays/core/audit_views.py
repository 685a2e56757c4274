from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from defdays.core.access import ORGANISERS, access
from defdays.core.converters import MAX_ID
from defdays.core.models import AuditEvent


class AuditFilterForm(forms.Form):
    actor = forms.IntegerField(label=_("Actor (account number)"), required=False, min_value=1, max_value=MAX_ID)
    action = forms.CharField(label=_("Action"), required=False, max_length=64)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


# Who asked to be hidden is the safety team's business: their page shows it, this log does not.
SAFETY_ONLY_ACTIONS = ("people.hidden", "people.unhidden")


def events_for_edition(edition, filters):
    """The edition's events, plus account events (sign-ins, 2FA) of people who hold a role in this edition.
    Roles are per edition: another edition's participants are none of this edition's organisers' business."""
    from defdays.accounts.models import Role

    people_here = Role.objects.filter(edition=edition).values("user_id")
    events = (
        AuditEvent.objects.filter(Q(edition=edition) | Q(edition__isnull=True, actor_id__in=people_here))
        .exclude(action__in=SAFETY_ONLY_ACTIONS)
        .select_related("actor")
    )
    if filters.get("actor"):
        events = events.filter(actor_id=filters["actor"])
    if filters.get("action"):
        events = events.filter(action__startswith=filters["action"])
    if filters.get("since"):
        events = events.filter(at__date__gte=filters["since"])
    if filters.get("until"):
        events = events.filter(at__date__lte=filters["until"])
    return events


@access(ORGANISERS)
def audit_log(request, year):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(events_for_edition(request.edition, filters), 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"edition": request.edition, "form": form, "page": page},
                  status=400 if form.errors else 200)
