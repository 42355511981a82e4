from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    verbose_name = "Tiếp công dân, đơn thư"

    def on_calendar_changed(self) -> int:
        """Called by core when the working-day calendar changes."""
        from danvan.petitions.services import petitions_recompute_open

        return petitions_recompute_open()
