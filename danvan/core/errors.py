"""The one error a service raises when a rule of the domain is broken."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models


class DomainError(Exception):
    """A rule of the domain was broken; `message` is shown to the user as it is (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @classmethod
    def from_validation(cls, error: ValidationError) -> DomainError:
        return cls("; ".join(error.messages))


def full_clean(obj: models.Model, **kwargs: Any) -> None:
    """Model validation before a save, raising a DomainError (services raise nothing else)."""
    try:
        obj.full_clean(**kwargs)
    except ValidationError as e:
        raise DomainError.from_validation(e) from e
