from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "danvan.supervision"
    verbose_name = "Nhân dân giám sát"
