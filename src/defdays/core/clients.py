"""The one answer to "which client sent this request", for the lockout, the rate limits and anything else.

Behind a reverse proxy REMOTE_ADDR is the proxy, so every visitor looked like one network: anyone could keep any
staff account locked for everyone, and one busy visitor used up the sign-up limit of all. The proxies append the
address they received from to X-Forwarded-For; only the last DEFDAYS_TRUSTED_PROXIES entries were written by our
own proxies, everything left of them is whatever the client sent. So the client is the Nth entry from the right,
never the leftmost (which an attacker picks freely).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# An unparseable or missing address still needs a bucket (axes stores an address column).
UNKNOWN_NETWORK = "0.0.0.0"


def _parse(raw: str) -> Address | None:
    raw = raw.strip()
    try:
        return ipaddress.ip_address(raw)
    except ValueError:
        pass
    # "[2001:db8::1]:443" or "198.51.100.7:51234", as some proxies write them.
    host = raw.rsplit(":", 1)[0] if raw.count(":") == 1 or raw.startswith("[") else raw
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def client_address(request) -> Address | None:
    """The client's address: REMOTE_ADDR without trusted proxies, else the Nth X-Forwarded-For entry from the right."""
    proxies = settings.DEFDAYS_TRUSTED_PROXIES
    if proxies > 0:
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return _parse(hops[-proxies])
        # Fewer entries than proxies: the request did not pass through all of them (a node reached directly, or a
        # misconfigured chain). None of the entries can be trusted; the connecting address is the best we know.
    return _parse(request.META.get("REMOTE_ADDR", ""))


def client_network(request) -> str:
    """The client's /24 (IPv4) or /48 (IPv6): enough to tell attackers apart, not enough to identify a person."""
    address = client_address(request)
    if address is None:
        return UNKNOWN_NETWORK
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)
