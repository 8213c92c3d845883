from django.contrib import admin

from kompetencedialog.core.models import AccessibilityStatement, AuditEntry


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "updated"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created", "actor_label", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_label", "action"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
