"""Forms of the mediation pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.core.fields import DayField, LongText, Text
from danvan.core.models import Unit
from danvan.mediation.models import MatterKind, MediationCase, MediationTeam, Mediator


def _villages(commune_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(commune_id=commune_id, kind=Unit.Kind.VILLAGE, is_active=True)


class TeamForm(forms.Form):
    name = Text(
        label="Tên tổ hòa giải", max_length=200, help_text="Ví dụ: Tổ hòa giải thôn Đoàn Kết."
    )
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn, tổ dân phố",
        error_messages={"invalid_choice": "Chọn thôn của xã trong danh sách."},
    )
    decision_number = Text(label="Số quyết định công nhận", max_length=60, required=False)
    decision_date = DayField(label="Ngày quyết định công nhận", required=False)

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages(commune.pk)


class MediatorForm(forms.Form):
    full_name = Text(label="Họ và tên", max_length=120)
    role = forms.ChoiceField(label="Vai trò", choices=Mediator.Role.choices)
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn (để trống: thôn của tổ)",
        required=False,
        error_messages={"invalid_choice": "Chọn thôn của xã trong danh sách."},
    )
    recognised_on = DayField(label="Ngày được công nhận", required=False)

    def __init__(self, *args: Any, team: MediationTeam, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages(team.commune_id)


class MediatorChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.get_role_display()}, {obj.team.name})"


class CaseForm(forms.Form):
    team = forms.ModelChoiceField(
        queryset=MediationTeam.objects.none(),
        label="Tổ hòa giải",
        error_messages={"invalid_choice": "Chọn tổ hòa giải trong danh sách."},
    )
    received_on = DayField(label="Ngày nhận vụ, việc")
    assigned_on = DayField(
        label="Ngày phân công hòa giải viên",
        required=False,
        help_text="Để trống nếu phân công ngay ngày nhận. Hạn bắt đầu hòa giải tính từ ngày này.",
    )
    mediators = MediatorChoice(
        queryset=Mediator.objects.none(),
        label="Hòa giải viên được phân công",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Chọn ít nhất một hòa giải viên.",
            "invalid_choice": "Chọn hòa giải viên trong danh sách.",
            "invalid_pk_value": "Chọn hòa giải viên trong danh sách.",
        },
    )
    parties = LongText("Các bên (họ tên, tuổi, địa chỉ)", rows=3, max_length=2000)
    matter = forms.ModelChoiceField(
        queryset=MatterKind.objects.all(),
        label="Loại vụ, việc",
        error_messages={"invalid_choice": "Chọn loại vụ, việc trong danh sách."},
    )
    summary = LongText("Nội dung chủ yếu của vụ, việc", rows=4)

    def __init__(self, *args: Any, teams: QuerySet[MediationTeam], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        ids = list(teams.values_list("pk", flat=True))
        if len(ids) == 1:
            self.fields["team"].initial = ids[0]
        self.fields["mediators"].queryset = Mediator.objects.filter(
            team_id__in=ids, active=True
        ).select_related("team")


class StartForm(forms.Form):
    started_on = DayField(label="Ngày bắt đầu hòa giải")
    start_note = Text(
        label="Lý do bắt đầu sau hạn (nếu có)",
        max_length=300,
        required=False,
        help_text="Ví dụ: các bên thỏa thuận thời gian hòa giải khác.",
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Kết quả",
        choices=[c for c in MediationCase.Outcome.choices if c[0] != "pending"],
        error_messages={"invalid_choice": "Chọn kết quả trong danh sách."},
    )
    outcome_on = DayField(label="Ngày có kết quả")
    agreement = LongText(
        "Thỏa thuận của các bên (hoặc yêu cầu của mỗi bên)", rows=3, required=False
    )
    referred_to = Text(
        label="Chuyển đến cơ quan (nếu chuyển cơ quan có thẩm quyền)",
        max_length=200,
        required=False,
    )


class KeptForm(forms.Form):
    agreement_kept = forms.ChoiceField(
        label="Việc thực hiện thỏa thuận",
        choices=MediationCase.Kept.choices,
        error_messages={"invalid_choice": "Chọn kết quả kiểm tra trong danh sách."},
    )
    kept_checked_on = DayField(label="Ngày kiểm tra")
    kept_note = Text(label="Ghi chú", max_length=300, required=False)


class LinkForm(forms.Form):
    code = Text(
        label="Số đơn trong sổ đơn thư (số/năm)",
        max_length=20,
        help_text="Vụ, việc đã hòa giải nay được gửi thành đơn: nhập số đơn, ví dụ 15/2026.",
    )
