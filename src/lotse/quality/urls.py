from django.urls import path

from lotse.quality import views

app_name = "quality"
urlpatterns = [
    path("staff/quality/", views.overview, name="overview"),
    path("staff/quality/start/", views.start, name="start"),
    path("staff/quality/assessments/<int:pk>/", views.assessment, name="assessment"),
    path("staff/quality/assessments/<int:pk>/results/", views.results, name="results"),
    path("staff/quality/assessments/<int:pk>/results.pdf", views.results_pdf, name="results_pdf"),
    path("staff/quality/assessments/<int:pk>/review/", views.review, name="review"),
    path("staff/quality/assessments/<int:pk>/actions/", views.action_add, name="action_add"),
    path("staff/quality/actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("staff/quality/evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("staff/quality/catalogue/", views.catalogue, name="catalogue"),
    path("staff/quality/network.<str:fmt>", views.network_export, name="network_export"),
    path("staff/quality/feedback/", views.feedback_admin, name="feedback_admin"),
    path("feedback/<uuid:token>/", views.survey, name="survey"),
]
