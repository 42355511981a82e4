from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "danvan.api"
    label = "danvan_api"
    verbose_name = "API"

    def ready(self) -> None:
        from danvan.api.audit import ACTIONS, FIELDS
        from danvan.core import apikeys
        from danvan.core.audit import register_labels

        register_labels(actions=apikeys.ACTIONS | ACTIONS, fields=apikeys.FIELDS | FIELDS)
