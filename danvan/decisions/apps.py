from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "danvan.decisions"
    verbose_name = "Nhân dân bàn và quyết định"
