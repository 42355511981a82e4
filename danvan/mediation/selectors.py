"""Reads of the mediation pages: the yearly figures (no name in them) and the case list."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from danvan.mediation.models import MatterKind, MediationCase, MediationTeam

Outcome = MediationCase.Outcome
Kept = MediationCase.Kept


def yearly_figures(commune_id: int, year: int, today: date) -> dict[str, Any]:
    """The year's cases (received that year) by outcome, by kind of matter and by team, the
    agreements kept, and the starts late: counts only, for every reader of the commune."""
    cases = MediationCase.objects.filter(commune_id=commune_id, year=year)
    outcome_counts = dict(
        cases.values_list("outcome").annotate(n=Count("pk")).order_by().values_list("outcome", "n")
    )
    by_outcome = [
        {"key": value, "label": label, "value": outcome_counts.get(value, 0)}
        for value, label in Outcome.choices
    ]
    matter_counts = dict(
        cases.values_list("matter_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("matter_id", "n")
    )
    by_matter = [
        {"key": m.code, "label": m.name, "value": matter_counts.get(m.pk, 0)}
        for m in MatterKind.objects.all()
    ]
    per_team = {
        row["team_id"]: row
        for row in cases.values("team_id")
        .annotate(
            total=Count("pk"),
            success=Count("pk", filter=Q(outcome=Outcome.SUCCESS)),
            failed=Count("pk", filter=Q(outcome=Outcome.FAILED)),
            referred=Count("pk", filter=Q(outcome=Outcome.REFERRED)),
            pending=Count("pk", filter=Q(outcome=Outcome.PENDING)),
            kept=Count("pk", filter=Q(agreement_kept=Kept.YES)),
        )
        .order_by()
    }
    empty = dict.fromkeys(("total", "success", "failed", "referred", "pending", "kept"), 0)
    by_team = [
        {"team": t.name, "team_id": t.pk, **{k: per_team.get(t.pk, empty)[k] for k in empty}}
        for t in MediationTeam.objects.filter(commune_id=commune_id)
    ]
    success = cases.filter(outcome=Outcome.SUCCESS)
    kept_counts = dict(
        success.values_list("agreement_kept")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("agreement_kept", "n")
    )
    agreements = [
        {"key": value, "label": label, "value": kept_counts.get(value, 0)}
        for value, label in Kept.choices
    ]
    total = sum(outcome_counts.values())
    closed = total - outcome_counts.get(Outcome.PENDING, 0)
    rated = outcome_counts.get(Outcome.SUCCESS, 0) + outcome_counts.get(Outcome.FAILED, 0)
    return {
        "year": year,
        "total": total,
        "closed": closed,
        "success_rate": round(100 * outcome_counts.get(Outcome.SUCCESS, 0) / rated)
        if rated
        else None,
        "by_outcome": by_outcome,
        "by_matter": by_matter,
        "by_team": by_team,
        "agreements": agreements,
        "started_late": cases.filter(started_on__gt=F("start_due")).count(),
        "not_started_late": cases.waiting_start().filter(start_due__lt=today).count(),
        "petitions": cases.filter(petition__isnull=False).count(),
    }


def case_list(
    teams: QuerySet[MediationTeam], *, year: int, team: int | None, outcome: str
) -> QuerySet[MediationCase]:
    qs = MediationCase.objects.filter(team__in=teams, year=year)
    if team is not None:
        qs = qs.filter(team_id=team)
    if outcome in Outcome.values:
        qs = qs.filter(outcome=outcome)
    return qs.select_related("team", "matter").order_by("-number")
