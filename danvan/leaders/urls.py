from django.urls import URLPattern, path

from danvan.leaders import views_directives, views_overview, views_reports, views_work

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

# The periodic report to the province.
urlpatterns += [
    path("bao-cao/", views_reports.report_list, name="reports"),
    path("bao-cao/lap/", views_reports.report_create, name="report_create"),
    path("bao-cao/<int:pk>/", views_reports.report_detail, name="report"),
    path("bao-cao/<int:pk>/sua/", views_reports.report_edit, name="report_edit"),
    path("bao-cao/<int:pk>/gui/", views_reports.report_submit, name="report_submit"),
    path("bao-cao/<int:pk>/mo-lai/", views_reports.report_reopen, name="report_reopen"),
    path("bao-cao/<int:pk>/bao-cao.docx", views_reports.report_docx, name="report_docx"),
    path("bao-cao/<int:pk>/phu-luc.xlsx", views_reports.report_xlsx, name="report_xlsx"),
]
