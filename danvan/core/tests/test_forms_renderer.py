"""The form renderer writes in Python exactly what the templates write (core/forms_renderer.py):
the same HTML, the same escaping, for every widget the product uses and for its own forms."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

import danvan
from danvan.core.forms_renderer import FormRenderer, TemplateFormRenderer

HOSTILE = "<script>alert(\"x\")</script> & 'o' 1.234"


class EveryWidget(forms.Form):
    """Each widget kind, with values, labels and help that need escaping."""

    text = forms.CharField(label=HOSTILE, help_text=HOSTILE, max_length=20)
    safe_help = forms.CharField(required=False, help_text=mark_safe("<b>đậm</b>"))
    number = forms.IntegerField(required=False, initial=1234567)
    decimal = forms.DecimalField(required=False, initial="1234.5")
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    password = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput, initial=HOSTILE)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateField(required=False, initial=date(2026, 12, 6))
    agree = forms.BooleanField(required=False, label=gettext_lazy("Đồng ý"))
    checked = forms.BooleanField(required=False, initial=True)
    kind = forms.ChoiceField(
        choices=[("", "— Tất cả —"), ("a", HOSTILE), (3, 3), ("Nhóm", [("b", "B"), ("c", "C")])]
    )
    many = forms.MultipleChoiceField(required=False, choices=[("x", "X"), ("y", "Y & Z")])
    radio = forms.ChoiceField(
        required=False, widget=forms.RadioSelect, choices=[("1", "Một"), ("2", HOSTILE)]
    )
    radio_groups = forms.ChoiceField(
        required=False,
        widget=forms.RadioSelect(attrs={"class": "dv-radios"}),
        choices=[("Nhóm <1>", [("1", "Một")]), ("2", "Hai")],
    )
    boxes = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, choices=[("p", "P"), ("q", "Q")]
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    upload = forms.FileField(required=False, widget=forms.FileInput(attrs={"multiple": False}))
    flags = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"readonly": True, "data-x": HOSTILE})
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("text") == "both":
            raise forms.ValidationError([HOSTILE, "Thứ hai"])
        return data


BOUND = {
    "text": HOSTILE,
    "number": "12x",
    "email": "không phải thư",
    "password": "bí mật",
    "kind": "b",
    "many": ["x", "y"],
    "radio": "2",
    "boxes": ["q"],
    "note": HOSTILE + "\nDòng hai",
    "agree": "on",
    "flags": "1",
}


def both(form: forms.BaseForm) -> tuple[str, str]:
    fast = str(form.render(renderer=FormRenderer()))
    slow = str(form.render(renderer=TemplateFormRenderer()))
    return fast, slow


@pytest.mark.parametrize(
    "data",
    [None, {}, BOUND, {**BOUND, "text": "both"}, {"text": "ok", "kind": "a"}],
    ids=["unbound", "empty", "invalid", "form-errors", "valid"],
)
def test_every_widget_renders_as_its_template_does(data: dict | None) -> None:
    fast, slow = both(EveryWidget(data))
    assert fast == slow
    assert "<script>" not in fast and "&lt;script&gt;" in fast


def test_a_fieldset_and_a_field_group_render_as_templates_do() -> None:
    form = EveryWidget(BOUND)
    for name in ("radio", "boxes", "agree", "text", "note"):
        field = form[name]
        assert field.use_fieldset == (name in ("radio", "boxes"))
        fast = str(field.render(renderer=FormRenderer()))
        slow = str(field.render(renderer=TemplateFormRenderer()))
        assert fast == slow, name


def product_forms() -> list[type[forms.BaseForm]]:
    """Every form class of the product that can be built without arguments."""
    found: dict[str, type[forms.BaseForm]] = {}
    for info in pkgutil.walk_packages(danvan.__path__, "danvan."):
        if ".tests" in info.name or ".migrations" in info.name or not info.name.endswith("forms"):
            continue
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == info.name and name[0] != "_":
                found[f"{info.name}.{name}"] = cls
    return [found[k] for k in sorted(found)]


@pytest.mark.django_db
def test_the_products_forms_render_as_their_templates_do() -> None:
    compared = 0
    for cls in product_forms():
        for data in (None, {}):  # type: ignore[var-annotated]
            try:
                form = cls(data)
            except TypeError:  # needs its page's arguments (a commune, a user...)
                break
            fast, slow = both(form)
            assert fast == slow, cls.__name__
            compared += 1
    assert compared >= 10
