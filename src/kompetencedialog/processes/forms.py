"""Forms of the process pages. Each validates everything before a service stores anything."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompetencedialog.core.fields import DateField, ModelChoiceField, ModelMultipleChoiceField
from kompetencedialog.lib.text import danish_number, parse_danish_number
from kompetencedialog.organisations import access
from kompetencedialog.organisations.models import Membership, Organisation, User
from kompetencedialog.organisations.pickers import (
    PeopleField,
    PersonField,
    PickerFormMixin,
    posted_ids,
)
from kompetencedialog.processes.models import CompetenceArea, Goal, Outcome, Process
from kompetencedialog.processes.visibility import inside_organisations_q

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]
TEXT_MAX = 1000


def _date_field(label, required=False) -> forms.DateField:
    return DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write the date as dd-mm-yyyy, for example 12-03-2027.")},
    )


def writable_organisations(user):
    return access.scope(
        Organisation.objects.all(), user, path_field="path", roles=access.PROCESS_WRITE_ROLES
    ).order_by("path")


def organisations_to_start_in(user):
    """Where the person may start a process: organisations they lead and work in themselves
    (a process belongs to its organisation; someone above would not see its drafts)."""
    return writable_organisations(user).filter(inside_organisations_q(user))


def goals_above(organisation: Organisation):
    """The goals of the organisation and of the organisations above it."""
    return Goal.objects.filter(
        organisation_id__in=[*organisation.ancestor_ids, organisation.pk]
    ).select_related("organisation")


def people_of(organisation: Organisation):
    """Everyone with a role in the organisation, its subtree or above it."""
    # A subquery, not a join: no DISTINCT over every member, so the first few of 20,000 are quick.
    roles = Membership.objects.filter(
        Q(organisation__path__startswith=organisation.path)
        | Q(organisation_id__in=organisation.ancestor_ids)
    )
    return User.objects.filter(pk__in=roles.values("user_id")).order_by("name", "email")


class AmountField(forms.DecimalField):
    """An amount written the Danish way (``12.500,50``, ``12 500``) or plainly (``12500``)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        return super().to_python(parse_danish_number(value) if isinstance(value, str) else value)

    def prepare_value(self, value):
        return danish_number(value) if isinstance(value, Decimal) else value


class DanishErrorsMixin:
    """Required and too-long messages in plain words, for every field."""

    def _tune(self) -> None:
        for form_field in self.fields.values():
            widget = form_field.widget
            # CheckboxSelectMultiple is a RadioSelect in Django, so it is asked about first.
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs["class"] = "form-checkbox"
            elif isinstance(widget, forms.RadioSelect):
                widget.attrs["class"] = "form-radio"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-input"
            form_field.error_messages["required"] = _("Fill in this field.")
            if getattr(form_field, "max_length", None):
                form_field.error_messages["max_length"] = _(
                    "Write at most %(limit_value)d characters (you wrote %(show_value)d)."
                )
            if isinstance(form_field, forms.ModelChoiceField | forms.ChoiceField):
                form_field.error_messages["invalid_choice"] = _("Choose one of the options.")
                form_field.error_messages["invalid_pk_value"] = _("Choose one of the options.")


def _plan_visibility_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("What the administration sees of the plan"),
        choices=Process.PlanVisibility.choices,
        initial=Process.PlanVisibility.FULL,
        # Left out (an API call, an older form): "full" on a new process, unchanged on an edit.
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Until you send a plan, the administration sees only that the process exists, "
            "where, and its phase. When you send it, the administration reads the plan as "
            "sent (never your drafts), or, if you choose only the figures, counts by "
            "competence area and format and the amounts, never a text. Notes, meetings and "
            "names stay with you. You can change this at any time."
        ),
    )


class ProcessStartForm(PickerFormMixin, DanishErrorsMixin, forms.Form):
    organisation = ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Working title"),
        max_length=200,
        help_text=_("You can change it later, for example 'Sprog i hverdagen'."),
    )
    challenge = forms.CharField(
        label=_("The challenge's headline (optional)"),
        max_length=300,
        required=False,
        help_text=_("It may come out of the first phase; leave it empty if you do not know yet."),
    )
    goals = ModelMultipleChoiceField(
        label=_("The goals the process serves"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    everyone = forms.TypedChoiceField(
        label=_("Who takes part"),
        choices=[("1", _("Everyone in the organisation")), ("0", _("The people I choose"))],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    participants = PeopleField(
        source="process",
        label=_("Participants"),
        help_text=_("Only when you choose the people yourself."),
        required=False,
    )
    plan_visibility = _plan_visibility_field()

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._tune()
        organisations = organisations_to_start_in(user)
        self.fields["organisation"].queryset = organisations
        ids = set(organisations.values_list("pk", flat=True))
        ancestor_ids = {
            int(part)
            for path in organisations.values_list("path", flat=True)
            for part in path.strip("/").split("/")
        }
        self.fields["goals"].queryset = Goal.objects.filter(
            organisation_id__in=ids | ancestor_ids
        ).select_related("organisation")
        # The people to pick from are those of the organisation chosen in the form (or the one
        # the page shows first); a search follows the organisation field as it changes.
        self._people_organisation = self._organisation_for_people(organisations)
        self.fields["participants"].limit_to(
            people_of(self._people_organisation)
            if self._people_organisation
            else User.objects.none(),
            organisation=self._people_organisation,
            organisation_field=self.add_prefix("organisation"),
        )

    def _organisation_for_people(self, organisations) -> Organisation | None:
        if self.is_bound:
            value = self.data.get(self.add_prefix("organisation"))
        else:
            value = self.initial.get("organisation")
        ids = posted_ids(getattr(value, "pk", value))
        chosen = organisations.filter(pk=ids[0]).first() if ids else None
        return chosen or organisations.first()

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation")
        if organisation is None:
            return data
        allowed = {*organisation.ancestor_ids, organisation.pk}
        outside = [goal for goal in data.get("goals", []) if goal.organisation_id not in allowed]
        if outside:
            self.add_error(
                "goals",
                _("Choose goals of %(organisation)s or of the organisations above it.")
                % {"organisation": organisation.name},
            )
        if data.get("everyone") is False:
            people = data.get("participants") or []
            if not people and "participants" not in self.errors:
                self.add_error("participants", _("Choose at least one person."))
            elif people and organisation != self._people_organisation:
                # The field took only people of the organisation it was limited to.
                self.add_error(
                    "participants",
                    _("Choose people of %(organisation)s.") % {"organisation": organisation.name},
                )
        return data


class ProcessEditForm(DanishErrorsMixin, forms.Form):
    title = ProcessStartForm.base_fields["title"]
    challenge = ProcessStartForm.base_fields["challenge"]
    goals = ModelMultipleChoiceField(
        label=_("The goals the process serves"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    plan_visibility = _plan_visibility_field()

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._tune()
        self.fields["challenge"].label = _("The challenge's headline")
        self.fields["goals"].queryset = goals_above(process.organisation)


class GoalForm(DanishErrorsMixin, forms.Form):
    organisation = ModelChoiceField(
        label=_("Whose goal"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Goal"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    period_start = _date_field(_("From"))
    period_end = _date_field(_("To"))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._tune()
        self.fields["organisation"].queryset = writable_organisations(user)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end must be after the start."))
        return data


def _status_choices(kind: str) -> list[tuple[str, str]]:
    keys = {
        "action": ["open", "in_progress", "done", "cancelled"],
        "decision": ["pending", "decided", "cancelled"],
        "marker": ["not_started", "on_track", "late", "reached"],
    }[kind]
    labels = dict(Outcome.Status.choices)
    return [(key, labels[key]) for key in keys]


DETAIL_MAX = 2000


class OutcomeForm(PickerFormMixin, DanishErrorsMixin, forms.Form):
    """One outcome of one kind; the fields depend on the kind."""

    text = forms.CharField(max_length=TEXT_MAX)

    def __init__(self, *args, kind: str, process: Process, focus: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.process = process
        from kompetencedialog.processes.selectors import detail_labels

        labels = detail_labels()
        self.fields["text"].label = TEXT_LABELS[kind]
        if kind == "competence":
            self.fields["competence_status"] = forms.ChoiceField(
                label=_("Do we have it?"),
                choices=Outcome.CompetenceStatus.choices,
                widget=forms.RadioSelect,
            )
            self.fields["area"] = ModelChoiceField(
                label=_("Competence area"),
                required=False,
                queryset=CompetenceArea.objects.filter(
                    Q(organisation=None)
                    | Q(
                        organisation_id__in=[
                            *process.organisation.ancestor_ids,
                            process.organisation_id,
                        ]
                    )
                ),
                empty_label=_("Choose an area"),
            )
        if kind == "intervention":
            self.fields["format"] = forms.ChoiceField(
                label=_("Format"),
                choices=[("", _("Choose a format")), *Outcome.Format.choices],
                required=False,
            )
            self.fields["addresses"] = ModelMultipleChoiceField(
                label=_("Needed competences it addresses"),
                queryset=process.outcomes.filter(kind="competence", competence_status="needed"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        for name in Outcome.DETAIL_FIELDS[kind]:
            self.fields[name] = forms.CharField(
                label=labels[name],
                required=False,
                max_length=DETAIL_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if kind in Outcome.FOLLOW_UP_KINDS:
            self.fields["owner"] = PersonField(
                source="process",
                label=_("Owner"),
                required=False,
                empty_label=_("Nobody chosen"),
            )
            self.fields["owner"].limit_to(
                people_of(process.organisation), organisation=process.organisation
            )
            self.fields["owner_name"] = forms.CharField(
                label=_("…or write who"), max_length=200, required=False
            )
            self.fields["due"] = _date_field(_("By when") if kind == "marker" else _("Date"))
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"), choices=_status_choices(kind), required=False
            )
        if kind == "resource":
            self.fields["amount"] = AmountField(
                label=_("Amount"),
                max_digits=12,
                decimal_places=2,
                min_value=0,
                required=False,
                error_messages={"invalid": _("Write a number, for example 12.500 or 12.500,50.")},
            )
            self.fields["unit"] = forms.ChoiceField(
                label=_("Unit"), choices=Outcome.Unit.choices, initial="DKK"
            )
        if focus in FOCUS_ORDER:
            self.order_fields(FOCUS_ORDER[focus])
        self._tune()

    def clean(self):
        data = super().clean()
        if data.get("owner") and data.get("owner_name"):
            self.add_error("owner_name", _("Choose a person or write a name, not both."))
        if self.kind == "resource" and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Write how much."))
        return data

    def service_fields(self) -> dict:
        """The cleaned data in the shape ``add_outcome`` and ``update_outcome`` take."""
        data = dict(self.cleaned_data)
        text = data.pop("text")
        details = {name: data.pop(name, "") for name in Outcome.DETAIL_FIELDS[self.kind]}
        return {"text": text, "details": details, **data}

    @classmethod
    def initial_for(cls, outcome: Outcome) -> dict:
        initial = {
            "text": outcome.text,
            "competence_status": outcome.competence_status,
            "area": outcome.area_id,
            "format": outcome.format,
            "owner": outcome.owner_id,
            "owner_name": outcome.owner_name,
            "due": outcome.due,
            "status": outcome.status,
            "amount": outcome.amount,
            "unit": outcome.unit,
            **(outcome.details or {}),
        }
        if outcome.kind == "intervention":
            initial["addresses"] = [other.pk for other in outcome.addresses.all()]
        return initial


#: On the intervene cards, the fields a card is about come first.
FOCUS_ORDER = {
    "experiences": ["text", "worked", "did_not_work", "format"],
    "participants": ["text", "participants", "why", "external_partners"],
}

TEXT_LABELS = {
    "challenge": _("The challenge"),
    "desired_practice": _("Desired practice"),
    "competence": _("Competence"),
    "intervention": _("Intervention"),
    "engagement_action": _("What we will do to create engagement"),
    "anchoring_action": _("What we will do to anchor it"),
    "marker": _("Sign of development"),
    "follow_up": _("How we follow up"),
    "resource": _("Resource"),
    "decision": _("Decision"),
    "action": pgettext_lazy("outcome kind", "Action"),
}


class SendPlanForm(DanishErrorsMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the administration (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tune()
