"""The consent texts clients agree to, by version. A new wording gets a new version; records
keep the version they were given under, so what a person agreed to can always be shown."""

from django.utils.translation import gettext_lazy as _

CURRENT_VERSION = "2026-11"

TEXTS = {
    "2026-11": {
        "counselling": _(
            "I agree that the counselling organisation stores and uses my personal data "
            "(contact details, languages, qualifications, work experience, residence status "
            "if I state it, notes on the counselling and documents I hand in) to counsel me "
            "on the recognition of my qualification and on finding work. Statistics are "
            "passed on only without my name. I can withdraw this consent at any time; data "
            "that is no longer needed is then deleted."
        ),
        "referral": _(
            "I agree that the counselling organisation passes the data I have chosen on to "
            "the organisation named, so that it can counsel or train me. I can withdraw this "
            "consent at any time; the data is then no longer shared."
        ),
    }
}


def text_for(version: str, purpose: str) -> str:
    return str(TEXTS.get(version, {}).get(purpose, ""))
