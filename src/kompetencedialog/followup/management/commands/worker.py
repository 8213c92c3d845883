"""The background worker: runs queued tasks (e-mails) from the database queue, and every few
minutes queues the reminders that have come due, so one process does both."""

import logging
import threading

from django.db import close_old_connections
from django_tasks_db.management.commands import db_worker

from kompetencedialog.followup import reminders

logger = logging.getLogger(__name__)


def _schedule_every(seconds: float, stop: threading.Event) -> None:
    while not stop.wait(seconds):
        try:
            close_old_connections()
            reminders.schedule()
        except Exception:
            # A failed round is logged and retried next time; the worker keeps serving tasks.
            logger.exception("Scheduling reminders failed")
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
            help="Queue due reminders this often (default: %(default)s; 0 turns it off).",
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
