from django.urls import path

from lotse.directory import views

app_name = "directory"
urlpatterns = [
    path("centres/", views.centre_list, name="centre_list"),
    path("centres/<slug:key>/", views.centre_detail, name="centre_detail"),
    path("staff/centres/<slug:key>/edit/", views.centre_edit, name="centre_edit"),
]
