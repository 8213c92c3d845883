from django import forms
from django.utils.translation import gettext_lazy as _

from kompetencedialog.core.fields import ModelChoiceField, formfield
from kompetencedialog.examples.models import PracticeExample
from kompetencedialog.examples.services import EDITABLE_FIELDS
from kompetencedialog.organisations.models import Organisation
from kompetencedialog.processes.models import CompetenceArea


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ExampleForm(forms.ModelForm):
    """The example's fields; the view passes the organisations the person may write for."""

    class Meta:
        model = PracticeExample
        formfield_callback = formfield
        fields = [*EDITABLE_FIELDS, "competence_areas"]
        widgets = {
            "date": DateInput(),
            "competence_areas": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea(attrs={"rows": 8})
                for name, _heading in PracticeExample.SECTIONS
            },
        }
        help_texts = {
            "practice": _("How the work is organised: who takes part, partners, the time plan."),
            "context": _(
                "Where you started and what you wanted to achieve. Begin a line with • or - "
                "for a list."
            ),
            "policy": _("The municipal vision, goals or strategy the work serves."),
            "experiences": _("What you have learned, and what others should watch out for."),
            "resources": _("What it took: money, hours, substitutes, partners."),
            "advice": _("One or two sentences to someone who wants to do the same."),
            "contact_email": _("Where others can write to know more."),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["competence_areas"].queryset = CompetenceArea.objects.filter(organisation=None)
        self.fields["competence_areas"].label = _("Competence areas")
        self.fields["institution_type"].label = _("Type of institution")

    def section_fields(self):
        return [self[name] for name, _heading in PracticeExample.SECTIONS]


class LibraryFilterForm(forms.Form):
    """The library's search and filters; anything unknown is ignored, never an error."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "class": "form-input"}),
    )
    area = ModelChoiceField(
        label=_("Competence area"),
        queryset=CompetenceArea.objects.filter(organisation=None),
        to_field_name="slug",
        required=False,
        empty_label=_("All competence areas"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    institution_type = forms.ChoiceField(
        label=_("Type of institution"),
        required=False,
        choices=[("", _("All types")), *Organisation.InstitutionType.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    municipality = ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All municipalities"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities

    def filters(self) -> dict:
        """The valid filters as keyword arguments for ``selectors.library``."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "text": (data.get("q") or "").strip(),
            "area": data.get("area"),
            "institution_type": data.get("institution_type") or "",
            "municipality": data.get("municipality"),
        }
