from django.contrib import admin

from danvan.commendations.models import AwardForm
from danvan.core.admin import RuleAdmin


@admin.register(AwardForm)
class AwardFormAdmin(RuleAdmin):
    """The forms of commendation, each with its source in the law (migration 0002)."""

    list_display = ["name", "code", "issuer", "level", "is_active", "source", "position"]
    list_filter = ["level", "is_active"]
