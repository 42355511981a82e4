"""Every write of grassroots mediation: validated, in a transaction, audited, DomainError in
Vietnamese. No audit entry carries a party's name (the entries are shown to whoever reads the
record, and the commune's log goes to its leaders)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Max

from danvan.core.audit import log_action
from danvan.core.deadlines import due as legal_due
from danvan.core.errors import DomainError, full_clean, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Unit, User
from danvan.lib.text import fold
from danvan.mediation.models import MatterKind, MediationCase, MediationTeam, Mediator

# "Trong thời hạn 03 ngày, kể từ ngày được phân công, hòa giải viên bắt đầu tiến hành hòa giải"
# (Luật Hòa giải ở cơ sở 2013, as quoted by a secondary page: UNVERIFIED). A row of the rule
# table (migration 0002), which an administrator may correct; without one no start date is due.
START_RULE = ("hoa-giai", "bat-dau")

Outcome = MediationCase.Outcome
Kept = MediationCase.Kept


# --- teams and mediators --------------------------------------------------------------------


@transaction.atomic
def team_create(
    *,
    commune: Unit,
    by: User,
    name: str,
    village: Unit,
    decision_number: str = "",
    decision_date: date | None = None,
) -> MediationTeam:
    """One team per village, recognised by the chairman's decision (number and day)."""
    if village.commune_id != commune.pk or village.kind != Unit.Kind.VILLAGE:
        raise DomainError("Tổ hòa giải phải thuộc một thôn, tổ dân phố của xã này.")
    check_day(decision_date, "Ngày quyết định công nhận", past=True)
    if decision_date and not decision_number:
        raise DomainError("Nhập số quyết định công nhận cùng với ngày quyết định.")
    if MediationTeam.objects.filter(village=village).exists():
        raise DomainError(f"{village.name} đã có tổ hòa giải.")
    team = MediationTeam(
        commune=commune,
        name=name,
        village=village,
        decision_number=decision_number,
        decision_date=decision_date,
    )
    save_valid(team)
    log_action(
        team,
        "mediation.team_created",
        by=by,
        changes={"village": village.name, "decision": team.decision_label},
    )
    return team


@transaction.atomic
def mediator_add(
    *,
    team: MediationTeam,
    by: User,
    full_name: str,
    role: str,
    village: Unit | None = None,
    recognised_on: date | None = None,
) -> Mediator:
    if village and (village.commune_id != team.commune_id or village.kind != Unit.Kind.VILLAGE):
        raise DomainError("Thôn không thuộc xã của tổ hòa giải.")
    check_day(recognised_on, "Ngày được công nhận", past=True)
    if (
        role == Mediator.Role.LEADER
        and team.mediators.filter(role=Mediator.Role.LEADER, active=True).exists()
    ):
        raise DomainError("Tổ đã có tổ trưởng đang hoạt động.")
    mediator = Mediator(
        team=team,
        full_name=full_name,
        role=role,
        village=village or team.village,
        recognised_on=recognised_on,
    )
    save_valid(mediator)
    log_action(
        team,
        "mediation.mediator_added",
        by=by,
        commune=team.commune_id,
        changes={"mediator": full_name, "role": mediator.get_role_display()},
    )
    return mediator


@transaction.atomic
def mediator_leave(*, mediator: Mediator, by: User) -> Mediator:
    """A mediator stops (moved away, resigned, or no longer recognised): kept in the team's list
    and in the cases he mediated, no longer offered for new ones."""
    mediator = Mediator.objects.select_for_update().select_related("team").get(pk=mediator.pk)
    if not mediator.active:
        raise DomainError(f"{mediator.full_name} đã thôi hoạt động.")
    mediator.active = False
    mediator.save(update_fields=["active"])
    log_action(
        mediator.team,
        "mediation.mediator_left",
        by=by,
        commune=mediator.team.commune_id,
        changes={"mediator": mediator.full_name},
    )
    return mediator


# --- cases ----------------------------------------------------------------------------------


def start_due(assigned_on: date) -> tuple[date, str] | None:
    """The last day to start, from the rule in force on the day of the assignment; None when
    the rule table holds none."""
    try:
        deadline, rule = legal_due(*START_RULE, assigned_on)
    except DomainError:
        return None
    return deadline.due, rule.source


def _next_number(commune_id: int, year: int) -> int:
    top = MediationCase.objects.filter(commune_id=commune_id, year=year).aggregate(n=Max("number"))[
        "n"
    ]
    return (top or 0) + 1


@transaction.atomic
def case_create(
    *,
    team: MediationTeam,
    by: User,
    received_on: date,
    mediators: Sequence[Mediator],
    parties: str,
    matter: MatterKind,
    summary: str,
    assigned_on: date | None = None,
) -> MediationCase:
    """A matter received by the team and the mediators assigned to it; numbered per commune
    and year; its start is due 3 days after the assignment (rule hoa-giai/bat-dau)."""
    check_day(received_on, "Ngày nhận vụ, việc", past=True)
    assigned_on = assigned_on or received_on
    check_day(assigned_on, "Ngày phân công", past=True)
    if assigned_on < received_on:
        raise DomainError("Ngày phân công hòa giải viên không được trước ngày nhận vụ, việc.")
    # Read again: a mediator who left since the form was written is no longer offered.
    chosen = list(Mediator.objects.filter(pk__in=[m.pk for m in mediators]))
    if not chosen:
        raise DomainError("Phân công ít nhất một hòa giải viên.")
    if any(m.team_id != team.pk or not m.active for m in chosen):
        raise DomainError("Chỉ phân công hòa giải viên đang hoạt động của tổ này.")
    # Lock the commune row so that two mediators never take the same number.
    Unit.objects.select_for_update().filter(pk=team.commune_id).first()
    found = start_due(assigned_on)
    case = MediationCase(
        commune_id=team.commune_id,
        team=team,
        year=received_on.year,
        number=_next_number(team.commune_id, received_on.year),
        received_on=received_on,
        assigned_on=assigned_on,
        parties=parties,
        matter=matter,
        summary=summary,
        start_due=found[0] if found else None,
        start_due_source=found[1][:300] if found else "",
        created_by=by,
    )
    full_clean(case)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as e:
        raise DomainError("Số vụ, việc vừa được dùng; vui lòng gửi lại.") from e
    case.mediators.set(chosen)
    log_action(
        case,
        "mediation.case_created",
        by=by,
        changes={
            "team": str(team),
            "matter": str(matter),
            "received_on": received_on,
            "assigned_on": assigned_on,
            "mediators": ", ".join(m.full_name for m in chosen),
            "start_due": case.start_due,
        },
    )
    return case


def _locked(case: MediationCase) -> MediationCase:
    return MediationCase.objects.select_for_update().select_related("team").get(pk=case.pk)


@transaction.atomic
def case_start(
    *, case: MediationCase, by: User, started_on: date, start_note: str = ""
) -> MediationCase:
    """The mediators began. Later than the rule's 3 days is allowed (the law excepts a matter the
    parties agree to mediate at another time) but recorded as late, with its reason."""
    case = _locked(case)
    if case.started_on:
        raise DomainError("Vụ, việc đã được ghi ngày bắt đầu hòa giải.")
    if case.closed:
        raise DomainError("Vụ, việc đã có kết quả.")
    check_day(started_on, "Ngày bắt đầu hòa giải", past=True)
    if started_on < case.assigned_on:
        raise DomainError("Ngày bắt đầu không được trước ngày phân công hòa giải viên.")
    late = bool(case.start_due and started_on > case.start_due)
    if late and not start_note.strip():
        raise DomainError(
            f"Bắt đầu sau hạn {case.start_due:%d/%m/%Y} (03 ngày kể từ ngày phân công): ghi lý do "
            "(ví dụ: các bên thỏa thuận thời gian hòa giải khác)."
        )
    case.started_on, case.start_note = started_on, start_note
    case.save(update_fields=["started_on", "start_note"])
    log_action(
        case,
        "mediation.case_started",
        by=by,
        changes={
            "started_on": started_on,
            "on_time": not late,
            **({"start_note": start_note} if start_note else {}),
        },
    )
    return case


def _no_district(body: str) -> None:
    # There is no district level since 01/07/2025: nothing is routed to a "huyện".
    if re.search(r"\bhuyen\b", fold(body)):
        raise DomainError(
            "Từ 01/07/2025 không còn cấp huyện: ghi cơ quan có thẩm quyền cấp xã hoặc cấp tỉnh, "
            "tòa án, cơ quan công an…"
        )


@transaction.atomic
def case_record_outcome(
    *,
    case: MediationCase,
    by: User,
    outcome: str,
    outcome_on: date,
    agreement: str = "",
    referred_to: str = "",
) -> MediationCase:
    """Thành (with the parties' agreement), không thành (what each party asks), or sent to the
    competent body (named)."""
    case = _locked(case)
    if case.closed:
        raise DomainError("Vụ, việc đã có kết quả.")
    if outcome not in (Outcome.SUCCESS, Outcome.FAILED, Outcome.REFERRED):
        raise DomainError("Chọn kết quả hòa giải.")
    check_day(outcome_on, "Ngày có kết quả", past=True)
    if outcome_on < case.received_on:
        raise DomainError("Ngày có kết quả không được trước ngày nhận vụ, việc.")
    if outcome != Outcome.REFERRED:
        if not case.started_on:
            raise DomainError("Ghi ngày bắt đầu hòa giải trước khi ghi kết quả.")
        if outcome_on < case.started_on:
            raise DomainError("Ngày có kết quả không được trước ngày bắt đầu hòa giải.")
    if outcome == Outcome.SUCCESS and not agreement.strip():
        raise DomainError("Hòa giải thành: ghi thỏa thuận của các bên.")
    if outcome == Outcome.REFERRED:
        if not referred_to.strip():
            raise DomainError("Ghi cơ quan có thẩm quyền nhận vụ, việc.")
        _no_district(referred_to)
    case.outcome, case.outcome_on = outcome, outcome_on
    case.agreement = agreement
    case.referred_to = referred_to if outcome == Outcome.REFERRED else ""
    save_valid(case)
    log_action(
        case,
        "mediation.outcome_recorded",
        by=by,
        changes={
            "outcome": case.get_outcome_display(),
            "outcome_on": outcome_on,
            **({"referred_to": case.referred_to} if case.referred_to else {}),
        },
    )
    return case


@transaction.atomic
def case_check_agreement(
    *,
    case: MediationCase,
    by: User,
    agreement_kept: str,
    kept_checked_on: date,
    kept_note: str = "",
) -> MediationCase:
    """Whether the parties kept what they agreed, as checked on a day (may be checked again)."""
    case = _locked(case)
    if case.outcome != Outcome.SUCCESS:
        raise DomainError("Chỉ kiểm tra việc thực hiện thỏa thuận của vụ, việc hòa giải thành.")
    if agreement_kept not in Kept.values:
        raise DomainError("Chọn kết quả kiểm tra.")
    check_day(kept_checked_on, "Ngày kiểm tra", past=True)
    assert case.outcome_on is not None
    if kept_checked_on < case.outcome_on:
        raise DomainError("Ngày kiểm tra không được trước ngày hòa giải thành.")
    before = case.get_agreement_kept_display()
    case.agreement_kept, case.kept_checked_on, case.kept_note = (
        agreement_kept,
        kept_checked_on,
        kept_note,
    )
    case.save(update_fields=["agreement_kept", "kept_checked_on", "kept_note"])
    log_action(
        case,
        "mediation.agreement_checked",
        by=by,
        changes={
            "agreement_kept": [before, case.get_agreement_kept_display()],
            "kept_checked_on": kept_checked_on,
        },
    )
    return case


_CODE = re.compile(r"^\s*(\d{1,7})\s*/\s*(\d{4})\s*$")


@transaction.atomic
def case_link_petition(*, case: MediationCase, by: User, code: str) -> MediationCase:
    """A mediated matter that came back as a petition: link the petition of the same commune by
    its case code ("15/2026"). Only the code is stored in the history."""
    case = _locked(case)
    match = _CODE.match(code)
    if not match:
        raise DomainError("Nhập số đơn theo dạng số/năm, ví dụ 15/2026.")
    number, year = int(match[1]), int(match[2])
    Petition = apps.get_model("petitions", "Petition")
    petition = Petition.objects.filter(
        commune_id=case.commune_id,
        number=number,
        year=year,
    ).first()
    if petition is None:
        raise DomainError(f"Không có đơn số {number}/{year} trong sổ đơn thư của xã.")
    if case.petition_id == petition.pk:
        raise DomainError(f"Vụ, việc đã được liên kết với đơn số {number}/{year}.")
    before = case.petition.code if case.petition else ""
    case.petition = petition
    case.save(update_fields=["petition"])
    log_action(
        case,
        "mediation.petition_linked",
        by=by,
        changes={"petition": [before, f"{number}/{year}"]},
    )
    return case


def cases_recompute_open() -> int:
    """Move the start dates of cases not started yet, after a rule or calendar change."""
    changed = 0
    for case in MediationCase.objects.waiting_start():
        found = start_due(case.assigned_on)
        new_due, source = found if found else (None, "")
        if new_due == case.start_due:
            continue
        with transaction.atomic():
            log_action(
                case,
                "mediation.start_due_recomputed",
                by=None,
                changes={"start_due": [case.start_due, new_due], "start_due_source": source},
            )
            case.start_due, case.start_due_source = new_due, source[:300]
            case.save(update_fields=["start_due", "start_due_source"])
        changed += 1
    return changed
