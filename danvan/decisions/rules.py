"""The approval threshold of Luật THDCCS 2022, Điều 21, as integer arithmetic (no rounding).

A decision passes in a village when the households that agree reach the threshold of ALL the
village's households (not of those present): "ít nhất 2/3" for Điều 15 khoản 1–2 (contributions
and funds), "trên 1/2" for khoản 3–6. Which fraction applies is data (MatterItem).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Threshold:
    numerator: int
    denominator: int
    strict: bool  # True: more than the fraction; False: at least the fraction

    @property
    def text(self) -> str:
        return f"{self.numerator}/{self.denominator}"


@dataclass(frozen=True)
class Result:
    passed: bool
    explanation: str


def percent(part: int, whole: int) -> str:
    """68%, 66,67%: Vietnamese decimal comma, two decimals only when needed."""
    if whole <= 0:
        return "0%"
    value = round(100 * part / whole, 2)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def reaches(agree: int, households: int, t: Threshold) -> bool:
    """agree/households ≥ n/d (or > n/d when strict), compared as integers."""
    if households <= 0:
        return False
    left, right = agree * t.denominator, t.numerator * households
    return left > right if t.strict else left >= right


def judge(agree: int, households: int, t: Threshold) -> Result:
    """ "34/50 hộ đồng ý = 68% ≥ 2/3 → thông qua"."""
    passed = reaches(agree, households, t)
    sign = (">" if passed else "≤") if t.strict else ("≥" if passed else "<")
    verdict = "thông qua" if passed else "không thông qua"
    return Result(
        passed,
        f"{agree}/{households} hộ đồng ý = {percent(agree, households)} {sign} {t.text} "
        f"→ {verdict}",
    )
