"""Plain-language texts of the guide, stated once for the page, the PDF and the API."""

from django.utils.translation import gettext_lazy as _

ROUTES = {
    "eu_automatic": _(
        "Your qualification is from the EU, the EEA or Switzerland, and this profession is "
        "recognised automatically under the EU directive. The authority checks your documents; "
        "usually no exam is needed."
    ),
    "regulated_eu": _(
        "This profession is regulated. The authority compares your qualification from the EU, "
        "the EEA or Switzerland with the German one. If there are big differences, you can "
        "choose an adaptation period or an aptitude test."
    ),
    "regulated_third_country": _(
        "This profession is regulated. You need the recognition before you can work in it. The "
        "authority compares your qualification with the German one. If there are big "
        "differences, you can usually close them with an adaptation period or a knowledge test."
    ),
    "academic_zab": _(
        "For this university degree there is no recognition procedure. You can ask the central "
        "office for foreign education (ZAB) for a statement of comparability "
        "(Zeugnisbewertung). Employers understand your degree better with it."
    ),
    "not_regulated": _(
        "This profession is not regulated. You may work in it without recognition. A "
        "recognition still helps: employers see what your qualification is worth."
    ),
}

GRANT = {
    "text": _(
        "The federal recognition grant (Anerkennungszuschuss) pays up to 600 euros of the costs "
        "(fees, translations, certified copies) if you have lived in Germany for at least three "
        "months and your income is low."
    ),
    "apply_first": _("Apply for the grant before you apply for recognition."),
    "abroad": _("While you live abroad, you cannot get the grant yet."),
}

CONSENT_VERSION = "2026-11-25"
CONSENT_TEXT = _(
    "I agree that the counselling centre I chose receives my name, my contact details, my "
    "message and my guide result, and uses them only to contact me about counselling. I can "
    "withdraw this consent at any time by telling the centre."
)
