"""How processes react to the organisations app: anonymised people, personal data export."""

from django.dispatch import receiver

from kompetencedialog.organisations import personal_data
from kompetencedialog.organisations.signals import person_anonymised
from kompetencedialog.processes.models import Outcome, Process

FORMER_PERSON = "Tidligere bruger"


@receiver(person_anonymised, dispatch_uid="processes.anonymise_outcome_owners")
def anonymise_outcome_owners(sender, user, **kwargs) -> None:
    """Actions and markers keep an owner label, but no longer point at the person."""
    Outcome.objects.filter(owner=user).update(owner=None, owner_name=FORMER_PERSON)
    Outcome.objects.filter(created_by=user).update(created_by=None)
    Process.objects.filter(created_by=user).update(created_by=None)
    Process.participants.through.objects.filter(user=user).delete()


def outcomes_of(user) -> list[dict]:
    """For the person's data download: the outcomes they own or wrote."""
    outcomes = Outcome.objects.filter(owner=user) | Outcome.objects.filter(created_by=user)
    return [
        {
            "process": outcome.process.title,
            "kind": outcome.kind,
            "text": outcome.text,
            "due": outcome.due.isoformat() if outcome.due else None,
            "status": outcome.status,
        }
        for outcome in outcomes.select_related("process").distinct().order_by("id")
    ]


personal_data.register("outcomes", outcomes_of)
