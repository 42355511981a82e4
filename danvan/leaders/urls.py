from django.urls import URLPattern

app_name = "leaders"
urlpatterns: list[URLPattern] = []
