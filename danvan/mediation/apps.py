from danvan.core import domain


class MediationConfig(domain.AppConfig):
    name = "danvan.mediation"
    verbose_name = "Hòa giải ở cơ sở"
