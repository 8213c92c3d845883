from django import forms
from django.utils.translation import gettext_lazy as _

from kompetencedialog.core.fields import ModelChoiceField
from kompetencedialog.meetings.access import candidate_facilitators
from kompetencedialog.meetings.models import Meeting
from kompetencedialog.organisations.pickers import PersonField, PickerFormMixin
from kompetencedialog.toolkit.models import Card, Phase
from kompetencedialog.toolkit.selectors import cards_for


class OpenMeetingForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.Key.choices)
    card = ModelChoiceField(
        label=_("Only one dialogue card (optional)"), queryset=Card.objects.none(), required=False
    )
    naming = forms.ChoiceField(
        label=_("Names"), choices=Meeting.Naming.choices, initial=Meeting.Naming.OPTIONAL
    )
    hidden = forms.BooleanField(label=_("Hide contributions until I reveal them"), required=False)
    moderated = forms.BooleanField(
        label=_("I approve contributions before they are shown"), required=False
    )
    countdown_seconds = forms.IntegerField(
        label=_("Countdown per question (seconds, 0 for none)"),
        min_value=0,
        max_value=3600,
        initial=0,
    )
    dots_per_person = forms.IntegerField(
        label=_("Dots per person when voting"), min_value=1, max_value=20, initial=3
    )
    groups = forms.IntegerField(
        label=_("Small groups (0 for one room)"), min_value=0, max_value=20, initial=0
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["card"].queryset = cards_for(
            process.toolkit_id, process.organisation.path
        ).select_related("phase")
        self.fields["phase"].initial = process.phase


class JoinForm(forms.Form):
    display_name = forms.CharField(label=_("Your name (optional)"), max_length=80, required=False)
    email = forms.EmailField(
        label=_("E-mail for the summary (optional)"),
        required=False,
        max_length=254,
        help_text=_("We send a link to this address: the summary goes there once you confirm."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting.naming == Meeting.Naming.NAMED:
            self.fields["display_name"].required = True
            self.fields["display_name"].label = _("Your name")
        elif meeting.naming == Meeting.Naming.ANONYMOUS:
            del self.fields["display_name"]


class EnterCodeForm(forms.Form):
    code = forms.CharField(label=_("Meeting code"), max_length=6, min_length=6)

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()


class AppointFacilitatorForm(PickerFormMixin, forms.Form):
    user = PersonField(
        source="facilitators",
        label=_("Person"),
        error_messages={
            "required": _("Choose the person who will run the meetings."),
            "invalid_choice": _("Choose someone from the list."),
        },
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        # Appointing someone already appointed changes nothing, so the search need not hide them.
        self.fields["user"].limit_to(
            candidate_facilitators(process), organisation=process.organisation
        )
