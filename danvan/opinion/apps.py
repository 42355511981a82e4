from danvan.core import domain


class OpinionConfig(domain.AppConfig):
    name = "danvan.opinion"
    verbose_name = "Nắm bắt dư luận xã hội"
