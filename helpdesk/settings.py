"""One settings module for every environment; everything that differs comes from the
environment (see README, "Configuration")."""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Without DEBUG there is no default: Django refuses the first thing that signs anything
# (a session, a CSRF token) while commands that sign nothing, such as migrations, still run.
SECRET_KEY = os.environ.get("SECRET_KEY") or ("development-only-insecure-key" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "helpdesk.admin_site.RootAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "markdownx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "helpdesk.tickets",
    "helpdesk.messages",
    "helpdesk.favorites",
    "helpdesk.violations",
    "helpdesk.mail",
    "helpdesk.incidents",
    "helpdesk.reports",
    "helpdesk.replies",
    "helpdesk.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "helpdesk.middleware.RequestGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "accounts.middleware.ImpersonationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "helpdesk.urls"
WSGI_APPLICATION = "helpdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "helpdesk.context_processors.navigation",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "OPTIONS": {"environment": "helpdesk.jinja_env.environment"},
    },
]
FORM_RENDERER = "helpdesk.form_renderer.JinjaWidgets"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no row locks: take the write lock when a transaction starts, so two
    # purchases queue up instead of both reading the same balance.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    # An in-memory test database locks whole tables and ignores the timeout; a file
    # (one per test process) behaves like the real thing.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"helpdesk-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Production is HTTPS-only unless told otherwise (`check --deploy` passes as documented).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading is a promise to browser vendors that outlives this installation: the
# operator makes it (SECURE_HSTS_PRELOAD=1), so its absence is no deployment defect.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
# How many proxies of ours append to X-Forwarded-For; the client's address is the entry
# the outermost of them added (anything to its left the client may have written).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = 0.25  # hours
# Lock a login only from the address that failed: locking by login alone would let anyone
# lock root out from anywhere, and by address alone one proxy would lock out everyone.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "helpdesk.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False
# How long a password verified for `authinfo=` (and func=auth) is taken again without
# hashing it (helpdesk/api/authinfo_cache.py); 0 hashes it on every call.
AUTHINFO_CACHE_SECONDS = int(os.environ.get("AUTHINFO_CACHE_SECONDS", "300"))

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MB = 1024 * 1024
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * MB)))
ATTACHMENT_MAX_FILES = int(os.environ.get("ATTACHMENT_MAX_FILES", "10"))  # per message
# The whole request, refused from its Content-Length before its body is read: a full
# set of attachments and the form around them.
REQUEST_MAX_BYTES = int(
    os.environ.get("REQUEST_MAX_BYTES", str(ATTACHMENT_MAX_BYTES * ATTACHMENT_MAX_FILES + MB))
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * MB  # the fields other than files: a message is <= 400 KB
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000  # a list's "tick all" sends at most 500 ids
# A few files too many still reach the form and hear how many are allowed.
DATA_UPLOAD_MAX_NUMBER_FILES = 2 * ATTACHMENT_MAX_FILES
# The sum of the sizes of the attachments of all of a client's tickets.
CLIENT_STORAGE_QUOTA_BYTES = int(os.environ.get("CLIENT_STORAGE_QUOTA_BYTES", str(500 * MB)))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "support@helpdesk.localhost")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# django-markdownx: previews and uploads go through our own wrapped views (see
# helpdesk/messages/views.py); these settings only shape the editor widget.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "helpdesk.messages.markdown.render_markdown"
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_EDITOR_RESIZABLE = True
# (previews, per seconds) one user may ask for; the editor asks at most every 0.5 s of typing.
PREVIEW_RATE_LIMIT = (20, 10)
# Previews rendered at once across all workers (PostgreSQL); keep it below the worker count.
PREVIEW_CONCURRENCY = int(os.environ.get("PREVIEW_CONCURRENCY", "1"))

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Origins of client areas served from other hosts that may call /billmgr from a browser
# (CORS, with credentials), e.g. "https://my.example.com".
BILLMGR_CORS_ORIGINS = env_list("BILLMGR_CORS_ORIGINS")
# BILLmanager's session cookie: an `auth` session id, as an alternative to `auth=`.
BILLMGR_SESSION_COOKIE = "billmgrses5"

# Product settings (BILLmanager's support module options).
HELPDESK = {
    "BLOCK_MINUTES": int(os.environ.get("HELPDESK_BLOCK_MINUTES", "30")),
    "AUTO_ARCHIVE_DAYS": int(os.environ.get("HELPDESK_AUTO_ARCHIVE_DAYS", "30")),
    "SU_MINUTES": int(os.environ.get("HELPDESK_SU_MINUTES", "60")),
    "API_SESSION_SECONDS": int(os.environ.get("HELPDESK_API_SESSION_SECONDS", "3600")),
    # "optional": anyone may add a second factor; "required": staff and root must.
    "STAFF_2FA": os.environ.get("HELPDESK_STAFF_2FA", "optional").strip().lower(),
}
if HELPDESK["STAFF_2FA"] not in {"optional", "required"}:
    raise ImproperlyConfigured("HELPDESK_STAFF_2FA must be 'optional' or 'required'.")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Helpdesk")
# Root may delete a lost device in the admin, but never read another user's secret there.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# The mail channel (helpdesk/mail, docs/mail.md)
MAIL_SENDER_MAILS_PER_HOUR = int(os.environ.get("HELPDESK_MAIL_PER_HOUR", "30"))
# Where the links in notifications point: the address people open the helpdesk at.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Fernet keys for the mailbox passwords, newest first (rotation); empty: derived from SECRET_KEY.
MAIL_PASSWORD_KEYS = env_list("HELPDESK_MAIL_KEY")
# A message's attachments up to this many bytes in all ride along in its notification;
# past that they are linked.
MAIL_ATTACH_MAX_BYTES = int(os.environ.get("HELPDESK_MAIL_ATTACH_MAX_BYTES", str(5 * MB)))
# Attempts to send one notification (pauses of 1, 2, 4 … minutes) before it is marked failed.
MAIL_SEND_ATTEMPTS = int(os.environ.get("HELPDESK_MAIL_SEND_ATTEMPTS", "8"))
