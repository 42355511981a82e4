from django.contrib import admin

from danvan.core.admin import RuleAdmin
from danvan.disclosures.models import Category, Channel


@admin.register(Category)
class CategoryAdmin(RuleAdmin):
    list_display = (
        "number",
        "short_name",
        "permanent",
        "minimum_posting",
        "loudspeaker",
        "review_every_days",
        "source",
    )
    list_editable = ("permanent", "minimum_posting", "loudspeaker", "review_every_days")


@admin.register(Channel)
class ChannelAdmin(RuleAdmin):
    list_display = ("name", "kind", "per_village", "village_head_records", "is_active", "source")
    list_editable = ("is_active",)
