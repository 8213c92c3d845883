"""Learning days and courses (the catalogue), their dated runs (hold), and who takes part.

A course follows the 20-30-50 structure: ``preparation`` (20 %, with the mapping of existing
development activities that each participant fills in), the ``day`` itself (30 %) and
``follow_up`` (50 %: anchoring, and what should be seen afterwards).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Course(models.Model):
    """A learning day or course offered by an organisation (usually its administration)."""

    class Audience(models.TextChoices):
        LEADERSHIP = "leadership", _("Leaders and administration")
        STAFF = "staff", _("Pedagogical staff")
        EVERYONE = "everyone", _("Everyone")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("offered by"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, max_length=5000)
    audience = models.CharField(
        _("for whom"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    target_group = models.TextField(_("target group"), max_length=3000)
    purpose = models.TextField(_("purpose"), blank=True, max_length=5000)
    scope = models.TextField(_("scope"), blank=True, max_length=2000)
    content = models.TextField(_("content"), blank=True, max_length=5000)
    learning_goals = models.TextField(_("learning goals"), blank=True, max_length=5000)
    price = models.PositiveIntegerField(_("price per participant (DKK)"), null=True, blank=True)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    contact = models.TextField(_("contact"), blank=True, max_length=2000)
    preparation = models.TextField(_("before the day (20 %)"), blank=True, max_length=5000)
    day = models.TextField(_("the day (30 %)"), blank=True, max_length=5000)
    follow_up = models.TextField(_("after the day (50 %)"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_path(self) -> str:
        return self.organisation.path


class CourseRun(models.Model):
    """A hold: one dated run of a course, with a place and a number of seats."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="runs")
    starts_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.course} {self.starts_on:%d.%m.%Y}"

    @property
    def audit_path(self) -> str:
        return self.course.organisation.path


class Enrolment(models.Model):
    """A person's seat on a run, or their place on its waitlist (first come, first served)."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.ENROLLED, Status.WAITLISTED)

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The intervention in one of the person's processes that this enrolment became.
    intervention = models.ForeignKey(
        "processes.Outcome", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "person"],
                condition=Q(status__in=["enrolled", "waitlisted"]),
                name="one_active_enrolment_per_run",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.run}"

    @property
    def audit_path(self) -> str:
        return self.run.course.organisation.path


class ActivityMapping(models.Model):
    """Kortlægning: the participant's picture of existing development activities, before the day."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="mapping")
    activities = models.TextField(
        _("Which development activities are under way today?"), max_length=5000
    )
    organisation = models.TextField(
        _("How are they organised, and who takes part?"), blank=True, max_length=5000
    )
    needs = models.TextField(
        _("Which development needs do you see, including strategic competence development?"),
        blank=True,
        max_length=5000,
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mapping")
        verbose_name_plural = _("mappings")

    def __str__(self) -> str:
        return str(self.enrolment)

    @property
    def audit_path(self) -> str:
        return self.enrolment.audit_path


class CourseInterest(models.Model):
    """ "Tell me when the next team opens"; ``notified`` is stamped when that e-mail has gone."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="interests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    notified = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(fields=["course", "person"], name="unique_course_interest")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.course}"

    @property
    def audit_path(self) -> str:
        return self.course.organisation.path
