"""Splitting a pasted draft into its points."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from danvan.consultations.drafts import MAX_POINTS, split_draft
from danvan.consultations.tests.conftest import DRAFT_TEXT


def test_it_splits_by_articles_and_keeps_the_preamble() -> None:
    points = split_draft(DRAFT_TEXT)
    assert [p.heading for p in points] == [
        "Phần mở đầu",
        "Điều 1. Mục tiêu chung",
        "Điều 2. Giao thông",
        "Điều 3. Nước sạch",
    ]
    assert points[2].text == "Bê tông hóa 5 km đường thôn."


def test_it_splits_by_roman_then_arabic_numbers_when_there_is_no_article() -> None:
    roman = split_draft("I. MỤC ĐÍCH\n1. Một\n2. Hai\nII. NHIỆM VỤ\nLàm đường")
    assert [p.heading for p in roman] == ["I. MỤC ĐÍCH", "II. NHIỆM VỤ"]
    assert "1. Một" in roman[0].text
    arabic = split_draft("1. Đường\nLàm 5 km\n2) Nước\nMột công trình")
    assert [p.heading for p in arabic] == ["1. Đường", "2) Nước"]


def test_it_keeps_a_text_without_numbers_as_one_point() -> None:
    assert [p.text for p in split_draft("Dự thảo quy chế\nnội dung")] == [
        "Dự thảo quy chế\nnội dung"
    ]
    assert split_draft("  \n ") == []


def test_it_caps_the_number_of_points() -> None:
    text = "\n".join(f"Điều {n}. Tên {n}\nNội dung" for n in range(1, 400))
    points = split_draft(text)
    assert len(points) == MAX_POINTS and "Điều 399" in points[-1].text


@given(st.text(max_size=400))
def test_it_never_fails_nor_loses_a_word(text: str) -> None:
    points = split_draft(text)
    joined = " ".join(f"{p.heading} {p.text}" for p in points)
    for word in text.split():
        if len(word) < 50:
            assert word in joined or word in "Phần mở đầu"
