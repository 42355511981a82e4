from django.urls import path

from danvan.plans import views, views_import

app_name = "plans"
urlpatterns = [
    path("nhiem-vu/", views.task_list, name="tasks"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/bao-cao/", views.task_report, name="task_report"),
    path("nhiem-vu/cho-duyet/", views.report_reviews, name="report_reviews"),
    path("nhiem-vu/bao-cao/<int:pk>/chap-nhan/", views.report_accept, name="report_accept"),
    path("nhiem-vu/bao-cao/<int:pk>/tra-lai/", views.report_return, name="report_return"),
    path("ke-hoach/", views.plan_list, name="plans"),
    path("ke-hoach/them/", views.plan_form, name="plan_create"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/sua/", views.plan_form, name="plan_edit"),
    path("ke-hoach/<int:pk>/trang-thai/<str:status>/", views.plan_status, name="plan_status"),
    path("ke-hoach/<int:plan_pk>/muc/them/", views.section_form, name="section_create"),
    path("ke-hoach/<int:plan_pk>/nhiem-vu/them/", views.task_form, name="task_create"),
    path("ke-hoach/<int:plan_pk>/nhiem-vu/<int:pk>/sua/", views.task_form, name="task_edit"),
    path("ke-hoach/<int:pk>/tien-do.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path("ke-hoach/<int:pk>/bao-cao.docx", views.plan_docx, name="plan_docx"),
    path("tong-quan/", views.dashboard, name="dashboard"),
]

urlpatterns += [
    path("ke-hoach/nhap/", views_import.plan_import_upload, name="plan_import"),
    path("ke-hoach/<int:pk>/soat-xet/", views_import.plan_review, name="plan_review"),
    path("ke-hoach/<int:pk>/ban-hanh/", views_import.plan_issue, name="plan_issue"),
    path("ke-hoach/<int:pk>/soat-xet/nhiem-vu/", views_import.draft_tasks, name="draft_tasks"),
    path(
        "ke-hoach/<int:plan_pk>/nhiem-vu/<int:pk>/tach/",
        views_import.task_split,
        name="task_split",
    ),
    path(
        "ke-hoach/<int:plan_pk>/muc/<int:pk>/sua/", views_import.section_edit, name="section_edit"
    ),
    path(
        "ke-hoach/<int:plan_pk>/muc/<int:pk>/xoa/",
        views_import.section_delete,
        name="section_delete",
    ),
    path(
        "ke-hoach/<int:plan_pk>/nhiem-vu/<int:pk>/xoa/",
        views_import.task_delete,
        name="task_delete",
    ),
    path(
        "ke-hoach/<int:plan_pk>/can-cu/them/", views_import.reference_form, name="reference_create"
    ),
    path(
        "ke-hoach/<int:plan_pk>/can-cu/<int:pk>/sua/",
        views_import.reference_form,
        name="reference_edit",
    ),
    path(
        "ke-hoach/<int:plan_pk>/can-cu/<int:pk>/xoa/",
        views_import.reference_delete,
        name="reference_delete",
    ),
    path("van-ban/", views_import.legal_documents, name="legal_documents"),
    path("van-ban/<int:pk>/", views_import.legal_document, name="legal_document"),
]
