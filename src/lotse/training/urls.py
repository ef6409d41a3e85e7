from django.urls import path

from lotse.training import views

app_name = "training"
urlpatterns = [
    path("trainings/", views.catalogue, name="catalogue"),
    path("trainings/modules/<slug:slug>/", views.module_detail, name="module"),
    path("trainings/events/<int:pk>/", views.event_detail, name="event"),
    path("trainings/events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("trainings/events/<int:pk>/feedback/<uuid:token>/", views.feedback, name="feedback"),
    path("trainings/registrations/<uuid:token>/", views.registration, name="registration"),
    path(
        "trainings/registrations/<uuid:token>/certificate.pdf",
        views.certificate_for_participant,
        name="certificate",
    ),
    path("trainings/certificates/verify/", views.verify, name="verify"),
    path("offers/", views.offers, name="offers"),
    path("offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("staff/trainings/", views.my_events, name="my_events"),
    path("staff/trainings/events/<int:pk>/", views.event_manage, name="event_manage"),
    path(
        "staff/trainings/events/<int:pk>/attendance-list/",
        views.attendance_list,
        name="attendance_list",
    ),
    path("staff/trainings/events/<int:pk>/registrations.<str:fmt>", views.export, name="export"),
    path("staff/trainings/registrations/<int:pk>/attendance/", views.attendance, name="attendance"),
    path(
        "staff/trainings/registrations/<int:pk>/certificate.pdf",
        views.certificate_for_trainer,
        name="trainer_certificate",
    ),
]
