"""Background work: telling a person that a new team of a course is open. Queued by
``services.add_run``; the worker sends it."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kompetencedialog.courses.models import CourseInterest, CourseRun


@task
def send_run_opened(interest_id: int, course_run_id: int) -> str:
    """Send the e-mail once: the interest is locked while we send and stamped in the same
    transaction, so a second task for the same interest (two teams added at once, a worker
    restarted) finds the stamp and sends nothing."""
    with transaction.atomic():
        interest = (
            CourseInterest.objects.select_for_update()
            .select_related("person", "course")
            .filter(pk=interest_id)
            .first()
        )
        run = CourseRun.objects.filter(pk=course_run_id).first()
        if interest is None or interest.notified is not None or run is None:
            return "skipped"
        context = {
            "user": interest.person,
            "course": interest.course,
            "run": run,
            "url": settings.SITE_URL + reverse("courses:detail", args=[interest.course_id]),
        }
        with translation.override("da"):
            subject = render_to_string("courses/email/run_opened_subject.txt", context)
            text = render_to_string("courses/email/run_opened.txt", context)
            html = render_to_string("courses/email/run_opened.html", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[interest.person.email],
        )
        message.attach_alternative(html, "text/html")
        message.send()
        interest.notified = timezone.now()
        interest.save(update_fields=["notified"])
    return "sent"
