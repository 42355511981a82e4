"""Officers' pages of commendations, under /can-bo/khen-thuong/."""

from danvan.commendations import views

app_name = "commendations"
urlpatterns = [*views.urls]
