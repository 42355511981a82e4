from django.contrib import admin

from danvan.core.admin import RuleAdmin
from danvan.scorecard.models import Criterion, GradeBand, Scorecard


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["position", "code", "parent", "text", "kind", "max_points", "evidence_hint"]


class GradeBandInline(admin.TabularInline):
    model = GradeBand
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(RuleAdmin):
    """The province's criteria: the operator keeps them (every commune of the province applies
    them); a submitted assessment keeps its own copy, so a change here rewrites none."""

    list_display = ["name", "issuer", "number", "from_year", "until_year", "verified"]
    inlines = [GradeBandInline, CriterionInline]
