from django.contrib import admin
from django.http import HttpRequest

from danvan.petitions.models import DeadlineRule, HotspotRule
from danvan.petitions.services import petitions_recompute_open


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = [
        "procedure",
        "step",
        "name",
        "days",
        "unit",
        "effective_from",
        "effective_to",
        "source",
    ]
    list_filter = ["procedure", "unit"]
    search_fields = ["procedure", "step", "name", "source"]

    def save_model(self, request: HttpRequest, obj: DeadlineRule, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        n = petitions_recompute_open()
        self.message_user(request, f"Đã tính lại hạn của {n} đơn đang xử lý.")


@admin.register(HotspotRule)
class HotspotRuleAdmin(admin.ModelAdmin):
    list_display = ["commune", "threshold", "window_days"]
