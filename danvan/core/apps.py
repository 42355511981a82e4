from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danvan.core"
    verbose_name = "Hệ thống"

    def ready(self) -> None:
        from danvan.core import deadlines  # noqa: F401 - its signal handlers
