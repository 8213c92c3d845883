from django import forms
from django.utils.translation import gettext_lazy as _

from kompetencedialog.core.fields import ModelChoiceField
from kompetencedialog.toolkit.models import Card, Note, Phase


class NoteForm(forms.Form):
    text = forms.CharField(
        required=False,
        strip=False,
        max_length=Note._meta.get_field("text").max_length,
        widget=forms.Textarea,
    )


class StyledForm(forms.Form):
    """Det Fælles Designsystem's classes on every widget, the error linked to its field."""

    def style(self) -> None:
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-input"
            field.widget.attrs["class"] = css
            if self.is_bound and name in self.errors:
                field.widget.attrs["aria-describedby"] = f"{self[name].id_for_label}-error"


class OwnQuestionForm(StyledForm):
    card = ModelChoiceField(queryset=None, label=_("Dialogue card"))
    text = forms.CharField(label=_("Your question"), max_length=500)

    def __init__(self, *args, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["card"].queryset = Card.objects.filter(pk__in=[c.pk for c in cards])
        self.fields["card"].choices = [("", "---------")] + [
            (c.pk, f"{c.phase.title_i18n}: {c.title_i18n}") for c in cards
        ]
        self.style()


class OwnCardForm(StyledForm):
    phase = ModelChoiceField(queryset=None, label=_("Phase"))
    title = forms.CharField(label=_("Title of the card"), max_length=200)
    questions = forms.CharField(
        label=_("Questions, one on each line"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(pk__in=[p.pk for p in phases])
        self.fields["phase"].choices = [("", "---------")] + [
            (p.pk, f"{p.title_i18n}: {p.question_i18n}") for p in phases
        ]
        self.style()

    def clean_questions(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise forms.ValidationError(_("Write at least one question."))
        if any(len(line) > 500 for line in lines):
            raise forms.ValidationError(_("A question may be at most 500 characters."))
        return lines
