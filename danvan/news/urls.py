"""Officers' pages of news, under /can-bo/tin-bai/."""

from danvan.news import views

app_name = "news"
urlpatterns = [*views.urls]
