from django.contrib import admin

from danvan.core.admin import RuleAdmin
from danvan.ethnic_religious.models import (
    ContactKind,
    EstablishmentKind,
    EthnicGroup,
    Religion,
    Standing,
)


@admin.register(EthnicGroup)
class EthnicGroupAdmin(RuleAdmin):
    list_display = ["code", "name", "other_names", "active", "source"]
    search_fields = ["name", "other_names"]


@admin.register(Religion)
class ReligionAdmin(RuleAdmin):
    list_display = ["name", "code", "is_belief", "position", "active", "source"]


@admin.register(EstablishmentKind, Standing, ContactKind)
class ListedAdmin(RuleAdmin):
    list_display = ["name", "code", "position", "active", "source"]
