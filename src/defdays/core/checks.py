from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

REQUIRED_MIDDLEWARE = [
    "defdays.core.csrf.NoReferrerCsrfViewMiddleware",
    "defdays.core.access.AccessPolicyMiddleware",
    "defdays.core.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "axes.middleware.AxesMiddleware",
]


@register(Tags.security, deploy=False)
def protective_middleware_present(app_configs, **kwargs):
    """The protections this product depends on cannot be switched off by editing MIDDLEWARE."""
    return [
        Error(f"{name} is missing from MIDDLEWARE.", id="defdays.E001")
        for name in REQUIRED_MIDDLEWARE
        if name not in settings.MIDDLEWARE
    ]


def refuse_unlocked_concurrency_in_production() -> None:
    """Called while the apps load, so that no production process (web, worker, command) starts with the row locks
    of seats or invitation redemption switched off; a system check alone would not stop gunicorn."""
    if settings.MODE != "production":
        return
    if not settings.DEFDAYS_CAPACITY_LOCKING or settings.DEFDAYS_TEST_UNLOCKED_REDEMPTION:
        raise ImproperlyConfigured(
            "DEFDAYS_CAPACITY_LOCKING and DEFDAYS_TEST_UNLOCKED_REDEMPTION are for the "
            "concurrency tests only: production keeps every lock on."
        )


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """A per-process cache splits the sign-up and password-reset rate limits between gunicorn workers and nodes:
    with eight workers a script gets eight times the limit. One node with one worker is the only place it is right,
    so the deploy check says so loudly; settings refuse the start outright when DEFDAYS_WEB_NODES > 1."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in settings.PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            f"CACHE_URL names a per-process cache ({backend.rsplit('.', 1)[-1]}): every gunicorn worker and node "
            "counts its own rate limits.",
            hint="Set CACHE_URL=redis://127.0.0.1:6379/0 (Redis or Valkey, shared by every node).",
            id="defdays.W010",
        )
    ]
