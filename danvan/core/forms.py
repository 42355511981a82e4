from django import forms
from django.contrib.auth.forms import AuthenticationForm

from danvan.core.fields import DayField
from danvan.core.models import NotificationPreference


class LoginForm(AuthenticationForm):
    """Django's login form with Vietnamese labels and messages."""

    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa.",
    }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"


class LawDayForm(forms.Form):
    """The day whose rules the law page shows (a past or a future day: rules carry dates)."""

    ngay = DayField(label="Áp dụng vào ngày", required=False, future=True)


class AuditPeriodForm(forms.Form):
    """The period of the audit log an inspector asks for (the export page)."""

    tu = DayField(label="Từ ngày")
    den = DayField(label="Đến ngày")

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("tu") and data.get("den") and data["den"] < data["tu"]:
            self.add_error("den", "Ngày kết thúc phải từ ngày bắt đầu trở đi.")
        return data


class NotificationPreferenceForm(forms.Form):
    """How one person receives notifications by e-mail (the page "Cài đặt thông báo")."""

    email = forms.ChoiceField(
        label="Nhận thông báo qua e-mail",
        choices=NotificationPreference.Email.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Hãy chọn một cách nhận thông báo.",
            "invalid_choice": "Lựa chọn không hợp lệ: hãy chọn một trong các cách dưới đây.",
        },
    )
