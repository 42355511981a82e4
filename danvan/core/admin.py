from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from danvan.core.calendar import forget_calendar
from danvan.core.models import AuditEntry, CalendarDay, DeadlineRule, Membership, Unit, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Thông tin cán bộ", {"fields": ("full_name", "position", "phone")}),
    )
    list_display = ["username", "full_name", "position", "email", "is_active"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "commune", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    exclude = ["commune"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"

    def save_model(self, request: HttpRequest, obj: CalendarDay, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        forget_calendar()
        _recompute(self, request, "on_calendar_changed")

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        super().delete_model(request, obj)
        forget_calendar()
        _recompute(self, request, "on_calendar_changed")


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["procedure", "step", "name", "days", "unit", "effective_from", "effective_to"]
    list_filter = ["procedure", "unit"]
    search_fields = ["procedure", "step", "name", "source"]

    def save_model(self, request: HttpRequest, obj: DeadlineRule, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        _recompute(self, request, "on_rules_changed")

    def delete_model(self, request: HttpRequest, obj: DeadlineRule) -> None:
        super().delete_model(request, obj)
        _recompute(self, request, "on_rules_changed")


def _recompute(model_admin: admin.ModelAdmin, request: HttpRequest, hook_name: str) -> None:
    """A changed calendar or rule moves the deadlines of open cases (DESIGN.md): each app with
    deadlines offers the hook on its AppConfig and says how many it recomputed."""
    from django.apps import apps

    for config in apps.get_app_configs():
        hook = getattr(config, hook_name, None)
        if hook:
            n = hook()
            model_admin.message_user(
                request, f"Đã tính lại hạn của {n} việc đang mở ({config.verbose_name})."
            )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_repr", "commune"]
    list_filter = ["action"]
    search_fields = ["object_repr", "action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
