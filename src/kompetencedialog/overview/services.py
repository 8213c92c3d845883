"""Changes the overview makes: joint initiatives, and the monthly snapshots."""

import datetime

from django.db import transaction

from kompetencedialog.core.audit import log_action
from kompetencedialog.overview.models import JointInitiative, OverviewSnapshot


@transaction.atomic
def create_joint_initiative(
    *, actor, organisation, title, area, institutions, note="", course_description=""
) -> JointInitiative:
    """A joint initiative of the organisation for the given institutions (all in its subtree)."""
    institutions = list(institutions)
    if any(not i.is_within(organisation) for i in institutions):
        raise ValueError("Every participating institution must be within the organisation.")
    initiative = JointInitiative.objects.create(
        organisation=organisation,
        title=title.strip(),
        area=area,
        note=note.strip(),
        course_description=course_description.strip(),
        created_by=actor,
    )
    initiative.institutions.set(institutions)
    log_action(
        actor,
        "overview.joint_initiative.created",
        initiative,
        {
            "title": initiative.title,
            "area": area.pk,
            "institutions": sorted(i.pk for i in institutions),
        },
    )
    return initiative


@transaction.atomic
def store_snapshot(*, organisation, month: datetime.date, figures: dict) -> OverviewSnapshot:
    """Keep (or replace) the month's figures; running it twice leaves one snapshot."""
    snapshot, _created = OverviewSnapshot.objects.update_or_create(
        organisation=organisation, month=month.replace(day=1), defaults={"figures": figures}
    )
    log_action(None, "overview.snapshot.stored", snapshot, {"month": f"{month:%Y-%m}"})
    return snapshot
