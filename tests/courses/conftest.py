from datetime import timedelta

import pytest
from django.utils import timezone

from kompetencedialog.courses.models import Course, CourseRun


def make_course(organisation, *, title: str = "Læringsdag om sprog", **fields) -> Course:
    fields.setdefault("target_group", "Pædagogiske ledere")
    fields.setdefault("audience", Course.Audience.LEADERSHIP)
    return Course.objects.create(organisation=organisation, title=title, **fields)


def make_run(course, *, capacity: int = 2, days: int = 30) -> CourseRun:
    return CourseRun.objects.create(
        course=course,
        starts_on=timezone.localdate() + timedelta(days=days),
        place="Rådhuset",
        capacity=capacity,
    )


@pytest.fixture
def course(world) -> Course:
    return make_course(world.municipality, preparation="Saml et billede af aktiviteterne.")


@pytest.fixture
def run(course) -> CourseRun:
    return make_run(course)
