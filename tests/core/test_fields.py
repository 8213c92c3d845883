"""Ids and dates typed into forms stay within what the database and the calendar files can hold."""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms

import kompetencedialog
from kompetencedialog.core import fields
from kompetencedialog.examples.forms import ExampleForm
from kompetencedialog.followup.forms import CourseChangeForm
from kompetencedialog.processes.forms import OutcomeForm, ProcessStartForm
from tests.conftest import client_for
from tests.factories import make_goal, make_outcome, make_process

HUGE = "1" * 40
SOURCE = Path(kompetencedialog.__file__).parent


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, True),
        ("42", True),
        (" 7 ", True),
        (2**63 - 1, True),
        (2**63, False),
        (0, False),
        (-1, False),
        (HUGE, False),
        ("abc", False),
        ("", False),
    ],
)
def test_is_id(value, expected):
    assert fields.is_id(value) is expected


def test_a_40_digit_goal_or_participant_is_a_form_error(world, toolkit):
    goal = make_goal(world.municipality)
    form = ProcessStartForm(
        {
            "organisation": world.institution.pk,
            "title": "Sprog",
            "goals": [goal.pk, HUGE],
            "everyone": "0",
            "participants": [HUGE],
        },
        user=world.leader,
    )
    assert not form.is_valid()
    assert form.errors["goals"] == ["Vælg en af mulighederne."]
    assert form.errors["participants"][0] == "Vælg en af mulighederne."


def test_a_40_digit_organisation_is_a_form_error(world, toolkit):
    form = ProcessStartForm(
        {"organisation": HUGE, "title": "Sprog", "everyone": "1"}, user=world.leader
    )
    assert not form.is_valid()
    assert form.errors["organisation"] == ["Vælg en af mulighederne."]


def test_a_40_digit_address_of_an_intervention_is_a_form_error(world, toolkit):
    process = make_process(world.institution)
    data = {"text": "Sparring", "addresses": [HUGE]}
    form = OutcomeForm(data, kind="intervention", process=process)
    assert not form.is_valid()
    assert form.errors["addresses"] == ["Vælg en af mulighederne."]


def test_a_40_digit_outcome_of_a_course_change_is_a_form_error(world, toolkit):
    process = make_process(world.institution)
    action = make_outcome(process, kind="action", text="Book PPR")
    data = {"what": "x", "why": "y", "decided_by": "z", "on": "2027-01-01"}
    form = CourseChangeForm({**data, "outcomes": [action.pk, HUGE]}, process=process)
    assert not form.is_valid()
    assert "outcomes" in form.errors
    # An id that fits but is not there is the same kind of error, in the same words.
    other = CourseChangeForm({**data, "outcomes": [action.pk + 1000]}, process=process)
    assert not other.is_valid()
    assert form.errors["outcomes"][0].replace(HUGE, "") == other.errors["outcomes"][0].replace(
        str(action.pk + 1000), ""
    )


def test_a_40_digit_competence_area_of_an_example_is_a_form_error(world):
    form = ExampleForm(
        {"organisation": world.institution.pk, "title": "x", "competence_areas": [HUGE]},
        organisations=world.institution.__class__.objects.filter(pk=world.institution.pk),
    )
    assert not form.is_valid()
    assert "competence_areas" in form.errors
    assert form.fields["date"].__class__ is fields.DateField  # made by the ModelForm


def test_a_due_date_in_year_9999_is_refused_in_danish(world, toolkit):
    process = make_process(world.institution)
    form = OutcomeForm({"text": "Book PPR", "due": "9999-12-31"}, kind="action", process=process)
    assert not form.is_valid()
    assert form.errors["due"] == ["Skriv en dato mellem 01.01.1900 og 31.12.2200."]
    ok = OutcomeForm({"text": "Book PPR", "due": "2200-12-31"}, kind="action", process=process)
    assert ok.is_valid(), ok.errors


def test_a_meeting_day_in_year_9999_is_refused(world, toolkit):
    process = make_process(world.institution)
    response = client_for(world.leader).post(
        f"/opfoelgning/forloeb/{process.pk}/moeder/",
        {"title": "Møde", "day": "9999-12-31", "time": "23:30", "minutes": "600"},
    )
    assert response.status_code == 422
    assert "Skriv en dato mellem 01.01.1900 og 31.12.2200." in response.content.decode()


def _form_classes():
    for module_info in pkgutil.walk_packages(kompetencedialog.__path__, "kompetencedialog."):
        if module_info.name.endswith(".forms"):
            module = importlib.import_module(module_info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_form_uses_the_checked_fields():
    """Declared fields and a ModelForm's automatic ones alike."""
    checked = {
        forms.ModelMultipleChoiceField: fields.ModelMultipleChoiceField,
        forms.ModelChoiceField: fields.ModelChoiceField,
        forms.DateField: fields.DateField,
    }
    seen = 0
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            for django_class, ours in checked.items():
                if isinstance(field, django_class):
                    assert isinstance(field, ours), f"{cls.__module__}.{cls.__name__}.{name}"
                    seen += 1
                    break
    assert seen > 10


def test_no_form_makes_django_s_own_choice_or_date_field():
    """Fields made in a form's ``__init__`` are not in ``base_fields``: the source tells."""
    pattern = re.compile(r"forms\.(ModelChoiceField|ModelMultipleChoiceField|DateField)\(")
    offenders = [
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if path.name != "fields.py" and pattern.search(path.read_text())
    ]
    assert offenders == []
