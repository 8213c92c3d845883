"""Background work: sending one notification e-mail. Queued by ``reminders.schedule``."""

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from kompetencedialog.followup.models import NotificationSent


@task
def send_notification(notification_id: int) -> str:
    """Send the e-mail behind one queued notification, unless it has gone already.

    The row is locked while we send, and ``sent`` is stamped in the same transaction: if the
    task runs twice (a worker restarted between two runs, a duplicate in the queue), the second
    run finds the stamp and sends nothing.
    """
    from kompetencedialog.followup import reminders

    with transaction.atomic():
        notification = (
            NotificationSent.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.sent is not None:
            return "skipped"
        message = reminders.build_message(notification)
        if message is not None:
            message.send()
        notification.sent = timezone.now()
        notification.save(update_fields=["sent"])
    return "sent" if message is not None else "nothing to say"
