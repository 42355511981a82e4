"""The approval thresholds of Luật THDCCS 2022, Điều 21 khoản 1, as integer arithmetic (no
rounding).

A decision passes in a village when the households that agree reach the threshold of ALL the
village's households (not of those present): "ít nhất 2/3" for Điều 15 khoản 1–2 (contributions
and funds), "trên 1/2" for khoản 3–6. A commune-wide decision on khoản 1–2 passes when at least
two thirds of ALL its villages approve (Điều 21 khoản 1, đoạn 2). Which fraction applies to an
item, and whether it has a commune-wide count, is data (MatterItem); the code of a commune-wide
count names its fraction below.
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


# The commune-wide counts an administrator may give an item (MatterItem.commune_wide_rule).
COMMUNE_WIDE = {"villages-2-3": Threshold(2, 3, strict=False)}

# Online voting is held only when more than half of ALL the village's households chose it
# beforehand (NĐ 59/2023/NĐ-CP, Điều 5 khoản 2 điểm c). It is a condition of the form, the same
# for every item that may be voted online, so it is not a column of MatterItem.
ONLINE_CONSENT = Threshold(1, 2, strict=True)
ONLINE_CONSENT_SOURCE = "Nghị định 59/2023/NĐ-CP, Điều 5 khoản 2 điểm c"


def judge_villages(approving: int, villages: int, t: Threshold) -> Result:
    """ "2/3 thôn tán thành = 66,67% ≥ 2/3 → thông qua" (Điều 21 khoản 1, đoạn 2)."""
    return _judged(approving, villages, t, "thôn tán thành")


def judge(agree: int, households: int, t: Threshold) -> Result:
    """ "34/50 hộ đồng ý = 68% ≥ 2/3 → thông qua"."""
    return _judged(agree, households, t, "hộ đồng ý")


def _judged(yes: int, of: int, t: Threshold, who: str) -> Result:
    passed = reaches(yes, of, t)
    sign = (">" if passed else "≤") if t.strict else ("≥" if passed else "<")
    verdict = "thông qua" if passed else "không thông qua"
    return Result(passed, f"{yes}/{of} {who} = {percent(yes, of)} {sign} {t.text} → {verdict}")
