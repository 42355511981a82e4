from django.contrib import admin

from danvan.core.admin import CommuneRecordAdmin, CommuneRecordInline, RuleAdmin
from danvan.plans.models import LegalDocument, Plan, PlanReference


class PlanReferenceInline(CommuneRecordInline):
    model = PlanReference
    extra = 0
    autocomplete_fields = ["document"]


@admin.register(Plan)
class PlanAdmin(CommuneRecordAdmin):
    list_display = ["title", "reference", "year", "commune", "status"]
    list_filter = ["status", "year"]
    search_fields = ["title", "number"]
    inlines = [PlanReferenceInline]
    readonly_fields = ["commune", "issuing_unit", "parent", "status"]


@admin.register(LegalDocument)
class LegalDocumentAdmin(RuleAdmin):
    list_display = ["doc_type", "number", "issued_on", "issuer", "title"]
    list_filter = ["doc_type"]
    search_fields = ["number", "title", "issuer"]
