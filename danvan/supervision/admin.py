from django.contrib import admin

from danvan.supervision.models import Board, BoardMember, SubjectKind


class MemberInline(admin.TabularInline):
    model = BoardMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "commune", "term_start", "term_end"]
    list_filter = ["kind"]
    inlines = [MemberInline]


@admin.register(SubjectKind)
class SubjectKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "source", "position"]
