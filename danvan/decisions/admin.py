from django.contrib import admin

from danvan.core.admin import RuleAdmin
from danvan.decisions.models import MatterItem


@admin.register(MatterItem)
class MatterItemAdmin(RuleAdmin):
    """The items of Điều 15 and their rules: a legal officer's reference data."""

    list_display = (
        "number",
        "short_name",
        "threshold_text",
        "commune_wide_rule",
        "meeting_required",
        "online_allowed",
        "recognizer",
        "threshold_source",
    )
    ordering = ("number",)
