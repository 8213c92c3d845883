"""Background work: telling a person that someone is guessing at their password. Queued by
``services.warn_of_guessing`` (at most once per throttle window); the worker sends it."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kompetencedialog.organisations.models import User


@task
def send_login_notice(user_id: int, failures: int) -> str:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return "skipped"
    context = {
        "user": user,
        "failures": failures,
        "reset_url": settings.SITE_URL + reverse("password_reset"),
    }
    with translation.override(user.language or "da"):
        subject = render_to_string("organisations/email/login_notice_subject.txt", context)
        body = render_to_string("organisations/email/login_notice.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    ).send()
    return "sent"
