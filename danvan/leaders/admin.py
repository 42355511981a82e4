from django.contrib import admin

from danvan.core.admin import RuleAdmin
from danvan.leaders.models import ReportingPeriod


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(RuleAdmin):
    """The cut-off dates of the periodic report (Nghị định 09/2019/NĐ-CP, Điều 12): the
    operator changes them for every commune; a report keeps the dates it was created with."""

    list_display = ["kind", "describe", "effective_from", "effective_to", "source"]
    list_filter = ["kind"]
