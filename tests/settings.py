"""Settings for the test suite: the real settings, made fast and self-contained."""

import os

from kompetencedialog.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WHITENOISE_AUTOREFRESH = True

# Each test process (pytest-xdist runs two) keeps its own keys and groups when the suite runs
# against a shared Redis: meeting ids and groups repeat from one test database to the next.
if REDIS_URL:  # noqa: F405
    _prefix = f"kd-test-{os.getpid()}"
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = _prefix  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = _prefix  # noqa: F405
