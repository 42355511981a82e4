from danvan.core import domain


class Open311Config(domain.AppConfig):
    """Open311 GeoReport v2 at /open311/v2/: the public feedback of the communes for other
    systems (a citizen app, a newsroom), read by anyone and sent with an API key."""

    name = "danvan.open311"
    verbose_name = "Open311 GeoReport v2"
    actions = {"open311.received": "Nhận kiến nghị, phản ánh qua Open311"}
    fields = {"api_key_name": "Hệ thống gửi", "service_code": "Loại yêu cầu Open311"}
