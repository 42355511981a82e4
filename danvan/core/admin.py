"""The admin site (/quan-tri/): who sees and changes what (docs/permissions.md, "Quản trị").

- A commune's administrator (role ADMIN in the commune, `is_staff`, not a superuser) sees and
  changes the people, roles and units of his own commune(s) only, reads the rules of law and
  the calendar, and the records of his commune registered here (plans, boards…). Django's own
  model permissions are not used: every admin below says who may do what (`has_*_permission`).
- The platform's operator (a superuser, without any membership) keeps the units and accounts
  of every commune and the tables of rules that every commune applies (time limits, the
  calendar, the law's lists); he sees no commune's records (`CommuneRecordAdmin`), so no
  citizen's personal data, and core.access gives him nothing either.
- Nobody changes his own roles or rights; every change of a role or a right goes through
  core.roles: logged, and told to the commune's leaders.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BLANK_CHOICE_DASH, Model, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from danvan.core import apikeys, roles
from danvan.core.calendar import forget_calendar
from danvan.core.models import (
    ApiKey,
    AuditEntry,
    CalendarDay,
    DeadlineRule,
    Membership,
    Role,
    Unit,
    User,
)


def operator(request: HttpRequest) -> bool:
    """The platform's operator: a superuser."""
    return bool(getattr(request.user, "is_superuser", False))


def administered(request: HttpRequest) -> set[int]:
    """The communes the signed-in person administers (role ADMIN there)."""
    if not request.user.is_authenticated:
        return set()
    return roles.administered_communes(request.user)  # type: ignore[arg-type]


def administered_users(request: HttpRequest) -> QuerySet[User]:
    """The accounts a commune's administrator sees: those holding a role in his commune(s),
    the operator's excepted; every account for the operator."""
    if operator(request):
        return User.objects.all()
    seats = Membership.objects.filter(unit__commune_id__in=administered(request))
    return User.objects.filter(pk__in=seats.values("user_id"), is_superuser=False)


class RuleAdmin(admin.ModelAdmin):
    """A table every commune applies (the law as data, the calendar): the operator changes it,
    a commune's administrator reads it (a change would change every other commune too)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return operator(request) or bool(administered(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return operator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return operator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return operator(request)


class CommuneRecordAdmin(admin.ModelAdmin):
    """Records of one commune (a `commune` field): seen and changed by its administrators only.
    The operator sees none of them: they name people. Created and deleted in the app, where
    each step is checked and logged, never here."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(commune_id__in=administered(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(administered(request))

    def _mine(self, request: HttpRequest, obj: Any) -> bool:
        communes = administered(request)
        return bool(communes) and (obj is None or obj.commune_id in communes)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._mine(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._mine(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.remote_field.model is User:
            kwargs["queryset"] = administered_users(request)
        elif db_field.remote_field.model is Unit:
            kwargs["queryset"] = Unit.objects.filter(commune_id__in=administered(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CommuneRecordInline(admin.TabularInline):
    """The rows inside a commune's record (`CommuneRecordAdmin`): as the record."""

    def _mine(self, request: HttpRequest, obj: Any) -> bool:
        communes = administered(request)
        return bool(communes) and (obj is None or obj.commune_id in communes)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._mine(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._mine(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._mine(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._mine(request, obj)

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.remote_field.model is User:
            kwargs["queryset"] = administered_users(request)
        elif db_field.remote_field.model is Unit:
            kwargs["queryset"] = Unit.objects.filter(commune_id__in=administered(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --- people and their roles -------------------------------------------------------------------


class MembershipFormSet(BaseInlineFormSet):
    """A person's roles: each added, changed or removed row is asked of core.roles before
    anything is saved, so a refusal is shown on the page (also for a crafted POST)."""

    by: User

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        user: User = self.instance
        kept = 0
        for form in self.forms:
            deleting = self.can_delete and self._should_delete_form(form)  # type: ignore[attr-defined]
            if not deleting and not form.has_changed():
                kept += bool(form.instance.pk)
                continue
            before = Unit.objects.filter(pk=form.initial.get("unit")).first()
            after = None if deleting else form.cleaned_data.get("unit")
            units = [u for u in (before, after) if u is not None]
            role = None if deleting else form.cleaned_data.get("role")
            reason = roles.membership_refusal(by=self.by, user=user, units=units, role=role)
            if reason:
                raise ValidationError(reason)
            kept += not deleting
        if user.pk is None and not kept and not self.by.is_superuser:
            raise ValidationError(
                "Hãy giao cho người dùng mới ít nhất một vai trò tại một đơn vị của xã."
            )


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 1
    autocomplete_fields = ["unit"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        rows = super().get_queryset(request)
        if operator(request):
            return rows
        return rows.filter(unit__commune_id__in=administered(request))

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        formset.by = request.user  # type: ignore[attr-defined]
        return formset

    def _allowed(self, request: HttpRequest) -> bool:
        return operator(request) or bool(administered(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.name == "unit" and not operator(request):
            kwargs["queryset"] = Unit.objects.filter(
                commune_id__in=administered(request), is_active=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.TypedChoiceField | None:
        if db_field.name == "role" and not operator(request):
            kwargs["choices"] = BLANK_CHOICE_DASH + [
                c for c in Role.choices if c[0] != Role.PROVINCE_VIEWER
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


GUARDED = (*roles.RIGHTS, "groups", "user_permissions")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Thông tin cán bộ", {"fields": ("full_name", "position", "phone")}),
    )
    list_display = ["username", "full_name", "position", "email", "is_active"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).filter(pk__in=administered_users(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return operator(request) or bool(administered(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """A commune's administrator changes the accounts that hold roles in his commune(s)
        only: one who also holds a role elsewhere (a province viewer, another commune) is the
        operator's to change."""
        if operator(request) or obj is None:
            return self.has_module_permission(request)
        if obj.is_superuser:
            return False
        communes = administered(request)
        units = Unit.objects.filter(memberships__user=obj)
        return bool(communes) and all(u.commune_id in communes for u in units)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An account is closed (is_active), never deleted: its name stays on what it did.
        return False

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if operator(request) or obj is None:
            return fieldsets
        hidden = {"is_superuser", "groups", "user_permissions"}
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]})
            for name, opts in fieldsets
        ]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        by: User = request.user  # type: ignore[assignment]

        class Guarded(form):  # type: ignore[valid-type,misc]
            """Refuses a change of rights the person may not make (his own, above all)."""

            def clean(self) -> dict[str, Any]:
                cleaned: dict[str, Any] = super().clean()
                if self.instance.pk is not None:
                    changed = set(self.changed_data) & set(GUARDED)
                    reason = roles.account_refusal(by=by, user=self.instance, changed=changed)
                    if reason:
                        raise ValidationError(reason)
                return cleaned

        return Guarded

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change:
            changes = {
                f: [form.initial.get(f), form.cleaned_data[f]]
                for f in roles.RIGHTS
                if f in form.changed_data
            }
            roles.account_changed(user=obj, by=request.user, changes=changes)  # type: ignore[arg-type]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        by: User = request.user  # type: ignore[assignment]
        formset.save(commit=False)
        for m in formset.deleted_objects:
            roles.membership_remove(membership=m, by=by)
        for m, _ in formset.changed_objects:
            roles.membership_change(membership=m, unit=m.unit, role=m.role, by=by)
        for m in formset.new_objects:
            roles.membership_add(user=form.instance, unit=m.unit, role=m.role, by=by)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        """A password set by somebody else is told to the commune's leaders, as a role is."""
        user = self.get_object(request, unquote(id))
        before = user.password if user else None
        response = super().user_change_password(request, id, form_url)
        if user is not None and request.method == "POST" and user.pk != request.user.pk:
            user.refresh_from_db(fields=["password"])
            if user.password != before:
                by: User = request.user  # type: ignore[assignment]
                roles.account_changed(user=user, by=by, changes={"password": "đặt lại"})
        return response


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Units: the operator's for every commune; a commune's administrator adds and changes the
    offices, organisations and villages of his commune, and reads the commune itself."""

    list_display = ["name", "kind", "code", "commune", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    exclude = ["commune"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Unit]:
        units = super().get_queryset(request)
        return units if operator(request) else units.filter(commune_id__in=administered(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return operator(request) or bool(administered(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if operator(request) or obj is None:
            return self.has_module_permission(request)
        return obj.commune_id in administered(request) and obj.kind not in _TOP

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A unit is closed (is_active), never deleted: its people's roles would go with it.
        return False

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.name == "parent" and not operator(request):
            kwargs["queryset"] = Unit.objects.filter(commune_id__in=administered(request))
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.TypedChoiceField | None:
        if db_field.name == "kind" and not operator(request):
            kwargs["choices"] = BLANK_CHOICE_DASH + [
                c for c in Unit.Kind.choices if c[0] not in _TOP
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Who reads every petition (the office that receives them) and whose roles count (an
        # active unit) are rights too: told to the leaders as a role is.
        changes: dict[str, list[Any]] = {
            f: [form.initial.get(f), form.cleaned_data[f]]
            for f in ("receives_petitions", "is_active")
            if change and f in form.changed_data
        }
        if not change and obj.receives_petitions:
            changes["receives_petitions"] = [None, True]
        roles.unit_changed(unit=obj, by=request.user, changes=changes)  # type: ignore[arg-type]


_TOP = (Unit.Kind.PROVINCE, Unit.Kind.COMMUNE)


# --- the tables every commune applies ---------------------------------------------------------


@admin.register(CalendarDay)
class CalendarDayAdmin(RuleAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"

    def save_model(self, request: HttpRequest, obj: CalendarDay, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        forget_calendar()
        _recompute(self, request, "on_calendar_changed")

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        super().delete_model(request, obj)
        forget_calendar()
        _recompute(self, request, "on_calendar_changed")


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(RuleAdmin):
    list_display = ["procedure", "step", "name", "days", "unit", "effective_from", "effective_to"]
    list_filter = ["procedure", "unit"]
    search_fields = ["procedure", "step", "name", "source"]

    def save_model(self, request: HttpRequest, obj: DeadlineRule, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        _recompute(self, request, "on_rules_changed")

    def delete_model(self, request: HttpRequest, obj: DeadlineRule) -> None:
        super().delete_model(request, obj)
        _recompute(self, request, "on_rules_changed")


def _recompute(model_admin: admin.ModelAdmin, request: HttpRequest, hook_name: str) -> None:
    """A changed calendar or rule moves the deadlines of open cases (DESIGN.md): each app with
    deadlines offers the hook on its AppConfig and says how many it recomputed."""
    from django.apps import apps

    for config in apps.get_app_configs():
        hook = getattr(config, hook_name, None)
        if hook:
            n = hook()
            model_admin.message_user(
                request, f"Đã tính lại hạn của {n} việc đang mở ({config.verbose_name})."
            )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The log, read-only: a commune's administrator reads his commune's entries; the operator
    only those of no commune (a commune's entries describe its cases and people)."""

    list_display = ["created_at", "actor", "action", "object_repr", "commune"]
    list_filter = ["action"]
    search_fields = ["object_repr", "action"]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        entries = super().get_queryset(request)
        if operator(request):
            return entries.filter(commune__isnull=True)
        return entries.filter(commune_id__in=administered(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return operator(request) or bool(administered(request))

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ApiKeyForm(forms.ModelForm):
    class Meta:
        model = ApiKey
        fields = ["name", "unit", "can_write"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys of other systems (core/apikeys.py), scoped as roles are (core/roles.py): a commune's
    administrator issues, reads and revokes the keys of his commune(s); a province's key, like
    the province viewer's role, is the operator's, who sees every key. A key is shown once, when
    issued; it is never changed, only revoked (kept with its history)."""

    form = ApiKeyForm
    list_display = [
        "prefix",
        "name",
        "unit",
        "can_write",
        "created_at",
        "last_used_at",
        "uses",
        "revoked_at",
    ]
    list_filter = ["can_write"]
    search_fields = ["name", "prefix"]
    actions = ["revoke"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiKey]:
        keys = super().get_queryset(request).select_related("unit")
        if operator(request):
            return keys
        return keys.filter(unit_id__in=administered(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return operator(request) or bool(administered(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not operator(request):
            return obj.unit_id in administered(request)
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        return [
            "name",
            "unit",
            "can_write",
            "prefix",
            "created_by",
            "created_at",
            "last_used_at",
            "uses",
            "revoked_at",
            "revoked_by",
        ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return (
            ["name", "unit", "can_write"] if obj is None else self.get_readonly_fields(request, obj)
        )

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.name == "unit":
            if operator(request):
                kinds = [Unit.Kind.COMMUNE, Unit.Kind.PROVINCE]
                kwargs["queryset"] = Unit.objects.filter(kind__in=kinds, is_active=True)
            else:
                kwargs["queryset"] = Unit.objects.filter(
                    kind=Unit.Kind.COMMUNE, pk__in=administered(request), is_active=True
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        if change:  # never: has_change_permission is False
            raise PermissionDenied
        if not operator(request) and obj.unit_id not in administered(request):
            raise PermissionDenied
        key, raw = apikeys.issue(
            name=obj.name,
            unit=obj.unit,
            can_write=obj.can_write,
            by=request.user,  # type: ignore[arg-type]
        )
        obj.__dict__.update(
            {f.attname: getattr(key, f.attname) for f in ApiKey._meta.concrete_fields}
        )
        obj._state.adding = False
        messages.warning(
            request,
            f"Khóa API (chỉ hiện một lần, hãy chép và chuyển ngay cho hệ thống “{key.name}” "
            f"qua kênh an toàn): {raw}",
        )

    @admin.action(description="Thu hồi các khóa API đã chọn")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        done = 0
        for key in queryset.filter(revoked_at__isnull=True):
            apikeys.revoke(key, by=request.user)  # type: ignore[arg-type]
            done += 1
        messages.success(request, f"Đã thu hồi {done} khóa API.")
