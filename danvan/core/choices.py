"""A model's `get_<field>_display()` without rebuilding its choices at every call.

Django's `Model._get_FIELD_display` makes a dict of the field's flattened choices, each label made
hashable and so translated, every time it is called: about 30 µs a call, 1.5 ms on a list of 25
petitions that shows a kind and a status each (a tenth of the page). The labels are the same for
a field in one language, so they are kept per (field, language) and the value looked up there,
giving exactly what Django gives (`core/tests/test_choices.py` compares every model field with
choices). Installed on every model by `CoreConfig.ready`, when every model class exists. A field whose choices are changed at run
time would need `labels.cache_clear()`; none is.
"""

from __future__ import annotations

from functools import lru_cache, partialmethod
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

# Django's own, what `display` must equal (the tests compare them).
django_display = models.Model._get_FIELD_display  # type: ignore[attr-defined]


@lru_cache(maxsize=2048)
def labels(field: models.Field, language: str | None) -> dict[Any, Any]:
    """The field's choices, value -> label as text in `language` (the active one)."""
    return {
        make_hashable(value): force_str(label, strings_only=True)
        for value, label in field.flatchoices
    }


def display(self: models.Model, field: models.Field) -> Any:
    value = getattr(self, field.attname)
    key = make_hashable(value)
    shown = labels(field, get_language())
    return shown[key] if key in shown else force_str(value, strings_only=True)


def install() -> None:
    """Every model's `get_<field>_display` (a partialmethod Django binds to its own function when
    the class is made) now calls `display`; a method a model writes itself is left alone."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if isinstance(method, partialmethod) and method.func is django_display:
                setattr(model, name, partialmethod(display, field=field))
