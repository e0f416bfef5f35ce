"""The Django admin: where an admin manages services, people and, when asked, deletes a
service's returns (their files go with them, see ``signals``)."""

from django.contrib import admin

from tracker_tool.portal.models import Access, ApiToken, Period, Profile, Return, Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "provider", "location_id", "contact", "kinds")
    search_fields = ("name", "provider", "location_id")


@admin.register(Return)
class ReturnAdmin(admin.ModelAdmin):
    list_display = ("service", "kind", "period", "uploaded_at", "late", "errors", "warnings")
    list_filter = ("service", "period", "kind")
    exclude = ("report",)
    readonly_fields = ("service", "period", "kind", "sha256", "file_name", "size",
                       "uploaded_by", "as_of", "late", "rows", "errors", "warnings",
                       "escalations_due", "previous")


admin.site.register(Profile)


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    """Saving a window here settles who was late by its deadline, as its page does."""

    list_display = ("name", "opens", "deadline", "closed")
    list_editable = ("deadline", "closed")
    list_filter = ("closed",)


admin.site.register(Access, list_display=("at", "user", "the_return", "what"))
admin.site.register(ApiToken, list_display=("user", "created", "last_used"),
                    exclude=("digest",))
