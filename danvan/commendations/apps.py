from danvan.core import domain


class CommendationsConfig(domain.AppConfig):
    name = "danvan.commendations"
    verbose_name = "Khen thưởng"
