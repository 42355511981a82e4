class DomainError(Exception):
    """A rule of the domain was broken; `message` is shown to the user as it is (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
