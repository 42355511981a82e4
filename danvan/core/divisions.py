"""Provinces and communes from the official list of the `vietnam-provinces` package (2025 reform:
34 provinces, 3,321 communes, no districts). Codes, not names, identify them: two communes called
Hồng Phong exist (06079 in Lạng Sơn, 13927 in Ninh Bình)."""

from __future__ import annotations

import vietnam_provinces as vp

from danvan.core.models import Unit


def ensure_province(code: int) -> Unit:
    province = vp.Province.from_code(vp.ProvinceCode(code))
    unit, _ = Unit.objects.get_or_create(
        code=f"{code:02d}",
        defaults={
            "kind": Unit.Kind.PROVINCE,
            "name": f"{province.division_type.value.capitalize()} {province.name}",
        },
    )
    return unit


def ensure_commune(code: int) -> Unit:
    """The commune (xã, phường, đặc khu) of an official code, with its province."""
    ward = vp.Ward.from_code(vp.WardCode(code))
    province = ensure_province(ward.province_code.value)
    unit, _ = Unit.objects.get_or_create(
        code=f"{code:05d}",
        defaults={"kind": Unit.Kind.COMMUNE, "name": ward.name, "parent": province},
    )
    return unit


def ensure_communes_of_province(code: int) -> list[Unit]:
    return [
        ensure_commune(w.code.value) for w in vp.Ward.iter_all() if w.province_code.value == code
    ]
