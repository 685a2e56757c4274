from django.conf import settings
from django.core.checks import Error, Tags, register

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
