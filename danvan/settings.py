"""Settings, read from environment variables with safe development defaults.

Every variable is documented in `.env.example`. `DANVAN_ENV=production` turns on the settings that
`danvan check --deploy` asks for and refuses to start without a real secret key.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DANVAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def database_from_url(url: str) -> dict:
    """`sqlite:///var/danvan.sqlite3` (relative to the project), `sqlite:////abs/path.sqlite3`,
    or `postgres://user@host:port/db`."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = Path(unquote(parts.path[1:]) or "var/danvan.sqlite3")
        path = path if path.is_absolute() else BASE_DIR / path
        path.parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            # Keep the connection across requests, as for PostgreSQL: a new SQLite connection
            # per request re-reads the schema and starts with a cold page cache (~5 ms a page).
            "CONN_MAX_AGE": 60,
            # Same options as the peer benchmark: WAL lets readers run beside the writer, and
            # IMMEDIATE transactions wait for the lock instead of failing with "database is locked".
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
            },
            # Tests run on a file beside it, not in memory: the browser tests' server thread then
            # has a connection of its own that waits for a writer, as in production, where SQLite's
            # shared in-memory cache answers "table is locked" at once.
            "TEST": {"NAME": str(path.with_name(f"test_{path.name}"))},
        }
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "danvan",
            "USER": unquote(parts.username or "postgres"),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "127.0.0.1",
            "PORT": str(parts.port or 5432),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            # PostgreSQL plans every query Django sends and weighs every order of up to
            # join_collapse_limit (8) tables: an item read with its units, kinds and decision
            # (select_related, 9 tables) took 7-11 ms to plan and 0.5 ms to run. With 4 it is
            # planned four tables at a time, in the order Django writes the joins, in under 1 ms
            # (docs/operations.md, "PostgreSQL").
            "OPTIONS": {
                "options": f"-c join_collapse_limit={env_int('DANVAN_PG_JOIN_COLLAPSE_LIMIT', 4)}",
                # Prepared statements (docs/operations.md, "PostgreSQL"): a query a connection
                # has sent this many times is planned once, not at every request. 0: off.
                **(
                    {"server_side_binding": True, "prepare_threshold": prepare}
                    if (prepare := env_int("DANVAN_PG_PREPARE_THRESHOLD", 5))
                    else {}
                ),
            },
            # A name of its own per test run, so runs sharing one server don't collide.
            "TEST": {"NAME": os.environ.get("DANVAN_TEST_DATABASE_NAME") or None},
        }
    raise ImproperlyConfigured(f"DANVAN_DATABASE_URL: unsupported scheme {parts.scheme!r}")


PRODUCTION = os.environ.get("DANVAN_ENV", "development") == "production"
# Each process's own memory (docs/operations.md, "Running a province"): the kept pages
# (core.cache.kept), API keys' counts. Django's default of 300 entries would evict kept searches
# on a busy server.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env_int("DANVAN_CACHE_ENTRIES", 3000)},
    }
}
# Off: core.cache.kept counts every page afresh (the benchmarks measure pages so, beside the
# kept ones, to show what the first request after a write costs).
KEPT_PAGES = env_bool("DANVAN_KEPT_PAGES", True)
DEBUG = env_bool("DANVAN_DEBUG", not PRODUCTION)
# Known to anyone who reads this file: core/checks.py refuses it on a server others reach.
DANVAN_DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-" + "x" * 32
SECRET_KEY = os.environ.get("DANVAN_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DANVAN_SECRET_KEY must be set in production")
    SECRET_KEY = DANVAN_DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = os.environ.get("DANVAN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DANVAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "danvan.core",
    "danvan.plans",
    "danvan.petitions",
    "danvan.disclosures",
    "danvan.consultations",
    "danvan.decisions",
    "danvan.supervision",
    "danvan.promises",
    "danvan.dialogues",
    "danvan.voters",
    "danvan.questioning",
    "danvan.inspections",
    "danvan.mediation",
    "danvan.movement",
    "danvan.commendations",
    "danvan.news",
    "danvan.opinion",
    "danvan.ethnic_religious",
    "danvan.study",
    "danvan.scorecard",
    "danvan.leaders",
    "danvan.portal",
    "danvan.open311",
    "danvan.onestop",
    "danvan.demo",
    "danvan.api",
    # django-ninja: its Swagger page and assets, served from our origin (no CDN, no inline script).
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "danvan.core.middleware.client_ip",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so that static files stay cacheable.
    "danvan.core.middleware.no_store",
    "danvan.core.middleware.unreadable_file_names",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: a storage failure no view caught answers 503, not 500 (core/failsafe.py).
    "danvan.core.failsafe.Failsafe",
]

ROOT_URLCONF = "danvan.urls"
FORM_RENDERER = "danvan.core.forms_renderer.FormRenderer"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "danvan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.core.context_processors.navigation",
                "danvan.petitions.context_processors.petitions",
            ],
            "builtins": ["danvan.core.templatetags.fast_text"],
        },
    },
]

# DATABASE_URL, the name most hosts and tools use, is read when DANVAN_DATABASE_URL is not set.
DATABASES = {
    "default": database_from_url(
        os.environ.get("DANVAN_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or "sqlite:///var/danvan.sqlite3"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the memberships and the unread count with the user
    # (core/auth.py).
    "danvan.core.auth.Backend",
]
# Django's database sessions, read without composing their query at every request.
SESSION_ENGINE = "danvan.core.sessions"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "portal:home"

# django-axes: lock an account for one hour after repeated failures from one address, or after
# more failures from any number of addresses together (core/logins.py applies the two limits).
DANVAN_LOGIN_FAILURE_LIMIT = env_int("DANVAN_LOGIN_FAILURE_LIMIT", 5)
DANVAN_LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("DANVAN_LOGIN_ACCOUNT_FAILURE_LIMIT", 20)
AXES_FAILURE_LIMIT = "danvan.core.logins.failure_limit"
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "danvan" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Bootstrap and Chart.js come from the npm registry at build time (package.json), not from git.
STATICFILES_DIRS = [
    BASE_DIR / "danvan" / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/chart.js", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without collectstatic (development, tests, `make demo`) WhiteNoise serves from the finders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(os.environ.get("DANVAN_MEDIA_ROOT", VAR_DIR / "media"))
# Files are never served from MEDIA_URL: downloads go through a permission-checked view.
MEDIA_URL = "/_private_media_not_served/"
DANVAN_MAX_UPLOAD_BYTES = env_int("DANVAN_MAX_UPLOAD_MB", 10) * 1024 * 1024
# What one portal form (no account) may upload in all, its files together.
DANVAN_PORTAL_UPLOAD_TOTAL_BYTES = env_int("DANVAN_PORTAL_UPLOAD_TOTAL_MB", 20) * 1024 * 1024
# Form fields other than files (a long text refused with a message, not a bare 400), files
# beyond 2 MB spooled to disk, at most 20 files a request, stored readable by the server only.
DATA_UPLOAD_MAX_MEMORY_SIZE = DANVAN_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

EMAIL_BACKEND = os.environ.get(
    "DANVAN_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("DANVAN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DANVAN_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DANVAN_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DANVAN_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DANVAN_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DANVAN_FROM_EMAIL", "Dân vận số <khong-tra-loi@localhost>")

# Keys that encrypt denouncers' identities (Fernet, comma-separated, newest first). Development
# derives one from the secret key; production must set its own and keep it out of the database
# (core/checks.py refuses a derived one on a server others reach).
_identity_keys = os.environ.get("DANVAN_IDENTITY_KEYS", "")
if not _identity_keys and PRODUCTION:
    raise ImproperlyConfigured("DANVAN_IDENTITY_KEYS must be set in production")
if not _identity_keys:
    import base64
    import hashlib

    _identity_keys = base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()
DANVAN_IDENTITY_KEYS = _identity_keys.split(",")

# The public portal: limits per client address, and the least time a person takes to fill the form.
DANVAN_PORTAL_SUBMISSIONS_PER_HOUR = env_int("DANVAN_PORTAL_SUBMISSIONS_PER_HOUR", 10)
DANVAN_PORTAL_LOOKUPS_PER_MINUTE = env_int("DANVAN_PORTAL_LOOKUPS_PER_MINUTE", 30)
DANVAN_PORTAL_MIN_FILL_SECONDS = env_int("DANVAN_PORTAL_MIN_FILL_SECONDS", 3)
DANVAN_PORTAL_COMMENTS_PER_HOUR = env_int("DANVAN_PORTAL_COMMENTS_PER_HOUR", 10)
# Other systems' API keys (core/apikeys.py): requests per key per minute (0: no limit).
DANVAN_API_REQUESTS_PER_MINUTE = env_int("DANVAN_API_REQUESTS_PER_MINUTE", 120)
# Behind a reverse proxy, the header carrying the client's address (e.g. X-Forwarded-For);
# the proxy must overwrite it. Empty: REMOTE_ADDR is the client.
DANVAN_CLIENT_IP_HEADER = os.environ.get("DANVAN_CLIENT_IP_HEADER", "")

# Background jobs (core/jobs.py): "thread" runs them in the web process (one commune, nothing
# more to run), "worker" leaves them to `danvan worker` (a province), "now" runs them inside the
# request. Work of more than DANVAN_JOBS_SYNC_ROWS rows goes to the background; a running job
# silent for DANVAN_JOBS_STALE_MINUTES was cut off.
DANVAN_JOBS = os.environ.get("DANVAN_JOBS", "thread")
if DANVAN_JOBS not in ("thread", "worker", "now"):
    # A misspelt mode would queue jobs that nothing ever runs.
    raise ImproperlyConfigured("DANVAN_JOBS must be thread, worker or now")
DANVAN_JOBS_SYNC_ROWS = env_int("DANVAN_JOBS_SYNC_ROWS", 5000)
DANVAN_JOBS_STALE_MINUTES = env_int("DANVAN_JOBS_STALE_MINUTES", 30)
# A finished job and its file are forgotten after this many days.
DANVAN_JOBS_KEEP_DAYS = env_int("DANVAN_JOBS_KEEP_DAYS", 30)
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if DANVAN_JOBS == "now"
        else "django_tasks_db.DatabaseBackend"
    }
}

# Reminders (đôn đốc): commune policy, not law, so they are settings.
DANVAN_REMIND_BEFORE_DAYS = env_int("DANVAN_REMIND_BEFORE_DAYS", 5)
DANVAN_ESCALATE_AFTER_DAYS = env_int("DANVAN_ESCALATE_AFTER_DAYS", 3)

# django-csp 4: everything from our own origin; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DANVAN_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DANVAN_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DANVAN_LOG_LEVEL", "WARNING")},
}
