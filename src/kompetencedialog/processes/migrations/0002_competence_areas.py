"""The starting taxonomy of competence areas (reference data, not demo data)."""

from django.db import migrations

from kompetencedialog.processes.taxonomy import ensure_areas


def add_areas(apps, schema_editor):
    ensure_areas(apps.get_model("processes", "CompetenceArea"))


class Migration(migrations.Migration):
    dependencies = [("processes", "0001_initial")]
    operations = [migrations.RunPython(add_areas, migrations.RunPython.noop)]
