from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "danvan.disclosures"
    verbose_name = "Công khai thông tin"
