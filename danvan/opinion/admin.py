from django.contrib import admin

from danvan.core.admin import RuleAdmin
from danvan.opinion.models import OpinionTopic, SourceKind


@admin.register(OpinionTopic)
class OpinionTopicAdmin(RuleAdmin):
    list_display = ["name", "code", "petition_topic", "position", "source"]


@admin.register(SourceKind)
class SourceKindAdmin(RuleAdmin):
    list_display = ["name", "code", "position", "source"]
