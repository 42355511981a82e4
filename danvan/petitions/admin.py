from django.contrib import admin

from danvan.petitions.models import HotspotRule


@admin.register(HotspotRule)
class HotspotRuleAdmin(admin.ModelAdmin):
    list_display = ["commune", "threshold", "window_days"]
