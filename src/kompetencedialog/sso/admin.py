from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from kompetencedialog.core.audit import log_action
from kompetencedialog.sso import checks
from kompetencedialog.sso.models import ExternalIdentity, IdentityProvider, RoleMapping


class RoleMappingInline(admin.TabularInline):
    model = RoleMapping
    extra = 0
    autocomplete_fields = ()
    raw_id_fields = ("organisation",)


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    list_display = ("organisation", "name", "protocol", "enabled", "passwords_disabled")
    list_filter = ("protocol", "enabled", "passwords_disabled")
    inlines = [RoleMappingInline]
    actions = ["test_connection"]
    fieldsets = [
        (
            None,
            {
                "fields": (
                    "organisation",
                    "name",
                    "protocol",
                    "enabled",
                    "passwords_disabled",
                    "email_domains",
                )
            },
        ),
        (
            _("OpenID Connect"),
            {
                "fields": (
                    "oidc_issuer",
                    "oidc_client_id",
                    "oidc_client_secret",
                    "oidc_scopes",
                    "oidc_claim_email",
                    "oidc_claim_name",
                    "oidc_claim_roles",
                )
            },
        ),
        (
            _("SAML 2.0"),
            {
                "fields": (
                    "saml_metadata_url",
                    "saml_metadata_xml",
                    "saml_sp_entity_id",
                    "saml_sp_certificate",
                    "saml_sp_private_key",
                    "saml_attribute_email",
                    "saml_attribute_name",
                    "saml_attribute_roles",
                )
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        log_action(
            request.user,
            "sso.provider.changed" if change else "sso.provider.created",
            obj,
            {
                "fields": sorted(
                    f for f in form.changed_data if "secret" not in f and "key" not in f
                )
            },
        )

    @admin.action(description=_("Test the connection"))
    def test_connection(self, request, queryset):
        for idp in queryset:
            for check in checks.run(idp):
                self.message_user(
                    request,
                    f"{idp}: {check.label}" + (f" ({check.detail})" if check.detail else ""),
                    messages.SUCCESS if check.ok else messages.ERROR,
                )


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    list_display = ("user", "identity_provider", "subject", "last_login")
    list_select_related = ("user", "identity_provider__organisation")
    raw_id_fields = ("user",)
