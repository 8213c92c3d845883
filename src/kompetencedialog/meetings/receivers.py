"""How meetings react to the organisations app: a person who leaves runs no more meetings."""

from django.dispatch import receiver

from kompetencedialog.meetings.models import Facilitator
from kompetencedialog.organisations.signals import person_anonymised


@receiver(person_anonymised, dispatch_uid="meetings.forget_facilitator")
def forget_facilitator(sender, user, **kwargs) -> None:
    Facilitator.objects.filter(user=user).delete()
