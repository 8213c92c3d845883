"""Keep this month's overview figures for every top-level organisation and area.

Run it monthly (e.g. from cron on the 1st, or at any time during the month: a later run
replaces the month's figures, so running it twice is safe).
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from kompetencedialog.organisations.models import Organisation
from kompetencedialog.overview.selectors import build_overview, snapshot_figures
from kompetencedialog.overview.services import store_snapshot


class Command(BaseCommand):
    help = "Store the overview's figures for this month (or --month YYYY-MM) for each organisation."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; default: the current month")

    def handle(self, *args, month=None, **options):
        if month:
            day = datetime.date.fromisoformat(f"{month}-01")
        else:
            day = timezone.localdate().replace(day=1)
        organisations = Organisation.objects.filter(
            kind__in=[*Organisation.TOP_LEVEL_KINDS, Organisation.Kind.AREA]
        )
        count = 0
        for organisation in organisations.iterator():
            figures = snapshot_figures(build_overview(organisation))
            store_snapshot(organisation=organisation, month=day, figures=figures)
            count += 1
        self.stdout.write(f"Stored {count} snapshots for {day:%Y-%m}.")
