from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "danvan.consultations"
    verbose_name = "Lấy ý kiến Nhân dân"
