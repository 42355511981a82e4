"""Officers' pages of questioning, under /can-bo/chat-van/."""

from danvan.questioning import views

app_name = "questioning"
urlpatterns = [*views.urls]
