"""Text typed into any form is cleaned once, where it enters.

Every text field of every form (ours, the API's, which validates through the same forms, and
Django's own) is a ``forms.CharField`` or a subclass, so the cleaning is attached to that one
class when the project starts instead of to each of its forms: a form added tomorrow is covered
without anyone remembering to. A field drawn as a ``Textarea`` keeps its lines; any other keeps
one line. Passwords are left exactly as typed.
"""

from django import forms

from kompetencedialog.lib.text import clean_text


def _cleaning(to_python):
    def cleaned_to_python(self: forms.CharField, value):
        if isinstance(value, str) and not isinstance(self.widget, forms.PasswordInput):
            value = clean_text(value, multiline=isinstance(self.widget, forms.Textarea))
        return to_python(self, value)

    cleaned_to_python.cleans_text = True  # type: ignore[attr-defined]
    return cleaned_to_python


def clean_text_in_every_form() -> None:
    """Make ``forms.CharField`` clean what it is given; safe to call more than once."""
    if not getattr(forms.CharField.to_python, "cleans_text", False):
        forms.CharField.to_python = _cleaning(forms.CharField.to_python)
