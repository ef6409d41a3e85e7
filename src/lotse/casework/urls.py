from lotse.casework.views import appointments, documents, monitoring, privacy

app_name = "casework"
urlpatterns = [
    *documents.urlpatterns,
    *privacy.urlpatterns,
    *appointments.urlpatterns,
    *monitoring.urlpatterns,
]
