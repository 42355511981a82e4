"""Officers' pages of movement, under /can-bo/dan-van-kheo/."""

from danvan.movement import views

app_name = "movement"
urlpatterns = [*views.urls]
