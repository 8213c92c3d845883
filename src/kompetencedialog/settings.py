"""Settings for Kompetencedialog, read from the environment.

Safe defaults: SQLite in the data folder, in-memory channel layer and cache, DEBUG off.
PostgreSQL when ``DATABASE_URL`` is set, Redis when ``REDIS_URL`` is set. Every secret can also
be read from a file named by ``<NAME>_FILE``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent


def env(name: str, default: str = "") -> str:
    """The variable, or the contents of the file named by ``<name>_FILE``, or the default."""
    if name in os.environ:
        return os.environ[name]
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text().strip()
    return default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value.strip() else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PROFILE = env("KOMPETENCEDIALOG_PROFILE", "development")  # "development" or "production"
PRODUCTION = PROFILE == "production"
DATA_DIR = Path(env("KOMPETENCEDIALOG_DATA_DIR", str(PROJECT_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The key that signs sessions and links, from ``SECRET_KEY`` or the file ``SECRET_KEY_FILE``.

    In production one of them must be set, and to a usable key: a generated key would differ
    from machine to machine and from one start to the next, and log everyone out. Only in
    development is a key generated, once, into the data folder. A file that is there but empty,
    unreadable or not text is refused in both profiles rather than replaced: it usually means
    something went wrong (a full disk, a wrong copy), and a silently new key logs everyone out
    and, with several processes starting at once, can give each its own key.
    """
    put_it_there = "Put the key in it: one line of text, the same on every machine."
    if "SECRET_KEY" in os.environ:
        return _usable_key(
            os.environ["SECRET_KEY"],
            "The environment variable SECRET_KEY",
            "Set it to the key, or unset it and use SECRET_KEY_FILE.",
        )
    if path := os.environ.get("SECRET_KEY_FILE", "").strip():
        return _read_key(Path(path), f"The secret key file SECRET_KEY_FILE ({path})", put_it_there)
    if PRODUCTION:
        raise ImproperlyConfigured(
            "No secret key: in production set SECRET_KEY_FILE to a file holding the key (the same "
            "on every machine), or SECRET_KEY. Make one with: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'"
        )
    path = DATA_DIR / "secret_key"
    if not path.exists():
        _write_new_key(path)
    return _read_key(
        path,
        f"The secret key file {path}",
        "Delete it to have a new key made (everyone is logged out), or put the key back in it.",
    )


def _read_key(path: Path, source: str, remedy: str) -> str:
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise ImproperlyConfigured(
            f"{source} cannot be read ({error.strerror}): check that it exists and that this "
            "user may read it."
        ) from error
    except UnicodeDecodeError:
        raise ImproperlyConfigured(f"{source} does not hold text. {remedy}") from None
    return _usable_key(text, source, remedy)


def _usable_key(value: str, source: str, remedy: str) -> str:
    key = value.strip()
    if not key:
        raise ImproperlyConfigured(f"{source} is empty. {remedy}")
    if not key.isprintable():
        raise ImproperlyConfigured(f"{source} holds control characters. {remedy}")
    return key


def _write_new_key(path: Path) -> None:
    """Write a new key so that nobody ever reads a half-written file, and one process wins."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(secrets.token_urlsafe(50))
    partial.chmod(0o600)
    try:
        os.link(partial, path)  # fails if another process made the key first: theirs is used
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links: the last of simultaneous starts wins
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Addresses (or networks) of our own proxies: only from them is X-Forwarded-For believed.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Live meetings (docs/live-meetings.md): (count, seconds) limits, and when a meeting is idle.
MEETINGS_IDLE_HOURS = env_int("MEETINGS_IDLE_HOURS", 24)
MEETINGS_CODE_FAILURES = (env_int("MEETINGS_CODE_FAILURES", 20), 600)
MEETINGS_RATE_LIMIT = (env_int("MEETINGS_RATE_LIMIT", 10), 10)
MEETINGS_ADDRESS_RATE_LIMIT = (env_int("MEETINGS_ADDRESS_RATE_LIMIT", 300), 10)
MEETINGS_NEW_PARTICIPANTS_PER_ADDRESS = (
    env_int("MEETINGS_NEW_PARTICIPANTS_PER_ADDRESS", 600),
    3600,
)
# The public address for links (set it behind a proxy). Unset, links are made from the address
# each request came to, and links made without a request (e-mails) from where `serve` listens.
SITE_URL_CONFIGURED = bool(env("SITE_URL"))
SITE_URL = (env("SITE_URL") or env("KOMPETENCEDIALOG_SERVE_URL") or "http://127.0.0.1:8000").rstrip(
    "/"
)

# Our apps come first: their templates and translations take precedence over Django's own.
INSTALLED_APPS = [
    "kompetencedialog.core",
    "kompetencedialog.organisations",
    "kompetencedialog.toolkit",
    "kompetencedialog.processes",
    "kompetencedialog.meetings",
    "kompetencedialog.followup",
    "kompetencedialog.overview",
    "kompetencedialog.courses",
    "kompetencedialog.examples",
    "kompetencedialog.api",
    "kompetencedialog.home",
    "kompetencedialog.demo",
    "kompetencedialog.sso",
    "channels",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kompetencedialog.core.middleware.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "kompetencedialog.urls"
WSGI_APPLICATION = "kompetencedialog.wsgi.application"
ASGI_APPLICATION = "kompetencedialog.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kompetencedialog.home.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite in the data folder unless DATABASE_URL names another.
if database_url := env("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "kompetencedialog.sqlite3",
            # Keep the connection: live meetings make a database call per message.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, when given, carries the channel layer (live meetings across processes) and the cache.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Pub/sub: a broadcast is one PUBLISH per group and each process fans it out to its
            # own connections; RedisChannelLayer made a Redis round trip per receiver and fell
            # seconds behind at 3,600 deliveries a second. Pub/sub keeps nothing for a process
            # that is away, which the protocol covers: a reconnecting client gets `state`.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env("REDIS_PREFIX", "kd")},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("REDIS_PREFIX", "kd"),
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "kompetencedialog.meetings.layers.InMemoryChannelLayer"}
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_USER_MODEL = "organisations.User"
# Passwords, unless an organisation has switched them off for single sign-on only.
AUTHENTICATION_BACKENDS = ["kompetencedialog.sso.backends.PasswordBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "home:home"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# E-mail through Django 6.1's MAILERS (EMAIL_BACKEND and friends are deprecated). The same
# environment variables as before: EMAIL_BACKEND picks the backend (SMTP in production, else
# console), and the
# SMTP backend takes EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS.
_EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
_EMAIL_OPTIONS = (
    {
        "host": env("EMAIL_HOST", "localhost"),
        "port": int(env("EMAIL_PORT", "25")),
        "username": env("EMAIL_HOST_USER"),
        "password": env("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS"),
    }
    if _EMAIL_BACKEND.endswith("smtp.EmailBackend")
    else {}
)
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kompetencedialog <noreply@kompetencedialog.test>")

# A strict Content Security Policy: no inline scripts or styles; scripts carry a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING"),
    },
}

NINJA_PAGINATION_PER_PAGE = 50
