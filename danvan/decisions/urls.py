"""Officers' and village heads' pages for matters villagers discuss and decide (Luật THDCCS 2022 Art. 15–22), under /can-bo/dan-quyet-dinh/."""

from django.urls import URLPattern

app_name = "decisions"
urlpatterns: list[URLPattern] = []
