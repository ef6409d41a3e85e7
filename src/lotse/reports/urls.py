from lotse.reports import public, views

app_name = "reports"
urlpatterns = [*views.urlpatterns, *public.urlpatterns]
