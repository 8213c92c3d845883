"""Background work: the mail that asks someone to confirm the address they typed when joining.
Queued by ``services.join_meeting``; the worker sends it."""

from django.core.mail import send_mail
from django.tasks import task
from django.utils.translation import gettext as _

from kompetencedialog.meetings.models import Participant


@task
def send_email_confirmation(participant_id: int) -> str:
    from kompetencedialog.meetings.services import confirmation_link

    participant = Participant.objects.filter(pk=participant_id).exclude(email="").first()
    if participant is None or participant.email_confirmed:
        return "skipped"
    subject = _("Confirm your e-mail for the meeting's summary")
    body = _(
        "Someone joined a meeting in Kompetencedialog with this address and asked for the "
        "summary when the meeting ends.\n\nTo receive it, confirm the address here:\n%(link)s"
        "\n\nIf it was not you, do nothing: no summary will be sent to you."
    ) % {"link": confirmation_link(participant)}
    send_mail(subject, body, None, [participant.email])
    return "sent"
