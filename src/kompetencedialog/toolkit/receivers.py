"""How the toolkit reacts to the organisations app: anonymised people, personal data export."""

from django.dispatch import receiver

from kompetencedialog.organisations import personal_data
from kompetencedialog.organisations.signals import person_anonymised
from kompetencedialog.toolkit.models import Note


@receiver(person_anonymised, dispatch_uid="toolkit.anonymise_notes")
def anonymise_notes(sender, user, **kwargs) -> None:
    """The notes stay; they no longer say who last changed them."""
    Note.objects.filter(updated_by=user).update(updated_by=None)


def notes_of(user) -> list[dict]:
    """For the person's data download: the notes they last changed."""
    return [
        {"notebook": str(note.notebook), "question": note.question.text, "text": note.text}
        for note in Note.objects.filter(updated_by=user)
        .select_related("notebook__toolkit", "question")
        .order_by("id")
    ]


personal_data.register("notes", notes_of)
