"""Blank forms' fields as written, kept until their commune's records change (core.cache.kept).

An item's page shows the forms of its next steps, and a create page its form, blank: the same
fields for everyone who may use them in a commune on a given day, with lists of units, villages
or channels whose every `<option>` the renderer writes again on each visit (a quarter of a
disclosure's page). A page asks for them here with a key naming what the fields depend on
besides the commune's records (the user's scope, the day of the initial dates); a bound form
(sent back with its errors) is never kept and is rendered as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from danvan.core.cache import kept


class WrittenForm:
    """What a page's template uses of a blank form whose fields are already written: `{{ form }}`
    (or `form.fields_html` where the template wrote the fields itself) and `form.is_multipart`."""

    written = True

    def __init__(self, html: str, multipart: bool) -> None:
        # Written by the form renderer, which escapes.
        self.fields_html: SafeString = mark_safe(html)
        self.multipart = multipart

    def is_multipart(self) -> bool:
        return self.multipart

    def __str__(self) -> SafeString:
        return self.fields_html

    def __html__(self) -> SafeString:
        return self.fields_html


FormMaker = Callable[[], forms.BaseForm]
# What an item's page offers step_forms: name → (the form sent back with its errors, or None;
# how to make it blank).
Offers = dict[str, tuple[forms.Form | None, FormMaker]]


def written(form: forms.BaseForm, template: str | None = None) -> tuple[str, bool]:
    """The form as `{{ form }}` writes it, or as `template` writes it with the form as `form`."""
    html = render_to_string(template, {"form": form}) if template else str(form)
    return str(html), form.is_multipart()


def kept_forms(
    key: str,
    commune_id: int,
    makers: Mapping[str, tuple[FormMaker, str | None]],
    seconds: float = 60,
) -> dict[str, WrittenForm]:
    """Each blank form of `makers` (name: (make, template or None for `{{ form }}`)) as written,
    one kept value for all of them: made again once a record of the commune changes, and after
    `seconds` at most, as the lists they show (units, villages, channels) change in the
    administrators' pages. `key` names everything else the forms depend on."""

    def write() -> dict[str, tuple[str, bool]]:
        return {name: written(make(), template) for name, (make, template) in makers.items()}

    found: dict[str, tuple[str, bool]] = kept(
        f"kept_forms:{key}|{','.join(sorted(makers))}", commune_id, write, seconds
    )
    return {name: WrittenForm(html, multipart) for name, (html, multipart) in found.items()}


def step_forms(
    key: str,
    commune_id: int,
    offers: Offers,
    seconds: float = 60,
) -> dict[str, forms.Form | WrittenForm]:
    """The forms an item's page offers for its next steps, name: (the form sent back with its
    errors, or None; how to make it blank): one sent back is shown as it is, the others blank
    and kept as written (kept_forms under `key`)."""
    shown: dict[str, forms.Form | WrittenForm] = {
        name: given for name, (given, _make) in offers.items() if given is not None
    }
    blank = {name: (make, None) for name, (given, make) in offers.items() if given is None}
    if blank:
        shown.update(kept_forms(key, commune_id, blank, seconds))
    return shown


def kept_form(
    key: str, commune_id: int, make: FormMaker, template: str | None = None, seconds: float = 60
) -> WrittenForm:
    """One blank form as written (kept_forms of one)."""
    return kept_forms(key, commune_id, {"form": (make, template)}, seconds)["form"]


F = TypeVar("F", bound=forms.BaseForm)


def kept_blank(form: F, key: str, commune_id: int) -> F | WrittenForm:
    """A create page's form as the page shows it: one sent back with what was typed as it is,
    a blank one as written and kept (kept_form under `key`)."""
    return form if form.is_bound else kept_form(key, commune_id, lambda: form)
