from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "danvan.plans"
    verbose_name = "Kế hoạch, nhiệm vụ"

    def on_calendar_changed(self) -> int:
        """Called by core when the working-day calendar changes (core cannot import us)."""
        from danvan.plans.services import tasks_reschedule_open

        return tasks_reschedule_open()
