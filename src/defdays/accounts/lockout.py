"""What django-axes counts and stores: never the clear email or full address."""

import ipaddress

from django.shortcuts import render

from defdays.core import audit
from defdays.core.crypto import email_index


def username_key(request, credentials):
    email = (credentials or {}).get("email") or request.POST.get("email", "")
    return email_index(email[:320])[:40] if email else ""


def client_network(request):
    """The client's /24 (IPv4) or /48 (IPv6): enough to tell attackers apart, not enough to identify a person."""
    raw = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "0.0.0.0"  # axes stores an address column; an unparseable one counts as one bucket
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def lockout_response(request, original_response=None, credentials=None, *args, **kwargs):
    audit.record(audit.Action.LOCKED_OUT, request=request)
    return render(request, "accounts/locked_out.html", status=429)
