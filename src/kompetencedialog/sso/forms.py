from django import forms
from django.utils.translation import gettext_lazy as _

from kompetencedialog.core.fields import ModelChoiceField
from kompetencedialog.organisations.models import Membership, Organisation
from kompetencedialog.sso.models import RoleMapping


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class RoleMappingForm(forms.Form):
    claim_value = forms.CharField(
        label=_("Claim value"),
        max_length=500,
        help_text=_(
            "A group id or a job-function role, exactly as the identity provider sends it."
        ),
    )
    organisation = ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.STAFF
    )

    def __init__(self, *args, identity_provider, **kwargs):
        super().__init__(*args, **kwargs)
        self.identity_provider = identity_provider
        # Only the provider's own tree can be chosen; services.apply_role_mappings checks again.
        field = self.fields["organisation"]
        field.queryset = identity_provider.organisation.subtree()
        top_depth = identity_provider.organisation.depth
        field.label_from_instance = lambda org: "\N{EN DASH} " * (org.depth - top_depth) + org.name

    def clean(self):
        data = super().clean()
        if (
            data.get("organisation")
            and data.get("role")
            and RoleMapping.objects.filter(
                identity_provider=self.identity_provider,
                claim_value=data.get("claim_value", "").strip(),
                organisation=data["organisation"],
                role=data["role"],
            ).exists()
        ):
            raise forms.ValidationError(_("This mapping exists already."))
        return data
