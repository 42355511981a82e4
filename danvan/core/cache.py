"""A value kept for a while in this process: rule tables, the calendar, the portal's places."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Expiring(Generic[T]):
    """`load()` once, then its value for `seconds`; `forget()` makes the next call load again
    (a save in this process). Other processes see a change within `seconds`."""

    def __init__(self, load: Callable[[], T], seconds: float = 60) -> None:
        self.load = load
        self.seconds = seconds
        self._value: tuple[float, T] | None = None

    def __call__(self) -> T:
        now = time.monotonic()
        if self._value is None or now - self._value[0] > self.seconds:
            self._value = (now, self.load())
        return self._value[1]

    def forget(self) -> None:
        self._value = None


def expiring(seconds: float = 60) -> Callable[[Callable[[], T]], Expiring[T]]:
    """Decorator form: `@expiring(60) def rules(): …` then `rules()` and `rules.forget()`."""

    def wrap(load: Callable[[], T]) -> Expiring[T]:
        return Expiring(load, seconds)

    return wrap
