"""What django-axes counts and stores: never the clear email or full address."""

from django.shortcuts import render

from defdays.audit import services as audit
from defdays.core.crypto import email_index


def username_key(request, credentials):
    email = (credentials or {}).get("email") or request.POST.get("email", "")
    return email_index(email[:320])[:40] if email else ""


def lockout_response(request, original_response=None, credentials=None, *args, **kwargs):
    audit.record(audit.Action.LOCKED_OUT, request=request)
    return render(request, "accounts/locked_out.html", status=429)
