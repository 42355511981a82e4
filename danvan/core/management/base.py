"""What the product's commands share: bad input said in Vietnamese, exit status 2, no traceback."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class BadInput(CommandError):
    """Refused input: a `Command` below prints the message alone and exits with status 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, returncode=2)


def parse_day(raw: object) -> date:
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise BadInput(f"Ngày không hợp lệ: {raw} (nhập theo dạng YYYY-MM-DD).") from None


class Command(BaseCommand):
    """A command of the product: refused input is said in Vietnamese, without a traceback or
    "CommandError:", and exits with status 2 (argparse's own status for bad arguments)."""

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except BadInput as e:
            self.stderr.write(str(e))
            sys.exit(2)
