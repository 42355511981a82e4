from danvan.core import domain


class EthnicReligiousConfig(domain.AppConfig):
    name = "danvan.ethnic_religious"
    verbose_name = "Công tác dân tộc, tôn giáo"
