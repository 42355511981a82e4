"""The one error a service raises when a rule of the domain is broken."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

_M = TypeVar("_M", bound=models.Model)


class DomainError(Exception):
    """A rule of the domain was broken; `message` is shown to the user as it is (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @classmethod
    def from_validation(cls, error: ValidationError) -> DomainError:
        return cls("; ".join(error.messages))


def save_valid(obj: _M) -> _M:
    """Validate (as `full_clean`) and save: how a service stores a row it built."""
    full_clean(obj)
    obj.save()
    return obj


def full_clean(obj: models.Model, **kwargs: Any) -> None:
    """Model validation before a save, raising a DomainError (services raise nothing else)."""
    try:
        obj.full_clean(**kwargs)
    except ValidationError as e:
        raise DomainError.from_validation(e) from e
