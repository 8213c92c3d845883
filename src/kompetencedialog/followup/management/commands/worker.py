"""The background worker: runs queued tasks (e-mails) from the database queue, and every few
minutes the periodic jobs the apps registered (reminders that have come due, ending idle
meetings), so one process does both."""

import logging
import threading

from django.db import close_old_connections
from django_tasks_db.management.commands import db_worker

from kompetencedialog.core import periodic

logger = logging.getLogger(__name__)


def _schedule_every(seconds: float, stop: threading.Event) -> None:
    while not stop.wait(seconds):
        for job in periodic.JOBS:
            try:
                close_old_connections()
                job()
            except Exception:
                # A failed round is logged and retried next time; the worker keeps serving tasks.
                logger.exception("Periodic job %s failed", job.__qualname__)
            finally:
                close_old_connections()


class Command(db_worker.Command):
    help = "Run the background worker (tasks from the database queue, and reminders)."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--reminders-every",
            type=float,
            default=300,
            metavar="SECONDS",
            help=(
                "Run the periodic jobs (due reminders, idle meetings) this often "
                "(default: %(default)s; 0 turns it off)."
            ),
        )

    def handle(self, *args, reminders_every: float, **options) -> None:
        stop = threading.Event()
        if reminders_every and not options.get("batch"):
            thread = threading.Thread(
                target=_schedule_every, args=(reminders_every, stop), daemon=True
            )
            thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
