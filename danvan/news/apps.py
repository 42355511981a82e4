from danvan.core import domain


class NewsConfig(domain.AppConfig):
    name = "danvan.news"
    verbose_name = "Tin bài, truyền thanh"
