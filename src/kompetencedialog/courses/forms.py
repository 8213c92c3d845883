from django import forms
from django.utils.translation import gettext_lazy as _

from kompetencedialog.core.fields import DateField, ModelChoiceField, formfield
from kompetencedialog.courses.models import ActivityMapping, Course
from kompetencedialog.courses.services import COURSE_FIELDS
from kompetencedialog.organisations.pickers import PersonField, PickerFormMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CatalogueFilter(forms.Form):
    audience = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", _("All target groups")), *Course.Audience.choices],
    )
    open_seats = forms.BooleanField(label=_("Only courses with free seats"), required=False)


class CourseForm(forms.ModelForm):
    organisation = ModelChoiceField(label=_("Offered by"), queryset=None, empty_label=None)

    class Meta:
        model = Course
        formfield_callback = formfield
        fields = ("organisation", *COURSE_FIELDS)
        help_texts = {
            "scope": _("For example: 1 learning day of 7.5 hours plus preparation and follow-up."),
            "purpose": _("Start a line with a dash (-) to make a bullet list."),
            "preparation": _(
                "What participants do before the day. Each participant fills in the mapping "
                "of existing development activities."
            ),
            "follow_up": _(
                "Anchoring afterwards: which signs of realised competences to look for, "
                "coordinated initiatives, supporting structures."
            ),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "introduction",
                "target_group",
                "purpose",
                "scope",
                "content",
                "learning_goals",
                "contact",
                "preparation",
                "day",
                "follow_up",
            )
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if self.instance.pk:
            del self.fields["organisation"]


class RunForm(forms.Form):
    starts_on = DateField(label=_("Date"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=1000,
        error_messages={"min_value": _("A team needs at least one seat.")},
    )


class EnrolForm(PickerFormMixin, forms.Form):
    person = PersonField(
        source="enrol", label=_("Who is to take part?"), required=False, empty_label=None
    )

    def __init__(self, *args, people, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].limit_to(people, organisation=organisation)


class MappingForm(forms.ModelForm):
    class Meta:
        model = ActivityMapping
        formfield_callback = formfield
        fields = ("activities", "organisation", "needs")
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}
        help_texts = {
            "activities": _(
                "Courses, networks, sparring, projects and other initiatives in your area."
            ),
        }


class PlanForm(forms.Form):
    process = ModelChoiceField(label=_("Which process?"), queryset=None, empty_label=None)

    def __init__(self, *args, processes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = processes
