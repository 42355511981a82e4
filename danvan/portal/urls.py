from django.urls import path

from danvan.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/<int:pk>/", views.plan_accountability, name="plan"),
]
