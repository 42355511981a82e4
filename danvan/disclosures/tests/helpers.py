"""Shared builders for the disclosure tests."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import World
from danvan.disclosures import services
from danvan.disclosures.models import Category, Channel, Disclosure

PDF = b"%PDF-1.4\n%%EOF"


def pdf(name: str = "anh-niem-yet.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def category(number: int) -> Category:
    return Category.objects.get(number=number)


def channel(slug: str) -> Channel:
    return Channel.objects.get(slug=slug)


def disclosure(world: World, *, number: int = 2, decided_on: date, **extra: object) -> Disclosure:
    return services.disclosure_create(
        commune=world.commune,
        by=world.officer_a,
        category=category(number),
        title=extra.pop("title", f"Nội dung khoản {number}"),  # type: ignore[arg-type]
        content="Nội dung công khai.",
        decided_on=decided_on,
        responsible_unit=world.office_a,
        **extra,  # type: ignore[arg-type]
    )
