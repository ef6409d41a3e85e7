from lotse.casework.views import (
    appointments,
    cases,
    clients,
    documents,
    entries,
    followups,
    intake,
    monitoring,
    privacy,
    referrals,
)

app_name = "casework"
urlpatterns = [
    *clients.urlpatterns,
    *entries.urlpatterns,
    *followups.urlpatterns,
    *intake.urlpatterns,
    *cases.urlpatterns,
    *referrals.urlpatterns,
    *documents.urlpatterns,
    *privacy.urlpatterns,
    *appointments.urlpatterns,
    *monitoring.urlpatterns,
]
