"""Strike the identities that audit entries and letters written before this release still hold,
once, with the data migration 0014_strike_legacy_identities (issue #11).

Before the redaction fixes a register line's text (`Visit.__str__`) held the visitor's name, and
a denunciation's (`Petition.__str__`: code and summary) held whatever intake had not yet learnt
to strike ("(098) 765-4321", "ông Tường"). `log_action` copied that text into the entry's
`object_repr` for good, and the values of `changes` too. The hash chain (core 0007) came in the
same release, so this is the one moment the log may be rewritten: every entry about a protected
visit or a denunciation gets the object's text as `__str__` writes it now, the identity struck
out of its `changes`, and the chain is recomputed from the first entry changed onward
(core.audit's recipe), so that `danvan audit-verify` passes and the last hash is new (whoever
keeps it off the server keeps the new one, docs/operations.md).

A chain already broken before the migration stays broken where it was: entries from the first
broken link on are struck but not re-hashed, so audit-verify still points at that link.

The letters themselves are struck again too (what `danvan redact-denunciations` does: summary,
content and search text, each change audited by the fields it touched), so that no operator has
to remember to run it; the command stays for the next time the redaction learns a variant.

`apps` is the migration's registry of historical models (or django.apps.apps in a test): the
texts are rebuilt here the way the models' `__str__` write them, since historical models have
no custom methods. A case whose identity the keys do not open has its entries' text values
struck whole (as Redactor(strict=False) does), never left as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from danvan.core.audit import (
    CHAIN_FIELDS,
    _lock_chain,
    chain_digest,
    check_row,
    content_type_key,
    row_digest,
)
from danvan.lib.text import fold
from danvan.petitions import vault
from danvan.petitions.models import PetitionKind
from danvan.petitions.reception import redact_visit_text
from danvan.petitions.redaction import REDACTED, redact_identity

Strike = Callable[[str], str]
BATCH = 1000


def strike_legacy(apps: Any) -> dict[str, int]:
    """Restrike stored denunciations, then the audit log's entries about protected visits and
    denunciations, and re-chain. Returns counts: letters and entries changed, entries
    re-hashed. Safe to run twice (the second run changes nothing)."""
    _lock_chain()
    restruck = _restrike_letters(apps)
    entries, rehashed = _strike_entries(apps)
    _append_restruck(apps, restruck)
    return {"letters": len(restruck), "entries": entries, "rehashed": rehashed}


# --- identities -------------------------------------------------------------------------------


def _unsealer(ciphertext: Any) -> dict[str, str] | None:
    try:
        return vault.unseal(bytes(ciphertext))
    except PermissionError:
        return None  # the keys do not open it: struck whole below


def _petition_strikers(apps: Any) -> tuple[dict[int, Strike], dict[int, Any]]:
    Petition = apps.get_model("petitions", "Petition")
    IdentityVault = apps.get_model("petitions", "IdentityVault")
    sealed = dict(IdentityVault.objects.values_list("petition_id", "ciphertext"))
    strikers: dict[int, Strike] = {}
    petitions: dict[int, Any] = {}
    for p in Petition.objects.filter(kind=PetitionKind.DENUNCIATION).order_by("pk"):
        petitions[p.pk] = p
        strikers[p.pk] = _striker(sealed.get(p.pk), redact_identity)
    return strikers, petitions


def _visit_strikers(apps: Any) -> tuple[dict[int, Strike], dict[int, Any]]:
    Visit = apps.get_model("petitions", "Visit")
    VisitIdentity = apps.get_model("petitions", "VisitIdentity")
    sealed = dict(VisitIdentity.objects.values_list("visit_id", "ciphertext"))
    strikers: dict[int, Strike] = {}
    visits: dict[int, Any] = {}
    for v in Visit.objects.filter(protected=True).order_by("pk"):
        visits[v.pk] = v
        strikers[v.pk] = _striker(sealed.get(v.pk), redact_visit_text)
    return strikers, visits


def _striker(ciphertext: Any, redact: Callable[[str, dict[str, str] | None], str]) -> Strike:
    if ciphertext is None:
        return lambda text: text  # anonymous: nothing to strike
    identity = _unsealer(ciphertext)
    if identity is None:
        return lambda text: REDACTED if text else text
    return lambda text: redact(text, identity)


# --- the texts as __str__ writes them now ----------------------------------------------------


def petition_repr(p: Any) -> str:
    """Petition.__str__: "15/2026 <summary>"."""
    return f"{p.number}/{p.year} {p.subject}"[:300]


def visit_repr(v: Any) -> str:
    """Visit.__str__: no name, the day and the kind."""
    kind = str(PetitionKind(v.kind).label).lower()
    return f"Lượt tiếp ngày {v.visited_on:%d/%m/%Y} ({kind})"[:300]


# --- the letters ------------------------------------------------------------------------------


def _restrike_letters(apps: Any) -> list[tuple[Any, list[str]]]:
    """petitions.redaction.denunciations_restrike on historical models (without its audit
    entries, appended after the chain is rewritten). Returns (petition, fields touched)."""
    Petition = apps.get_model("petitions", "Petition")
    strikers, petitions = _petition_strikers(apps)
    limit = Petition._meta.get_field("subject").max_length
    done = []
    for pk, p in petitions.items():
        strike = strikers[pk]
        struck = {"subject": strike(p.subject)[:limit], "content": strike(p.content)}
        touched = [name for name, text in struck.items() if text != getattr(p, name)]
        if not touched:
            continue
        p.subject, p.content = struck["subject"], struck["content"]
        p.search_text = fold(f"{p.subject} {p.content}")
        p.save(update_fields=[*touched, "search_text"])
        done.append((p, touched))
    return done


# --- the log ----------------------------------------------------------------------------------


def _strike_value(value: Any, strike: Strike) -> Any:
    if isinstance(value, str):
        return strike(value)
    if isinstance(value, list):
        return [_strike_value(v, strike) for v in value]
    if isinstance(value, dict):
        return {k: _strike_value(v, strike) for k, v in value.items()}
    return value


def _struck_entry(row: dict[str, Any], targets: dict[str, Any]) -> bool:
    """Rewrite the row's text and changes if it is about a protected object; True if changed."""
    target = targets.get(content_type_key(row["content_type_id"]))
    if target is None:
        return False
    strikers, objects, to_repr = target
    try:
        pk = int(row["object_id"])
    except ValueError:
        return False
    if pk not in objects:
        return False
    text = to_repr(objects[pk])
    changes = _strike_value(row["changes"], strikers[pk])
    if text == row["object_repr"] and changes == row["changes"]:
        return False
    row["object_repr"], row["changes"] = text, changes
    return True


def _strike_entries(apps: Any) -> tuple[int, int]:
    AuditEntry = apps.get_model("core", "AuditEntry")
    petition_strikers, petitions = _petition_strikers(apps)
    visit_strikers, visits = _visit_strikers(apps)
    targets = {
        "petitions.petition": (petition_strikers, petitions, petition_repr),
        "petitions.visit": (visit_strikers, visits, visit_repr),
    }
    old_prev = new_prev = ""
    intact = True  # the chain held up to here before the migration
    changed = rehashed = 0
    pending: list[tuple[int, dict[str, Any]]] = []
    rows = AuditEntry.objects.order_by("pk").values(*CHAIN_FIELDS).iterator(chunk_size=BATCH)
    for row in rows:
        if intact and check_row(row, old_prev) is not None:
            intact = False
        old_prev, stored_prev = row["hash"], row["prev_hash"]
        update: dict[str, Any] = {}
        if _struck_entry(row, targets):
            changed += 1
            update = {"object_repr": row["object_repr"], "changes": row["changes"]}
        if intact:
            row["prev_hash"] = new_prev
            new_hash = row_digest(row)
            if new_hash != old_prev or new_prev != stored_prev:
                update |= {"prev_hash": new_prev, "hash": new_hash}
                rehashed += 1
            new_prev = new_hash
        if update:
            pending.append((row["pk"], update))
    # Written after the walk: the walk reads the chain as it was.
    for pk, fields_ in pending:
        AuditEntry.objects.filter(pk=pk).update(**fields_)
    return changed, rehashed


def _append_restruck(apps: Any, restruck: list[tuple[Any, list[str]]]) -> None:
    """The audit entries denunciations_restrike writes, appended to the rewritten chain."""
    if not restruck:
        return
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct, _ = ContentType.objects.get_or_create(app_label="petitions", model="petition")
    prev = AuditEntry.objects.order_by("-pk").values_list("hash", flat=True).first() or ""
    for p, touched in restruck:
        changes = {f"struck_{name}": True for name in touched}
        entry = AuditEntry(
            actor_id=None,
            commune_id=p.commune_id,
            action="petitions.restruck",
            content_type_id=ct.pk,
            object_id=str(p.pk),
            object_repr=petition_repr(p),
            changes=changes,
            prev_hash=prev,
            created_at=timezone.now(),
        )
        entry.hash = prev = chain_digest(
            prev_hash=prev,
            created_at=entry.created_at,
            actor_id=None,
            commune_id=entry.commune_id,
            action=entry.action,
            content_type="petitions.petition",
            object_id=entry.object_id,
            object_repr=entry.object_repr,
            changes=changes,
        )
        entry.save()
