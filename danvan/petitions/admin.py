from django.contrib import admin

from danvan.core.admin import CommuneRecordAdmin, RuleAdmin
from danvan.petitions.models import HotspotRule, LawRule


@admin.register(HotspotRule)
class HotspotRuleAdmin(CommuneRecordAdmin):
    list_display = ["commune", "threshold", "window_days"]


@admin.register(LawRule)
class LawRuleAdmin(RuleAdmin):
    """The reception and complaint rules (not time limits: those are core's DeadlineRule)."""

    list_display = [
        "code",
        "number",
        "body",
        "verified",
        "effective_from",
        "effective_to",
        "source",
    ]
    list_filter = ["code", "verified"]
