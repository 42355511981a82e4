"""Every write of commendations: validated, in a transaction, audited, DomainError in Vietnamese.

Other apps (the movement, inspections, mediation) call `award_record` for a commendation already
decided and `proposal_create` to propose one; the leaders grant or refuse proposals here.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.commendations.models import (
    Award,
    AwardForm,
    Decision,
    Proposal,
    RecipientKind,
    Source,
)
from danvan.core.audit import log_action
from danvan.core.errors import DomainError, full_clean, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Unit, User
from danvan.lib.text import fold


def _check_recipient(
    commune: Unit,
    *,
    source: str,
    recipient: str,
    recipient_kind: str,
    achievement: str,
    form: AwardForm,
    recipient_unit: Unit | None,
) -> None:
    if source not in Source.values:
        raise DomainError("Chọn khen thưởng về việc gì (phong trào, kiểm tra, hòa giải, khác).")
    if recipient_kind not in RecipientKind.values:
        raise DomainError("Chọn tập thể hoặc cá nhân.")
    if not recipient.strip():
        raise DomainError("Ghi tên tập thể, cá nhân được khen thưởng.")
    if not achievement.strip():
        raise DomainError("Ghi thành tích được khen thưởng.")
    if not form.is_active:
        raise DomainError(f"Hình thức “{form.name}” không còn dùng: chọn hình thức khác.")
    if recipient_unit is not None and recipient_unit.commune_id != commune.pk:
        raise DomainError("Đơn vị được khen thưởng phải thuộc xã này.")


def _check_url(source_url: str) -> None:
    # A path of the product ("/can-bo/…"), never another site ("//…", "https://…").
    if source_url and (not source_url.startswith("/") or source_url.startswith("//")):
        raise DomainError("Đường dẫn phải là một trang của hệ thống.")


def decision_get_or_create(
    *,
    commune: Unit,
    by: User | None,
    number: str,
    signed_on: date,
    form: AwardForm,
    signer_name: str = "",
    signer_title: str = "",
    summary: str = "",
) -> Decision:
    """The commune's decision of that number, or a new one; an existing one must be of the same
    form and day."""
    number = number.strip()
    if not number:
        raise DomainError("Ghi số quyết định khen thưởng.")
    if signed_on is None:
        raise DomainError("Ghi ngày ký quyết định.")
    check_day(signed_on, "Ngày ký quyết định", past=True)
    found = Decision.objects.select_for_update().filter(commune=commune, number=number).first()
    if found is not None:
        if found.form_id != form.pk:
            raise DomainError(
                f"Quyết định số {number} là quyết định tặng “{found.form.name}”: "
                "chọn đúng hình thức hoặc ghi số quyết định khác."
            )
        if found.signed_on != signed_on:
            raise DomainError(
                f"Quyết định số {number} đã ghi ngày ký {found.signed_on:%d/%m/%Y}: "
                "kiểm tra lại ngày hoặc số quyết định."
            )
        return found
    if not form.is_active:
        raise DomainError(f"Hình thức “{form.name}” không còn dùng: chọn hình thức khác.")
    decision = Decision(
        commune=commune,
        number=number,
        signed_on=signed_on,
        form=form,
        signer_name=signer_name.strip(),
        signer_title=signer_title.strip(),
        summary=summary.strip(),
        created_by=by,
    )
    full_clean(decision, validate_constraints=False)
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as e:
        raise DomainError("Số quyết định vừa được ghi; vui lòng gửi lại.") from e
    log_action(
        decision,
        "commendations.decision_created",
        by=by,
        changes={"number": number, "signed_on": signed_on, "form": form.name},
    )
    return decision


@transaction.atomic
def decision_create(
    *,
    commune: Unit,
    by: User,
    number: str,
    signed_on: date,
    form: AwardForm,
    signer_name: str = "",
    signer_title: str = "",
    summary: str = "",
) -> Decision:
    """A new decision (a number not yet used in the commune)."""
    if Decision.objects.filter(commune=commune, number=number.strip()).exists():
        raise DomainError(f"Số quyết định {number.strip()} đã có trong sổ của xã.")
    return decision_get_or_create(
        commune=commune,
        by=by,
        number=number,
        signed_on=signed_on,
        form=form,
        signer_name=signer_name,
        signer_title=signer_title,
        summary=summary,
    )


def _award_add(
    decision: Decision,
    *,
    by: User | None,
    source: str,
    source_label: str,
    source_url: str,
    recipient: str,
    recipient_kind: str,
    achievement: str,
    recipient_unit: Unit | None,
    proposal: Proposal | None = None,
) -> Award:
    _check_url(source_url)
    award = Award(
        commune_id=decision.commune_id,
        decision=decision,
        source=source,
        source_label=source_label.strip(),
        source_url=source_url,
        recipient=recipient.strip(),
        recipient_kind=recipient_kind,
        recipient_unit=recipient_unit,
        achievement=achievement.strip(),
        proposal=proposal,
        year=decision.signed_on.year,
        created_by=by,
    )
    award.search = fold(" ".join([award.recipient, award.achievement, award.source_label]))
    save_valid(award)
    log_action(
        award,
        "commendations.award_recorded",
        by=by,
        changes={
            "recipient": award.recipient,
            "recipient_kind": recipient_kind,
            "source": source,
            "decision": str(decision),
        },
    )
    return award


@transaction.atomic
def award_record(
    *,
    commune: Unit,
    by: User | None,
    source: str,
    source_label: str,
    source_url: str,
    recipient: str,
    recipient_kind: str,
    achievement: str,
    form: AwardForm,
    decision_number: str,
    decided_on: date,
    signer_name: str = "",
    signer_title: str = "",
    recipient_unit: Unit | None = None,
) -> Award:
    """Record a commendation as decided: the Decision of that number in the commune is found or
    made (same form), the Award added to it; audited."""
    _check_recipient(
        commune,
        source=source,
        recipient=recipient,
        recipient_kind=recipient_kind,
        achievement=achievement,
        form=form,
        recipient_unit=recipient_unit,
    )
    decision = decision_get_or_create(
        commune=commune,
        by=by,
        number=decision_number,
        signed_on=decided_on,
        form=form,
        signer_name=signer_name,
        signer_title=signer_title,
    )
    return _award_add(
        decision,
        by=by,
        source=source,
        source_label=source_label,
        source_url=source_url,
        recipient=recipient,
        recipient_kind=recipient_kind,
        achievement=achievement,
        recipient_unit=recipient_unit,
    )


@transaction.atomic
def proposal_create(
    *,
    commune: Unit,
    by: User,
    source: str,
    source_label: str,
    source_url: str,
    recipient: str,
    recipient_kind: str,
    achievement: str,
    form: AwardForm,
    recipient_unit: Unit | None = None,
    reason: str = "",
    proposing_unit: Unit | None = None,
) -> Proposal:
    """A proposal to commend, waiting for the leaders' decision."""
    _check_recipient(
        commune,
        source=source,
        recipient=recipient,
        recipient_kind=recipient_kind,
        achievement=achievement,
        form=form,
        recipient_unit=recipient_unit,
    )
    if proposing_unit is not None and proposing_unit.commune_id != commune.pk:
        raise DomainError("Đơn vị đề nghị phải thuộc xã này.")
    _check_url(source_url)
    proposal = save_valid(
        Proposal(
            commune=commune,
            source=source,
            source_label=source_label.strip(),
            source_url=source_url,
            recipient=recipient.strip(),
            recipient_kind=recipient_kind,
            recipient_unit=recipient_unit,
            achievement=achievement.strip(),
            form=form,
            reason=reason.strip(),
            proposing_unit=proposing_unit,
            proposed_on=timezone.localdate(),
            created_by=by,
        )
    )
    log_action(
        proposal,
        "commendations.proposal_created",
        by=by,
        changes={
            "recipient": proposal.recipient,
            "recipient_kind": recipient_kind,
            "source": source,
            "form": form.name,
        },
    )
    return proposal


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("form").get(pk=proposal.pk)


@transaction.atomic
def proposal_grant(
    *,
    proposal: Proposal,
    by: User,
    decision_number: str,
    decided_on: date,
    form: AwardForm | None = None,
    signer_name: str = "",
    signer_title: str = "",
) -> Award:
    """Granted by a decision (a new number, or one already in the register): its Award."""
    proposal = _locked(proposal)
    if proposal.status != Proposal.Status.PENDING:
        raise DomainError("Đề nghị này đã được xét.")
    form = form or proposal.form
    if not form.is_active:
        raise DomainError(f"Hình thức “{form.name}” không còn dùng: chọn hình thức khác.")
    decision = decision_get_or_create(
        commune=proposal.commune,
        by=by,
        number=decision_number,
        signed_on=decided_on,
        form=form,
        signer_name=signer_name,
        signer_title=signer_title,
    )
    award = _award_add(
        decision,
        by=by,
        source=proposal.source,
        source_label=proposal.source_label,
        source_url=proposal.source_url,
        recipient=proposal.recipient,
        recipient_kind=proposal.recipient_kind,
        achievement=proposal.achievement,
        recipient_unit=proposal.recipient_unit,
        proposal=proposal,
    )
    proposal.status = Proposal.Status.GRANTED
    proposal.decided_on = timezone.localdate()
    proposal.save(update_fields=["status", "decided_on"])
    log_action(
        proposal,
        "commendations.proposal_granted",
        by=by,
        changes={"status": proposal.status, "decision": str(decision)},
    )
    return award


@transaction.atomic
def proposal_refuse(*, proposal: Proposal, by: User, reason: str) -> Proposal:
    proposal = _locked(proposal)
    if proposal.status != Proposal.Status.PENDING:
        raise DomainError("Đề nghị này đã được xét.")
    if not reason.strip():
        raise DomainError("Ghi lý do không khen thưởng.")
    proposal.status = Proposal.Status.REFUSED
    proposal.refusal_reason = reason.strip()
    proposal.decided_on = timezone.localdate()
    proposal.save(update_fields=["status", "refusal_reason", "decided_on"])
    log_action(
        proposal,
        "commendations.proposal_refused",
        by=by,
        changes={"status": proposal.status, "refusal_reason": proposal.refusal_reason},
    )
    return proposal


@transaction.atomic
def decision_award_add(
    *,
    decision: Decision,
    by: User,
    source: str,
    recipient: str,
    recipient_kind: str,
    achievement: str,
    source_label: str = "",
    source_url: str = "",
    recipient_unit: Unit | None = None,
) -> Award:
    """One more line of a decision already in the register (as its Điều 1 lists them)."""
    decision = (
        Decision.objects.select_for_update().select_related("form", "commune").get(pk=decision.pk)
    )
    _check_recipient(
        decision.commune,
        source=source,
        recipient=recipient,
        recipient_kind=recipient_kind,
        achievement=achievement,
        form=decision.form,
        recipient_unit=recipient_unit,
    )
    return _award_add(
        decision,
        by=by,
        source=source,
        source_label=source_label,
        source_url=source_url,
        recipient=recipient,
        recipient_kind=recipient_kind,
        achievement=achievement,
        recipient_unit=recipient_unit,
    )
