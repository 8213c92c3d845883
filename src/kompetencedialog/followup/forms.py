from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from kompetencedialog.core.fields import DateField, ModelChoiceField, ModelMultipleChoiceField
from kompetencedialog.followup.models import DevelopmentPoint
from kompetencedialog.followup.selectors import status_choices
from kompetencedialog.organisations.models import Membership, Organisation, User
from kompetencedialog.organisations.pickers import PersonField, PickerFormMixin
from kompetencedialog.processes.models import Outcome


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CheckInForm(forms.Form):
    status = forms.ChoiceField(label=_("How does it stand?"), choices=status_choices("marker"))
    on = DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(
        label=_("What do we see? (evidence)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_file = forms.FileField(
        label=_("Attach a file (optional)"),
        help_text=_("PDF, PNG, JPEG, Word or Excel, at most 10 MB."),
        required=False,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"))

    def __init__(self, *args, outcome: Outcome, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = status_choices(outcome.kind)
        self.fields["status"].initial = outcome.status


class CourseChangeForm(forms.Form):
    what = forms.CharField(
        label=_("What changed?"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    why = forms.CharField(
        label=_("Why?"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_by = forms.CharField(label=_("Decided by"), max_length=300)
    on = DateField(label=_("Date"), widget=DateInput())
    outcomes = ModelMultipleChoiceField(
        label=_("Which markers and actions does it concern?"),
        queryset=Outcome.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].queryset = Outcome.objects.filter(
            process=process, kind__in=Outcome.FOLLOW_UP_KINDS
        ).order_by("kind", "id")


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    day = DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    minutes = forms.IntegerField(label=_("Duration in minutes"), min_value=5, max_value=600)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.cleaned_data["minutes"])


def colleagues(organisation: Organisation):
    """The people of the organisation (and its teams), to attach a MUS point to."""
    roles = Membership.objects.filter(organisation__path__startswith=organisation.path)
    return User.objects.filter(pk__in=roles.values("user_id"), is_active=True).order_by(
        "name", "email"
    )


class DevelopmentPointForm(PickerFormMixin, forms.Form):
    person = PersonField(source="colleagues", label=_("Person"))
    competence = ModelChoiceField(
        label=_("Needed competence"), queryset=Outcome.objects.none(), required=False
    )
    text = forms.CharField(
        label=_("Development point"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].limit_to(
            colleagues(process.organisation), organisation=process.organisation
        )
        self.fields["competence"].queryset = Outcome.objects.filter(
            process=process, kind="competence", competence_status="needed"
        )


class PointStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DevelopmentPoint.Status.choices)


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("Name of the template"), max_length=200)
    organisation = ModelChoiceField(label=_("Kept by"), queryset=None)
    published = forms.BooleanField(label=_("Publish it to all institutions below"), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class StartForm(forms.Form):
    title = forms.CharField(label=_("Working title"), max_length=200)
    organisation = ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
