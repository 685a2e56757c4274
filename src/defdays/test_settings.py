"""Settings for the test suite: the real settings in test mode, with fast hashing and immediate tasks."""

import os

os.environ.setdefault("DEFDAYS_MODE", "test")

from defdays.settings import *  # noqa: E402,F403

# Argon2 stays first in real settings (a test reads them in production mode); here hashing must be fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The suite signs up from one address all day long; the test of the limit sets its own.
DEFDAYS_SIGNUP_LIMIT_PER_HOUR = 1_000_000

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Test on a file, as the demo runs: Django's default in-memory test database uses SQLite's shared cache,
    # whose table locks fail at once ("database table is locked") where a file waits for the busy timeout.
    # A short timeout keeps the tests that meet a held write lock quick.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-db.sqlite3")}  # noqa: F405
    DATABASES["default"]["OPTIONS"]["timeout"] = 3  # noqa: F405
