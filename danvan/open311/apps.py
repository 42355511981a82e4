from django.apps import AppConfig


class Open311Config(AppConfig):
    """Open311 GeoReport v2 at /open311/v2/: the public feedback of the communes for other
    systems (a citizen app, a newsroom), read by anyone and sent with an API key.

    Not a domain app (core.domain.AppConfig): it keeps no records, no deadlines and no
    reminders of its own, so `danvan remind` and the rule pages do not list it; it only names
    its audit entry."""

    name = "danvan.open311"
    verbose_name = "Open311 GeoReport v2"

    def ready(self) -> None:
        from danvan.core.audit import register_labels

        register_labels(
            actions={"open311.received": "Nhận kiến nghị, phản ánh qua Open311"},
            fields={"api_key_name": "Hệ thống gửi", "service_code": "Loại yêu cầu Open311"},
        )
