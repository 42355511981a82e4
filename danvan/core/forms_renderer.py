"""How every form renders: our field layout (labels, help, errors, accessible) and Django's widgets,
written out in Python rather than through a template per widget and per option.

A filter form of six selects rendered through templates costs about a quarter of a list page's
time (every `<option>` is one template render, every attribute one lookup). Each function below
writes exactly what the template of the same name writes (Django's widget templates, our
`forms/div.html` and `forms/field.html` layout), with the same escaping:
`core/tests/test_forms_renderer.py` renders every form of the product both ways and compares.
A template name not listed here (a widget of a library, a form's own template) is rendered by
its template as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

W = "django/forms/widgets/"


def _out(value: Any) -> str:
    """`{{ value }}`: localized unless text, escaped unless marked safe."""
    return conditional_escape(value if isinstance(value, str) else localize(value))


def _attrs(attrs: Mapping[str, Any]) -> str:
    """django/forms/widgets/attrs.html"""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {_out(name)}")
        else:
            out.append(f' {_out(name)}="{escape(value)}"')
    return "".join(out)


def _input(w: Mapping[str, Any]) -> str:
    """django/forms/widgets/input.html"""
    value = "" if w["value"] is None else f' value="{escape(w["value"])}"'
    return f'<input type="{_out(w["type"])}" name="{_out(w["name"])}"{value}{_attrs(w["attrs"])}>\n'


def _option(renderer: FormRenderer, option: Mapping[str, Any]) -> str:
    """`{% include option.template_name with widget=option %}` (an include is not stripped)"""
    name, context = option["template_name"], {"widget": option}
    fast = FAST.get(name)
    if fast:
        return fast(renderer, context)
    return str(renderer.get_template(name).render(context))  # type: ignore[union-attr, arg-type]


def _select(renderer: FormRenderer, w: Mapping[str, Any]) -> str:
    """django/forms/widgets/select.html"""
    out = [f'<select name="{_out(w["name"])}"{_attrs(w["attrs"])}>']
    for group, options, _index in w["optgroups"]:
        if group:
            out.append(f'\n  <optgroup label="{_out(group)}">')
        out.extend(f"\n  {_option(renderer, option)}" for option in options)
        if group:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _select_option(w: Mapping[str, Any]) -> str:
    """django/forms/widgets/select_option.html"""
    return f'<option value="{escape(w["value"])}"{_attrs(w["attrs"])}>{_out(w["label"])}</option>\n'


def _textarea(w: Mapping[str, Any]) -> str:
    """django/forms/widgets/textarea.html"""
    value = _out(w["value"]) if w["value"] else ""
    return f'<textarea name="{_out(w["name"])}"{_attrs(w["attrs"])}>\n{value}</textarea>\n'


def _multiple_input(renderer: FormRenderer, w: Mapping[str, Any]) -> str:
    """django/forms/widgets/multiple_input.html (radio buttons, checkboxes)"""
    ident, css = w["attrs"].get("id"), w["attrs"].get("class")
    out = ["<div", f' id="{_out(ident)}"' if ident else "", f' class="{_out(css)}"' if css else ""]
    out.append(">")
    for group, options, _index in w["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{_out(group)}</label>")
        out.extend(f"<div>\n    {_option(renderer, option)}</div>" for option in options)
        if group:
            out.append("\n  </div>")
    out.append("\n</div>\n")
    return "".join(out)


def _input_option(w: Mapping[str, Any]) -> str:
    """django/forms/widgets/input_option.html"""
    if not w["wrap_label"]:
        return _input(w) + "\n"
    ident = w["attrs"].get("id")
    label_for = f' for="{_out(ident)}"' if ident else ""
    return f"<label{label_for}>{_input(w)} {_out(w['label'])}</label>\n"


def _field(field: Any) -> str:
    """forms/field.html: our field layout (label, required mark, help, errors)."""
    errors, checkbox = field.errors, field.widget_type == "checkbox"
    required = ' <span class="dv-req" aria-hidden="true">*</span>' if field.field.required else ""
    css = "dv-field" + (" has-error" if errors else "") + (" dv-check" if checkbox else "")
    label = _out(field.label)
    if checkbox:
        body = f'{field} <label for="{_out(field.id_for_label)}">{label}</label>'
    elif field.use_fieldset:
        body = f"<fieldset><legend>{label}{required}</legend>{field}</fieldset>"
    else:
        body = f'<label for="{_out(field.id_for_label)}">{label}{required}</label>{field}'
    out = [f'<div class="{css}">\n', body, "\n"]
    if field.help_text:
        out.append(
            f'<div class="form-text" id="{_out(field.auto_id)}_helptext">'
            f"{_out(field.help_text)}</div>"
        )
    out.append("\n")
    if errors:
        shown = "".join(f"<div>{_out(e)}</div>" for e in errors)
        out.append(f'<div class="dv-error" id="{_out(field.auto_id)}_error">{shown}</div>')
    out.append("\n</div>\n")
    return "".join(out)


def _form(c: Mapping[str, Any]) -> str:
    """forms/div.html: the form's errors on top, then each field in our layout."""
    out = []
    if c["form"].errors:
        errors = c["errors"]
        said = (
            "".join(f"<div>{_out(e)}</div>" for e in errors)
            if errors
            else _out(_("Chưa lưu được: vui lòng sửa các mục được đánh dấu bên dưới."))
        )
        out.append(f'<div class="alert alert-danger" role="alert">{said}</div>')
    out.append("\n")
    out.extend(_out(field.as_field_group()) for field, _errors in c["fields"])
    out.append("\n")
    out.extend(_out(field) for field in c["hidden_fields"])
    out.append("\n")
    return "".join(out)


def _as_input(name: str) -> tuple[str, Callable[[FormRenderer, Mapping[str, Any]], str]]:
    # Django's input templates each include input.html, and add their own closing newline.
    return f"{W}{name}.html", lambda r, c: _input(c["widget"]) + "\n"


INPUTS = ("text", "number", "email", "url", "password", "hidden", "date", "datetime", "time",
          "checkbox", "search", "tel", "color", "file")  # fmt: skip

FAST: dict[str, Callable[[FormRenderer, Mapping[str, Any]], str]] = {
    **dict(_as_input(name) for name in INPUTS),
    f"{W}input.html": lambda r, c: _input(c["widget"]),
    f"{W}select.html": lambda r, c: _select(r, c["widget"]),
    f"{W}select_option.html": lambda r, c: _select_option(c["widget"]),
    f"{W}textarea.html": lambda r, c: _textarea(c["widget"]),
    f"{W}radio.html": lambda r, c: _multiple_input(r, c["widget"]) + "\n",
    f"{W}checkbox_select.html": lambda r, c: _multiple_input(r, c["widget"]) + "\n",
    f"{W}radio_option.html": lambda r, c: _input_option(c["widget"]) + "\n",
    f"{W}checkbox_option.html": lambda r, c: _input_option(c["widget"]) + "\n",
    "forms/field.html": lambda r, c: _field(c["field"]),
    "forms/div.html": lambda r, c: _form(c),
}


class FormRenderer(TemplatesSetting):
    """Every form renders in our layout; the common widgets without a template each."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        fast = FAST.get(template_name)
        if fast is None:
            return super().render(template_name, context, request=request)
        # As BaseRenderer.render, which strips what the template wrote.
        return mark_safe(fast(self, context).strip())


class TemplateFormRenderer(TemplatesSetting):
    """The same layout through the templates alone: what FormRenderer is tested against."""

    form_template_name = FormRenderer.form_template_name
    field_template_name = FormRenderer.field_template_name
