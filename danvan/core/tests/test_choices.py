"""get_<field>_display() answers what Django's own would, for every field with choices of every
model, in Vietnamese and in English, for each choice and for a value that is not one."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.utils import translation

from danvan.core.choices import display, django_display


def test_every_models_choices_display_as_django_does() -> None:
    fields = [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.Field) and field.choices
    ]
    assert len(fields) >= 30
    compared = 0
    for language in ("vi", "en"):
        with translation.override(language):
            for model, field in fields:
                for value in [v for v, _label in field.flatchoices] + ["không-có", None]:
                    row = model(**{field.attname: value})
                    method = getattr(row, f"get_{field.name}_display")
                    assert method.func.__func__ is display, field  # installed on every model
                    assert method() == django_display(row, field), (field, value)
                    compared += 1
    assert compared > 200
