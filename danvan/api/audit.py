"""What a key did: one audit entry per write, on the record written, naming the key.

The domain services log their own entries as they do for the command line (actor: nobody);
this entry says which system sent it, so the record's history reads "Hệ thống khác gửi kế
hoạch qua API" (or "Cơ quan khác chuyển đơn qua API") with "Hệ thống gửi: <the key's name>"."""

from __future__ import annotations

from typing import Any

from django.db import models

from danvan.core.audit import log_action
from danvan.core.models import ApiKey

ACTIONS = {
    "api.plan_imported": "Hệ thống khác gửi kế hoạch qua API",
    "api.petition_forwarded": "Cơ quan khác chuyển đơn qua API",
}
FIELDS = {
    "api_system": "Hệ thống gửi",
    "forwarded_by": "Cơ quan chuyển đơn",
}


def log_write(obj: models.Model, action: str, *, key: ApiKey, **changes: Any) -> None:
    log_action(
        obj,
        action,
        by=None,
        changes={"api_key": key.prefix, "api_system": key.name, **changes},
    )
