from danvan.core import domain


class DialoguesConfig(domain.AppConfig):
    name = "danvan.dialogues"
    verbose_name = "Đối thoại với Nhân dân"
