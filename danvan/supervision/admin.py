from django.contrib import admin

from danvan.core.admin import CommuneRecordAdmin, CommuneRecordInline, RuleAdmin
from danvan.supervision.models import Board, BoardMember, SubjectKind


class MemberInline(CommuneRecordInline):
    model = BoardMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Board)
class BoardAdmin(CommuneRecordAdmin):
    list_display = ["name", "kind", "commune", "term_start", "term_end"]
    list_filter = ["kind"]
    inlines = [MemberInline]


@admin.register(SubjectKind)
class SubjectKindAdmin(RuleAdmin):
    list_display = ["name", "code", "source", "position"]
