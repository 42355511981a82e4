"""A commune with two villages and their households, and helpers to run a vote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import World
from danvan.core.models import Unit
from danvan.decisions import services
from danvan.decisions.models import CommunityDecision, MatterItem, Meeting, Tally

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def minutes() -> SimpleUploadedFile:
    return SimpleUploadedFile("bien-ban.png", PNG, content_type="image/png")


@dataclass
class Villages:
    world: World
    doan_ket: Unit  # world.village, headed by world.village_head
    hoa_binh: Unit

    def item(self, number: int) -> MatterItem:
        return MatterItem.objects.get(number=number)

    def decision(
        self, number: int = 1, *, scope: str = "village", form: str = "meeting", **extra: object
    ) -> CommunityDecision:
        villages = [self.doan_ket] if scope == "village" else [self.doan_ket, self.hoa_binh]
        return services.decision_create(
            commune=self.world.commune,
            item=self.item(number),
            title=extra.pop("title", "Làm đường bê tông liên thôn"),  # type: ignore[arg-type]
            content="Mỗi hộ góp 500.000 đồng và 2 ngày công.",
            scope=scope,
            villages=villages,
            form=form,
            by=self.world.officer_a,
        )

    def meeting(
        self, d: CommunityDecision, village: Unit | None = None, held_on: date = date(2026, 5, 8)
    ) -> Meeting:
        return services.meeting_create(
            decision=d,
            village=village or self.doan_ket,
            held_on=held_on,
            ballot_until=held_on if d.form != "meeting" else None,
            place="Nhà văn hóa thôn",
            notice_on=date(2026, 5, 4),
            convened_by="Trưởng thôn",
            by=self.world.officer_a,
        )

    def tally(self, m: Meeting, agree: int, present: int = 50, **counts: int) -> Tally:
        return services.tally_save(
            meeting=m,
            present=present,
            agree=agree,
            disagree=counts.get("disagree", 0),
            invalid=counts.get("invalid", 0),
            minutes=minutes(),
            by=self.world.chairman,
        )


@pytest.fixture
def villages(world: World) -> Villages:
    hoa_binh = Unit.objects.create(
        kind=Unit.Kind.VILLAGE, name="Thôn Hòa Bình", parent=world.commune
    )
    for v, n in ((world.village, 50), (hoa_binh, 30)):
        services.households_set(
            commune=world.commune,
            village=v,
            households=n,
            representatives=n,
            as_of=date(2026, 1, 1),
            source="Rà soát hộ gia đình đầu năm 2026",
            by=world.officer_a,
        )
    return Villages(world, world.village, hoa_binh)
