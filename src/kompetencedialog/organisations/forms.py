from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kompetencedialog.core.clients import client_address
from kompetencedialog.core.fields import ModelChoiceField, formfield
from kompetencedialog.organisations import services, throttle
from kompetencedialog.organisations.models import Membership, Organisation, User


class LoginForm(AuthenticationForm):
    """E-mail and password, with failed attempts slowed down as ``throttle`` describes."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail or the password is wrong. Try again."),
    }
    throttled = False

    def clean(self):
        email = self.data.get("username", "")
        address = client_address(self.request) if self.request else "unknown"
        wait = throttle.wait_seconds(email, address)
        if wait:
            self.throttled = True
            raise ValidationError(throttle.describe_wait(wait), code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError:
            if throttle.record_failure(email, address):
                services.warn_of_guessing(
                    email=throttle.normalise_email(email), failures=throttle.failures_on(email)
                )
            raise
        throttle.record_success(email, address)
        return cleaned


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, with requests limited per e-mail and per client address (``throttle``)."""

    throttled = False

    def __init__(self, *args, address: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.address = address

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email:
            wait = throttle.take_reset(email, self.address)
            if wait:
                self.throttled = True
                raise ValidationError(throttle.describe_wait(wait), code="throttled")
        return cleaned


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("As the browser says")), *settings.LANGUAGES],
        required=False,
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What it is for, e.g. «Excel report»."),
    )


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        formfield_callback = formfield
        fields = ["name", "kind", "institution_type", "address", "size"]

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [
                (value, label) for value, label in Organisation.Kind.choices if value in kinds
            ]


class MoveForm(forms.Form):
    parent = ModelChoiceField(label=_("Move under"), queryset=Organisation.objects.none())

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents


ROLE_CHOICES = Membership.Role.choices


class AddRoleForm(forms.Form):
    email = forms.EmailField(label=_("The person's e-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    organisation = ModelChoiceField(
        label=_("On"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise ValidationError(
                _("Nobody has an account with this e-mail yet. Send an invitation instead.")
            )
        self.person = person
        return email


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial="staff")
    organisation = ModelChoiceField(
        label=_("On"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or Excel)"),
        help_text=_(
            "Columns: type, navn, under, e-mail, rolle (and for institutions "
            "institutionstype, adresse, størrelse)."
        ),
    )


class NewAccountForm(forms.Form):
    """The account an invited person creates: their name and a password."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    password1 = forms.CharField(
        label=_("Choose a password"), widget=forms.PasswordInput, strip=False
    )
    password2 = forms.CharField(
        label=_("The password again"), widget=forms.PasswordInput, strip=False
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            try:
                password_validation.validate_password(
                    first, User(email=self.email, name=cleaned.get("name", ""))
                )
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned
