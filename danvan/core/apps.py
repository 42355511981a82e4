from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danvan.core"
    verbose_name = "Hệ thống"

    def ready(self) -> None:
        from danvan.core import checks, deadlines  # noqa: F401 - system checks, signal handlers
