from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from defdays.audit.labels import action_label
from defdays.audit.selectors import SAFETY_ONLY_ACTIONS, describe, events_for_edition
from defdays.audit.services import Action
from defdays.core.access import ORGANISERS, access
from defdays.core.listing import listing


def _action_choices():
    shown = [action for action in Action if action not in SAFETY_ONLY_ACTIONS]
    return [("", _("All actions"))] + sorted(
        ((action.value, action_label(action)) for action in shown), key=lambda choice: str(choice[1])
    )


class AuditFilterForm(forms.Form):
    who = forms.CharField(label=_("Who (part of a public name)"), required=False, max_length=100)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=_action_choices)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


@access(ORGANISERS)
def audit_log(request, year):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = listing(request, events_for_edition(request.edition, filters))
    return render(
        request,
        "audit/audit_log.html",
        {
            "edition": request.edition,
            "form": form,
            "page": found.page,
            "listing": found,
            "events": describe(found.rows),
        },
        status=400 if form.errors else 200,
    )
