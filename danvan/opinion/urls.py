"""Officers' pages of opinion, under /can-bo/du-luan/."""

from danvan.opinion import views

app_name = "opinion"
urlpatterns = [*views.urls]
