"""Settings of the floor app: no sessions, no auth, no middleware but CommonMiddleware, DEBUG off;
the project's database settings (the same URL, SQLite pragmas and connection options, taken from
danvan.settings' own `database_from_url`, the one function read from the project) and its
language, time zone and i18n switches, so that the comparison with the pages is fair.

The floor only reads: SQLite connections add `PRAGMA query_only`, PostgreSQL sessions are
read-only (both set once per connection, which lives CONN_MAX_AGE = 60 s as the project's).
"""

import os
from pathlib import Path

from danvan.settings import database_from_url

HERE = Path(__file__).resolve().parent

DEBUG = False
SECRET_KEY = "floor-benchmark-only-" + "x" * 40  # serves no session, signs nothing
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
INSTALLED_APPS = ["floor"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "floor.views"
WSGI_APPLICATION = "floor.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"context_processors": []},
    }
]

DATABASES = {"default": database_from_url(os.environ["DANVAN_DATABASE_URL"])}
_db = DATABASES["default"]
if _db["ENGINE"].endswith("sqlite3"):
    _db["OPTIONS"] = dict(_db["OPTIONS"])
    _db["OPTIONS"]["init_command"] = _db["OPTIONS"]["init_command"] + " PRAGMA query_only=ON;"
else:
    _db["OPTIONS"] = {**_db.get("OPTIONS", {}), "options": "-c default_transaction_read_only=on"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
