from django.core.management.base import BaseCommand

from kompetencedialog.toolkit.loader import load_toolkits
from kompetencedialog.toolkit.pdf import forget_stored_pdfs


class Command(BaseCommand):
    help = "Load the dialogue tool's content from toolkit/data/*.yaml (safe to run again)."

    def handle(self, *args, **options) -> None:
        report = load_toolkits()
        if report.created:
            self.stdout.write(f"Created: {', '.join(report.created)}")
        if report.updated:
            self.stdout.write(f"Updated: {', '.join(report.updated)}")
        self.stdout.write(f"Current: {', '.join(report.current)}")
        # The printable cards and posters of the old texts are rendered again when asked for.
        forget_stored_pdfs()
