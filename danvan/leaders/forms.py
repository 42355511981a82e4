"""Forms of the leaders' loop: what a person typed is checked here, the rules in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.core.fields import DayField, LongText
from danvan.core.models import Unit, User
from danvan.leaders.directives import RECIPIENT_ROLES, RECIPIENT_UNIT_KINDS
from danvan.leaders.models import Directive


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj}{f' – {obj.position}' if obj.position else ''}"


def recipient_units(commune_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(
        commune_id=commune_id, kind__in=RECIPIENT_UNIT_KINDS, is_active=True
    ).order_by("kind", "name")


def recipient_people(commune_id: int) -> QuerySet[User]:
    """Those who act in the commune (read-only members and administrators answer nothing)."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__role__in=RECIPIENT_ROLES,
            memberships__unit__commune_id=commune_id,
            memberships__unit__is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


class DirectiveForm(forms.Form):
    # Its fields sit on another app's page, beside that page's own forms.
    prefix = "cd"

    kind = forms.ChoiceField(
        label="Loại",
        choices=Directive.Kind.choices,
        initial=Directive.Kind.CHASE,
        widget=forms.RadioSelect,
        error_messages={"required": "Chọn chỉ đạo hoặc đôn đốc.", "invalid_choice": "Chọn lại."},
    )
    to_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Gửi đơn vị",
        required=False,
        empty_label="— không —",
        error_messages={"invalid_choice": "Chọn đơn vị trong danh sách."},
    )
    to_user = PersonChoice(
        queryset=User.objects.none(),
        label="hoặc gửi một người",
        required=False,
        empty_label="— không —",
        error_messages={"invalid_choice": "Chọn người trong danh sách."},
    )
    text = LongText("Nội dung chỉ đạo, đôn đốc", max_length=4000)
    due_on = DayField(label="Hạn trả lời", future=True)

    def __init__(self, *args: Any, commune_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = recipient_units(commune_id)
        self.fields["to_user"].queryset = recipient_people(commune_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, user = data.get("to_unit"), data.get("to_user")
        if "to_unit" in data and "to_user" in data and (unit is None) == (user is None):
            self.add_error("to_unit", "Chọn một đơn vị hoặc một người nhận (không chọn cả hai).")
        return data


class AnswerForm(forms.Form):
    answer = LongText("Nội dung trả lời", max_length=4000, rows=4)


class DecisionForm(forms.Form):
    """The sender's decision on an answer: accept it, or send it back with a comment."""

    decision = forms.ChoiceField(
        choices=[("accept", "Chấp nhận"), ("return", "Trả lại")],
        error_messages={"required": "Chọn chấp nhận hoặc trả lại.", "invalid_choice": "Chọn lại."},
    )
    comment = LongText("Ý kiến (bắt buộc khi trả lại)", required=False, max_length=2000, rows=2)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not data.get("comment"):
            self.add_error("comment", "Khi trả lại, hãy ghi rõ cần trả lời thêm điều gì.")
        return data
