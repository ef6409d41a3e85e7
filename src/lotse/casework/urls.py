from lotse.casework.views import (
    appointments,
    cases,
    clients,
    documents,
    intake,
    monitoring,
    privacy,
    referrals,
)

app_name = "casework"
urlpatterns = [
    *clients.urlpatterns,
    *intake.urlpatterns,
    *cases.urlpatterns,
    *referrals.urlpatterns,
    *documents.urlpatterns,
    *privacy.urlpatterns,
    *appointments.urlpatterns,
    *monitoring.urlpatterns,
]
