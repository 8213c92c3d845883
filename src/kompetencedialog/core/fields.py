"""Form fields that keep what people type within what the database and our files can hold.

Every date and every chosen object entered anywhere goes through these (``tests/core/test_fields``
checks that no form uses Django's own): a 40-digit number in a choice makes the database raise
``OverflowError``, and a date in year 9999 is stored fine and then breaks every calendar file that
adds a day to it. ``formfield`` gives a ``ModelForm``'s automatic fields the same classes.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

#: Ids are positive and fit a signed 64-bit integer (SQLite's INTEGER, PostgreSQL's bigint).
MAX_ID = 2**63 - 1
#: The dates anyone can mean in this tool; beyond them is a typo (or a probe).
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)


def is_id(value: object) -> bool:
    """Whether ``value`` (an int or the text of one) could be the id of a stored object."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return False
    return 1 <= number <= MAX_ID


def _integer_keys(field: forms.ModelChoiceField) -> bool:
    if field.to_field_name:
        key = field.queryset.model._meta.get_field(field.to_field_name)
    else:
        key = field.queryset.model._meta.pk
    return isinstance(key, models.IntegerField)


def _check_id(field: forms.ModelChoiceField, value: object) -> None:
    """The field's own words for an unknown choice, for a number no object can have (what is
    not a number at all, Django's own check words as before)."""
    if _integer_keys(field) and str(value).strip().lstrip("+-").isdigit() and not is_id(value):
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ModelChoiceField(forms.ModelChoiceField):
    """Django's, refusing a number no object can have before the database is asked."""

    def to_python(self, value):
        if value not in self.empty_values:
            _check_id(self, value)
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing a number no object can have before the database is asked."""

    def _check_values(self, value):
        for item in value:
            _check_id(self, item)
        return super()._check_values(value)


class DateField(forms.DateField):
    """Django's, within ``EARLIEST_DATE`` and ``LATEST_DATE``."""

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValidationError(
                _("Write a date between %(earliest)s and %(latest)s."),
                code="date_range",
                params={
                    "earliest": date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                    "latest": date_format(LATEST_DATE, "SHORT_DATE_FORMAT"),
                },
            )


def formfield(model_field: models.Field, **kwargs) -> forms.Field | None:
    """A ``ModelForm``'s ``Meta.formfield_callback``: its automatic fields are ours too."""
    if isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(model_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    elif isinstance(model_field, models.DateField) and not isinstance(
        model_field, models.DateTimeField
    ):
        kwargs.setdefault("form_class", DateField)
    return model_field.formfield(**kwargs)
