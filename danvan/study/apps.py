from danvan.core import domain


class StudyConfig(domain.AppConfig):
    name = "danvan.study"
    verbose_name = "Học tập, tuyên truyền"
