from django.urls import path

from lotse.occupations import views

app_name = "occupations"
urlpatterns = [
    path("occupations/", views.search, name="search"),
    path("occupations/suggest/", views.suggest, name="suggest"),
    path("occupations/<slug:slug>/", views.detail, name="detail"),
]
