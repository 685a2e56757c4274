"""What Django's error pages and error emails may show of the settings and the request's environment.

Django hides a setting when its name matches API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE. DEFDAYS_KEKS
matches none of these, so a debug page printed the key-encryption keys: with them and a database dump, all
restricted data opens. Under `runserver` the request's META also carries the process environment (DEFDAYS_KEKS,
DATABASE_URL and EMAIL_URL with their passwords, CACHE_URL), and the same pattern cleans it.
"""

import re

from django.views.debug import SafeExceptionReporterFilter

HIDDEN_NAMES = re.compile(
    r"API|AUTH|TOKEN|KEY|KEK|SECRET|PASS|SIGNATURE|COOKIE|SESSION|CSRF|CREDENTIAL|PRIVATE|SALT|DSN"
    r"|DATABASE|EMAIL_URL|EMAIL_CONFIG|CACHE|LOCATION|_URL$",
    flags=re.IGNORECASE,
)


class SecretHidingFilter(SafeExceptionReporterFilter):
    hidden_settings = HIDDEN_NAMES
