from django.conf import settings


def absolute_url(path: str, request=None) -> str:
    """Links in emails. DEFDAYS_BASE_URL wins over the request's Host header, so a forged Host can never
    put an attacker's domain into a reset or invitation link (production requires the setting)."""
    base = settings.DEFDAYS_BASE_URL.rstrip("/")
    if base:
        return base + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path
