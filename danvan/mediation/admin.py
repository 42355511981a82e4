from django.contrib import admin

from danvan.core.admin import CommuneRecordAdmin, CommuneRecordInline, RuleAdmin
from danvan.mediation.models import MatterKind, MediationTeam, Mediator


class MediatorInline(CommuneRecordInline):
    model = Mediator
    extra = 0


@admin.register(MediationTeam)
class MediationTeamAdmin(CommuneRecordAdmin):
    list_display = ["name", "commune", "village", "decision_number", "decision_date"]
    inlines = [MediatorInline]


@admin.register(MatterKind)
class MatterKindAdmin(RuleAdmin):
    list_display = ["name", "code", "position"]
