"""Settings, read from the environment (django-environ).

Three modes, chosen by DEFDAYS_MODE:
- production (the default): refuses to start without a strong secret key, key-encryption keys and DEBUG off.
- development: what `make demo` uses; SQLite and generated keys in the data directory.
- test: what the test suite uses (see defdays.test_settings).
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from defdays.core.keys import load_or_create_key_file, secret_key_is_weak

PACKAGE_DIR = Path(__file__).resolve().parent
env = environ.Env()

MODE = env.str("DEFDAYS_MODE", default="production")
if MODE not in {"production", "development", "test"}:
    raise ImproperlyConfigured("DEFDAYS_MODE must be production, development or test.")
PRODUCTION = MODE == "production"

DATA_DIR = Path(env.str("DEFDAYS_DATA_DIR", default="var")).resolve()
# Off unless asked for, in development too: a debug page shows settings, the environment and local variables
# to whoever triggers an error, and the demo may be reached by others on the same network.
DEBUG = env.bool("DEFDAYS_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEFDAYS_DEBUG must be off in production.")
DEFAULT_EXCEPTION_REPORTER_FILTER = "defdays.core.error_reports.SecretHidingFilter"

# --- Keys ---------------------------------------------------------------------------------------------
# The secret key signs sessions and tokens. The key-encryption keys (KEKs) wrap each person's data key;
# they never live in the database, so a database dump alone does not open restricted data.
SECRET_KEY = env.str("DEFDAYS_SECRET_KEY", default="")
if not SECRET_KEY and not PRODUCTION:
    SECRET_KEY = load_or_create_key_file(DATA_DIR / "secret_key")
if secret_key_is_weak(SECRET_KEY):
    raise ImproperlyConfigured("DEFDAYS_SECRET_KEY is missing or weak: use 50 or more random characters.")

# "id:base64key,id:base64key": the first wraps new data keys, the others still unwrap old ones (rotation).
DEFDAYS_KEKS = env.str("DEFDAYS_KEKS", default="")
if not DEFDAYS_KEKS and not PRODUCTION:
    DEFDAYS_KEKS = "dev1:" + load_or_create_key_file(DATA_DIR / "kek", kind="aes256")
# Keyed hash for looking people up by email without storing the email in clear.
DEFDAYS_INDEX_KEY = env.str("DEFDAYS_INDEX_KEY", default="")
if not DEFDAYS_INDEX_KEY and not PRODUCTION:
    DEFDAYS_INDEX_KEY = load_or_create_key_file(DATA_DIR / "index_key", kind="aes256")
if PRODUCTION and not (DEFDAYS_KEKS and DEFDAYS_INDEX_KEY):
    raise ImproperlyConfigured("DEFDAYS_KEKS and DEFDAYS_INDEX_KEY are required in production.")

ALLOWED_HOSTS = env.list(
    "DEFDAYS_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("DEFDAYS_CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -------------------------------------------------------------------------------------
INSTALLED_APPS = [
    # Before django.contrib.auth, whose `createsuperuser` would otherwise win: Django takes a command from the first
    # app in this list that has one, and auth's asks for the keyed email index instead of an email.
    "defdays.accounts",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # the template of /sitemap.xml (core.sitemaps); the sites framework is not used
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Our apps, one per domain noun. The demo builds them in this order.
    "defdays.core",
    "defdays.audit",
    "defdays.seats",
    "defdays.mail",
    "defdays.editions",
    "defdays.people",
    "defdays.invitations",
    "defdays.registration",
    "defdays.opensession",
    "defdays.programme",
    "defdays.award",
    "defdays.badges",
    "defdays.networking",
    "defdays.photos",
    "defdays.safety",
    "defdays.travel",
    "defdays.visas",
    "defdays.contact",
    "defdays.mailings",
    "defdays.news",
    "defdays.reports",
    "defdays.dashboard",
    "defdays.exports",
]

MIDDLEWARE = [
    "defdays.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before the session: answers anonymous GETs of pages already served under this generation (core.page_cache).
    "defdays.core.page_cache.EarlyPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "defdays.core.csrf.NoReferrerCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "defdays.core.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "defdays.core.access.AccessPolicyMiddleware",
]

ROOT_URLCONF = "defdays.urls"
WSGI_APPLICATION = "defdays.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "defdays.core.context_processors.site",
            ],
        },
    },
]

# --- Database, cache, tasks ---------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'defdays.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
# Keep a web worker's connection between requests: opening one costs PostgreSQL a process fork and a TLS or
# socket handshake, several times the cost of a cached page. Health checks drop a connection the server closed
# (a restart, a failover) before a request uses it.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DEFDAYS_DB_CONN_MAX_AGE", default=300))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the demo's web process and task worker share one file. A deferred transaction
    # that reads first and writes later cannot wait for the write lock (SQLite answers "database is locked" at
    # once, since its snapshot may be stale), so two sign-ups at once gave a 500: IMMEDIATE takes the write lock
    # at BEGIN, where the busy timeout applies, and concurrent writers queue instead.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# One cache for every process and node: sign-up rate limits, the password-reset counters and the edition, programme
# and render caches live here. The default is one local-memory cache per process, right for one process only: each
# gunicorn worker would count its own rate limits. Several web nodes need a shared cache (CACHE_URL=redis://...,
# Django's Redis backend; Valkey answers the same protocol), so production refuses to start with more than one node
# declared and a per-process cache, and `check --deploy` warns about a per-process cache in any case
# (defdays.core.checks). Lockout counters and sessions are in the database, shared already.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
CACHES["default"].setdefault("KEY_PREFIX", "defdays")
DEFDAYS_WEB_NODES = env.int("DEFDAYS_WEB_NODES", default=1)
if DEFDAYS_WEB_NODES < 1:
    raise ImproperlyConfigured("DEFDAYS_WEB_NODES is the number of web nodes, 1 or more.")
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}
if PRODUCTION and DEFDAYS_WEB_NODES > 1 and CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
    raise ImproperlyConfigured(
        "DEFDAYS_WEB_NODES is more than 1 but CACHE_URL names a per-process cache: rate limits would count per node. "
        "Set CACHE_URL=redis://... (a Redis or Valkey every node reaches)."
    )

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Authentication -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "defdays.accounts.backends.EmailIndexBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "defdays.accounts.validators.MaximumLengthValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["public_name"]},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:me"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

OTP_TOTP_ISSUER = "defdays"
# Staff sessions end after this much idle time; participants' sessions after SESSION_COOKIE_AGE.
DEFDAYS_STAFF_IDLE_SECONDS = 30 * 60

# Lockout per (account, address): one locked account never locks another, one address never locks all.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "email"
# Axes keeps the posted form of failed attempts; the email must be masked there like the password.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "email"]
# Axes stores what it counts: a keyed hash of the email and a truncated address, never the clear values.
AXES_USERNAME_CALLABLE = "defdays.accounts.lockout.username_key"
AXES_CLIENT_IP_CALLABLE = "defdays.core.clients.client_network"
# Attempts while locked do not push the end of the lock further: otherwise one request every few minutes keeps
# an account locked for good.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "defdays.accounts.lockout.lockout_response"

# --- Sessions and cookies -----------------------------------------------------------------------------
# Rows keyed by a keyed hash of the session key: a database copy holds no cookie (defdays.core.sessions).
SESSION_ENGINE = "defdays.core.sessions"
SESSION_COOKIE_NAME = "__Host-defdays-session"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
# A participant's session cookie dies with the browser, so a shared or seized computer does not reopen their
# account the next day; the server still ends the session after SESSION_COOKIE_AGE. Staff sessions carry their
# own 30-minute idle expiry (defdays.core.middleware.StaffSessionMiddleware).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_NAME = "__Host-defdays-csrf"
# No persistent CSRF cookie: a year-long cookie would mark a browser as one that once opened a form here.
CSRF_COOKIE_AGE = None
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "defdays.core.views.csrf_failure"
LANGUAGE_COOKIE_NAME = "__Host-defdays-lang"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- HTTP security ------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("DEFDAYS_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = False
if env.bool("DEFDAYS_BEHIND_TLS_PROXY", default=PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies of ours stand in front of the web nodes: the client is that many entries from the right
# of X-Forwarded-For (defdays.core.clients). 0 trusts no header and takes the connecting address.
DEFDAYS_TRUSTED_PROXIES = env.int("DEFDAYS_TRUSTED_PROXIES", default=0)
if DEFDAYS_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("DEFDAYS_TRUSTED_PROXIES is a number of proxies, 0 or more.")
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a one-way door for the organisation's whole domain; it is their decision, not ours.
    "security.W021",
    # Django looks for its own CSRF middleware by name; ours subclasses it (defdays.core.csrf) and
    # defdays.core.checks fails the start-up if it is missing.
    "security.W003",
]

_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    }
}
# Features no page of ours uses; the check-in page may later allow the camera for itself only.
DEFDAYS_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()"

# Uploads and form posts: small, so one request cannot exhaust a worker.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Internationalisation -----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# Each language named in its own language and script, in the switch and in every language choice: a reader who
# cannot read the current page's language still finds their own.
LANGUAGES = [("en", "English"), ("sv", "Svenska"), ("ru", "Русский"), ("ar", "العربية")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static files -------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static" if PRODUCTION else None  # development and tests serve from the apps
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Email --------------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if not PRODUCTION else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFDAYS_MAIL_FROM", default="Defenders' Days <no-reply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = ""

# --- Logging ------------------------------------------------------------------------------------------
# Every log record is scrubbed of emails, addresses and tokens where it is made (defdays.core.logging).
LOGGING_CONFIG = "defdays.core.logging.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DEFDAYS_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

DEFDAYS_SITE_NAME = "Defenders' Days"
# Absolute links in emails sent outside a request (CLI imports, worker resends, waitlist promotions).
# Production requires it: links built from the request's Host header could be poisoned by a forged Host.
# Tests leave it empty, so links follow the test server's own address.
DEFDAYS_BASE_URL = env.str("DEFDAYS_BASE_URL", default="http://127.0.0.1:8000" if MODE == "development" else "")
if PRODUCTION and not DEFDAYS_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured("DEFDAYS_BASE_URL (https://...) is required in production.")

# Switches for the control runs of the concurrency tests only: with the row lock off, those runs show the race
# (two people in one seat, one invitation redeemed twice) that the locked runs prove is closed. A deployment with
# either switch flipped would oversell, so production refuses to start with them (core.checks, at app loading,
# which also catches a settings module that overrides these after importing this one).
DEFDAYS_CAPACITY_LOCKING = True
DEFDAYS_TEST_UNLOCKED_REDEMPTION = False

# Open-session sign-ups per network (/24 or /48) per hour: enough for an office or a family, not for a script
# filling the room with strangers' names. The registration benchmark raises it.
DEFDAYS_SIGNUP_LIMIT_PER_HOUR = env.int("DEFDAYS_SIGNUP_LIMIT_PER_HOUR", default=30)

# Retention: restricted data is crypto-shredded this many days after an edition's last day (`defdays purge`).
DEFDAYS_RETENTION_TRAVEL_DAYS = env.int("DEFDAYS_RETENTION_TRAVEL_DAYS", default=30)
DEFDAYS_RETENTION_REGISTRATION_DAYS = env.int("DEFDAYS_RETENTION_REGISTRATION_DAYS", default=90)

# Visa letters: who signs them (empty name: the edition's contact person), how long an embassy can check one at
# /verify/ and how long the participant's single-use download link works.
DEFDAYS_VISA_SIGNATORY_NAME = env.str("DEFDAYS_VISA_SIGNATORY_NAME", default="")
DEFDAYS_VISA_SIGNATORY_TITLE = env.str("DEFDAYS_VISA_SIGNATORY_TITLE", default="Head of Programme")
DEFDAYS_VISA_VERIFY_DAYS = env.int("DEFDAYS_VISA_VERIFY_DAYS", default=365)
DEFDAYS_VISA_LINK_DAYS = env.int("DEFDAYS_VISA_LINK_DAYS", default=7)
