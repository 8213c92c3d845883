"""Queue the reminders that are due: before due dates, before follow-up meetings, and the weekly
digest for leaders. Safe to run any number of times; each event is queued once."""

import time

from django.core.management.base import BaseCommand

from kompetencedialog.followup import reminders


class Command(BaseCommand):
    help = "Queue due reminder e-mails (safe to run twice)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--loop",
            type=float,
            default=0,
            metavar="SECONDS",
            help="Keep running, checking again every SECONDS (default: run once).",
        )

    def handle(self, *, loop: float, **options) -> None:
        while True:
            counts = reminders.schedule()
            self.stdout.write(
                f"Queued: {counts['due']} before due dates, {counts['meeting']} before "
                f"meetings, {counts['digest']} digests."
            )
            if not loop:
                return
            time.sleep(loop)
