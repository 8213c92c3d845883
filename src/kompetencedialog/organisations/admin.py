"""The platform administrator's view of people and organisations (Django admin)."""

from django.contrib import admin

from kompetencedialog.organisations.models import Invitation, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "is_active", "is_superuser", "last_login"]
    search_fields = ["email", "name"]
    list_filter = ["is_active", "is_superuser"]
    fields = ["email", "name", "language", "is_active", "is_staff", "is_superuser"]
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "path"]
    list_filter = ["kind"]
    search_fields = ["name"]

    def get_readonly_fields(self, request, obj=None):
        # Moving changes the whole subtree's paths: the organisation's own "Move" page does it.
        return ["parent"] if obj is not None else []


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "organisation", "created", "expires", "accepted"]
    search_fields = ["email"]
    readonly_fields = [field.name for field in Invitation._meta.fields]
