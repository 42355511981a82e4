"""Pages of the people's inspection board and the community investment supervision board (Luật THDCCS 2022 Art. 33–37), under /can-bo/giam-sat/."""

from django.urls import URLPattern

app_name = "supervision"
urlpatterns: list[URLPattern] = []
