from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from defdays.audit.selectors import events_for_edition
from defdays.core.access import ORGANISERS, access
from defdays.core.converters import MAX_ID


class AuditFilterForm(forms.Form):
    actor = forms.IntegerField(label=_("Actor (account number)"), required=False, min_value=1, max_value=MAX_ID)
    action = forms.CharField(label=_("Action"), required=False, max_length=64)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


@access(ORGANISERS)
def audit_log(request, year):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(events_for_edition(request.edition, filters), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/audit_log.html",
        {"edition": request.edition, "form": form, "page": page},
        status=400 if form.errors else 200,
    )
