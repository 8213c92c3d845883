"""The overview's filters: a GET form, so every view can be bookmarked and shared."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetencedialog.core.fields import DateField, ModelChoiceField, ModelMultipleChoiceField
from kompetencedialog.organisations.models import Organisation
from kompetencedialog.overview.selectors import Filters
from kompetencedialog.processes.models import CompetenceArea, Goal


class FilterForm(forms.Form):
    area = ModelChoiceField(
        label=_("Competence area"),
        queryset=CompetenceArea.objects.none(),
        required=False,
        empty_label=_("All areas"),
    )
    institution_type = forms.ChoiceField(label=_("Type of institution"), required=False)
    goal = ModelChoiceField(
        label=_("Strategic goal"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("All goals"),
    )
    period_from = DateField(
        label=_("Active from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_to = DateField(
        label=_("Active until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    as_of = DateField(
        label=_("As the figures stood on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Counts what had been created by then; phases are today's."),
    )

    def __init__(self, data, *, areas, goals, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["goal"].queryset = goals
        self.fields["institution_type"].choices = [
            ("", _("All types")),
            *Organisation.InstitutionType.choices,
        ]
        for name, f in self.fields.items():
            f.widget.attrs.setdefault(
                "class", "form-select" if name in self.SELECTS else "form-input"
            )

    SELECTS = ("area", "institution_type", "goal")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The end must be after the start."))
            del cleaned["period_from"]  # a backwards period filters on neither end
        return cleaned

    def filters(self) -> Filters:
        """The valid filters; an invalid one is left out (and shown next to its field)."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Filters(
            area=data.get("area"),
            institution_type=data.get("institution_type") or "",
            goal=data.get("goal"),
            period_from=data.get("period_from"),
            period_to=data.get("period_to"),
            as_of=data.get("as_of"),
        )


class JointInitiativeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    area = ModelChoiceField(label=_("Competence area"), queryset=CompetenceArea.objects.none())
    institutions = ModelMultipleChoiceField(
        label=_("Participating institutions"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note to the institutions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-input"}),
    )
    course_description = forms.CharField(
        label=_("Draft learning day or course"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-input"}),
        help_text=_("A first description for the course catalogue."),
    )

    def __init__(self, *args, areas, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["area"].widget.attrs["class"] = "form-select"
        self.fields["title"].widget.attrs["class"] = "form-input"
        self.fields["institutions"].queryset = institutions

    def clean_institutions(self):
        institutions = self.cleaned_data["institutions"]
        if len(institutions) < 2:
            raise forms.ValidationError(_("Choose at least two institutions."))
        return institutions
