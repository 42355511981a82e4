from danvan.core import domain


class PromisesConfig(domain.AppConfig):
    name = "danvan.promises"
    verbose_name = "Cam kết, lời hứa"
