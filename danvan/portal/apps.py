from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "danvan.portal"
    verbose_name = "Cổng thông tin công khai"
