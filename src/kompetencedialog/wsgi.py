"""WSGI entry point, for serving plain HTTP pages with a WSGI server (see docs/deploy.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetencedialog.settings")

application = get_wsgi_application()
