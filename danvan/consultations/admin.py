from django.contrib import admin

from danvan.consultations.models import Matter


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ["item", "name", "source", "order", "is_active"]
    list_editable = ["order", "is_active"]
    ordering = ["order", "pk"]
