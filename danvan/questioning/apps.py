from danvan.core import domain


class QuestioningConfig(domain.AppConfig):
    name = "danvan.questioning"
    verbose_name = "Chất vấn tại kỳ họp HĐND"
