from django.contrib import admin

from danvan.core.admin import CommuneRecordAdmin, RuleAdmin
from danvan.movement.models import Criterion, Field, Practice, RecognitionLevel


@admin.register(Field)
class FieldAdmin(RuleAdmin):
    list_display = ["name", "code", "position", "is_active", "source"]


@admin.register(Criterion)
class CriterionAdmin(RuleAdmin):
    list_display = ["name", "max_points", "applies_to", "position", "is_active", "source"]


@admin.register(RecognitionLevel)
class RecognitionLevelAdmin(RuleAdmin):
    list_display = ["name", "code", "is_commune", "position", "is_active", "source"]


@admin.register(Practice)
class PracticeAdmin(CommuneRecordAdmin):
    list_display = ["name", "commune", "year", "kind", "field", "status", "public"]
    list_filter = ["year", "kind", "status"]
