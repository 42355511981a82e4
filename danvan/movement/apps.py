from danvan.core import domain


class MovementConfig(domain.AppConfig):
    name = "danvan.movement"
    verbose_name = 'Phong trào "Dân vận khéo"'
