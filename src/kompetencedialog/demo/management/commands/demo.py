from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kompetencedialog.demo.data import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo municipality, its people and processes."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded in production.")
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready:"))
        for line in summary:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
