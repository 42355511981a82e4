from danvan.core import domain


class VotersConfig(domain.AppConfig):
    name = "danvan.voters"
    verbose_name = "Kiến nghị cử tri"
