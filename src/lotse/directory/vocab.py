from django.utils.translation import gettext_lazy as _

SERVICES = {
    "recognition": _("Recognition of foreign qualifications"),
    "qualification": _("Qualification and courses"),
    "job_search": _("Job search"),
    "employer_advice": _("Advice for employers"),
    "residence_law": _("Residence and work permits"),
    "language": _("German courses"),
}
MODES = {
    "in_person": _("In person"),
    "phone": _("By phone"),
    "video": _("By video call"),
    "email": _("By e-mail"),
}
