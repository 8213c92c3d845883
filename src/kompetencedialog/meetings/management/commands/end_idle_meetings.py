"""End the live meetings nobody has used for MEETINGS_IDLE_HOURS (the worker does it too)."""

from django.core.management.base import BaseCommand

from kompetencedialog.meetings.services import end_idle_meetings


class Command(BaseCommand):
    help = "End idle live meetings, keeping their summaries (safe to run twice)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Ended {end_idle_meetings()} idle meetings.")
