from django.contrib import admin

from danvan.consultations.models import Channel, Matter
from danvan.core.admin import RuleAdmin


@admin.register(Matter)
class MatterAdmin(RuleAdmin):
    list_display = ["item", "name", "source", "order", "is_active"]
    list_editable = ["order", "is_active"]
    ordering = ["order", "pk"]


@admin.register(Channel)
class ChannelAdmin(RuleAdmin):
    """The forms of Điều 26: a form in use cannot be deleted, only set inactive."""

    list_display = ["point", "name", "code", "source", "only_for", "order", "is_active"]
    list_editable = ["order", "is_active"]
    ordering = ["order", "pk"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Comments refer to a form by its code: the code of a saved form never changes.
        return ["code"] if obj is not None else []
