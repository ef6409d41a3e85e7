from django.urls import path

from lotse.guide import views

app_name = "guide"
urlpatterns = [
    path("guide/", views.start, name="start"),
    path("guide/suggest/", views.suggest, name="suggest"),
    path("guide/country/", views.country, name="country"),
    path("guide/district/", views.district, name="district"),
    path("guide/result/", views.result, name="result"),
    path("guide/result/checklist.pdf", views.checklist_pdf, name="checklist_pdf"),
    path("guide/request/<slug:key>/", views.appointment, name="appointment"),
    path("guide/request-sent/<str:reference>/", views.appointment_done, name="appointment_done"),
    path("staff/requests/", views.inbox, name="inbox"),
    path("staff/requests/<int:pk>/decide/", views.decide, name="decide"),
]
