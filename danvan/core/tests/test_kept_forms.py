"""Blank forms kept as written (core.kept_forms): the same HTML as the form renders, made again
after a write of the commune, and the law page's tables kept the same way."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django import forms
from django.template import engines
from django.template.loader import render_to_string

from danvan.conftest import World
from danvan.core.audit import log_action
from danvan.core.kept_forms import kept_form, kept_forms
from danvan.core.models import DeadlineRule, Unit

pytestmark = pytest.mark.django_db


class VillageForm(forms.Form):
    village = forms.ModelChoiceField(queryset=Unit.objects.none(), label="Thôn <b>")
    note = forms.CharField(label="Ghi chú", required=False)
    proof = forms.FileField(label="Minh chứng", required=False)

    def __init__(self, *args: object, commune: Unit, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        village = self.fields["village"]
        assert isinstance(village, forms.ModelChoiceField)
        village.queryset = Unit.objects.filter(commune=commune, kind=Unit.Kind.VILLAGE).order_by(
            "name"
        )


class NoteForm(forms.Form):
    note = forms.CharField(label="Ghi chú", initial="<i>")


def test_it_writes_what_the_form_and_the_template_write(world: World) -> None:
    Unit.objects.create(kind=Unit.Kind.VILLAGE, name='Thôn "<Nà>"', commune=world.commune)
    fresh = VillageForm(commune=world.commune)
    as_form = kept_form("t:plain", world.commune.pk, lambda: VillageForm(commune=world.commune))
    assert str(as_form) == str(fresh) and as_form.is_multipart()
    fields = "disclosures/_fields.html"
    both = kept_forms(
        "t:both",
        world.commune.pk,
        {"a": (lambda: VillageForm(commune=world.commune), fields), "b": (NoteForm, None)},
    )
    assert str(both["a"]) == render_to_string(fields, {"form": fresh})
    assert str(both["b"]) == str(NoteForm()) and not both["b"].is_multipart()
    assert "Thôn &quot;&lt;Nà&gt;&quot;" in str(as_form) and "<Nà>" not in str(as_form)
    # A template writes it as it wrote the form's fields.
    page = engines["django"].from_string(
        "{{ form }}|{% if form.written %}{{ form.fields_html }}{% endif %}"
    )
    assert page.render({"form": as_form}) == f"{fresh}|{fresh}"


def test_it_writes_the_form_again_after_a_write_of_the_commune(world: World) -> None:
    def make() -> VillageForm:
        return VillageForm(commune=world.commune)

    first = str(kept_form("t:again", world.commune.pk, make))
    added = Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Mới", commune=world.commune)
    assert str(kept_form("t:again", world.commune.pk, make)) == first  # nothing logged yet
    log_action(added, "core.unit_created", by=world.admin, commune=world.commune)
    again = str(kept_form("t:again", world.commune.pk, make))
    assert "Thôn Mới" not in first and "Thôn Mới" in again


def test_the_law_page_shows_a_rule_once_a_record_changes(world: World) -> None:
    client = world.client(world.readonly_a)
    with time_machine.travel(date(2026, 3, 2)):
        before = client.get("/can-bo/phap-luat/").content.decode()
        rule = DeadlineRule.objects.create(
            procedure="thu", step="moi", name="Bước <thử>", days=3, unit="working",
            source="Văn bản thử", effective_from=date(2026, 1, 1),
        )  # fmt: skip
        log_action(rule, "core.rule_changed", by=world.operator)
        after = client.get("/can-bo/phap-luat/").content.decode()
    assert "Bước &lt;thử&gt;" not in before and "Bước &lt;thử&gt;" in after
