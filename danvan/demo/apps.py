from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "danvan.demo"
    verbose_name = "Dữ liệu mẫu và dữ liệu đo hiệu năng"
