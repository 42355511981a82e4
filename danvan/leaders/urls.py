from django.urls import URLPattern, path

from danvan.leaders import views_directives, views_overview, views_work

app_name = "leaders"
urlpatterns: list[URLPattern] = [
    path("tong-quan/", views_overview.overview, name="overview"),
]

# Directives (chỉ đạo, đôn đốc) and "Việc của tôi".
urlpatterns += [
    path("chi-dao/", views_directives.directive_list, name="directives"),
    path("chi-dao/gui/", views_directives.directive_send, name="directive_send"),
    path("chi-dao/<int:pk>/", views_directives.directive_detail, name="directive"),
    path("chi-dao/<int:pk>/tra-loi/", views_directives.directive_answer, name="directive_answer"),
    path("chi-dao/<int:pk>/xem-xet/", views_directives.directive_decide, name="directive_decide"),
    path("viec-cua-toi/", views_work.my_work, name="my_work"),
]
