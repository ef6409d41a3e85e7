"""Translated names for the controlled vocabularies of the reference data."""

from django.utils.translation import gettext_lazy as _

GROUPS = {
    "health": _("Health"),
    "care_social": _("Care and social work"),
    "education": _("Education and teaching"),
    "engineering_architecture": _("Engineering and architecture"),
    "law_finance": _("Law, tax and finance"),
    "public_service": _("Public service"),
    "crafts": _("Crafts"),
    "industry_trade": _("Industry and trade"),
    "it_media": _("IT and media"),
    "hospitality_food": _("Hotels, restaurants and food"),
    "agriculture_environment": _("Agriculture and environment"),
    "transport_logistics": _("Transport and logistics"),
    "office_business": _("Office and business"),
    "academic_other": _("Other university degrees"),
}

DOCUMENTS = {
    "application_form": _("Application form"),
    "id": _("Proof of identity (passport or ID card)"),
    "diploma": _("Your certificate or diploma"),
    "transcript": _("Proof of the content and length of your training (subjects, hours)"),
    "cv": _("CV in table form"),
    "work_experience": _("Proof of work experience (references, employment record)"),
    "translations": _("Translations of your documents"),
    "certified_copies": _("Officially certified copies"),
    "name_change": _("Proof of a change of name (e.g. marriage certificate)"),
    "intent_to_work_bw": _("Proof that you want to work in Baden-Württemberg (e.g. job offer)"),
    "health_certificate": _("Medical certificate of fitness"),
    "criminal_record": _("Certificate of good conduct (criminal record)"),
    "language_certificate": _("German language certificate"),
    "power_of_attorney": _("Power of attorney, if someone applies for you"),
    "school_certificate": _("School-leaving certificate"),
    "licence_to_practise_abroad": _("Licence to practise from the country of training"),
    "certificate_of_good_standing": _(
        "Certificate of good standing from the last employer or authority"
    ),
}

COMPENSATION = {
    "adaptation_period": _("Adaptation period (Anpassungslehrgang)"),
    "aptitude_test": _("Aptitude test (Eignungsprüfung)"),
    "knowledge_test": _("Knowledge test (Kenntnisprüfung)"),
}

REGULATION = {
    "federal": _("Regulated profession (federal law)"),
    "state": _("Regulated profession (law of Baden-Württemberg)"),
    "none": _("Not regulated"),
}
