import os

import uvicorn
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Kompetencedialog (HTTP and live meetings) with uvicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=1, help="Processes; more than one needs REDIS_URL."
        )
        parser.add_argument("--reload", action="store_true", help="Restart on code changes.")

    def handle(self, *args, host: str, port: int, workers: int, reload: bool, **options):
        if workers > 1 and not settings.REDIS_URL:
            self.stderr.write(
                "Several workers share live meetings only through Redis: set REDIS_URL."
            )
        url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        if not settings.SITE_URL_CONFIGURED:
            # Links made without a request (e-mails) point here; uvicorn's worker processes
            # read it from the environment.
            settings.SITE_URL = os.environ["KOMPETENCEDIALOG_SERVE_URL"] = url
        self.stdout.write(f"Kompetencedialog on {url}/ (Ctrl-C stops it)")
        uvicorn.run(
            "kompetencedialog.asgi:application",
            host=host,
            port=port,
            workers=workers,
            reload=reload,
            proxy_headers=True,
            log_level="warning",
            lifespan="off",
            # No per-message-deflate: every broadcast is compressed again for each receiver (each
            # connection has its own compression context), which cost a fifth of the event
            # loop's time at 3,600 sends a second, for messages of a few hundred bytes.
            ws_per_message_deflate=False,
        )
