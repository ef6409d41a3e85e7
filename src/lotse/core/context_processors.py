from django.conf import settings
from django.utils.translation import get_language, get_language_bidi, get_language_info


def lotse(request):
    """Demo flags and the language switcher's entries (each language named in itself)."""
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "bidi": info["bidi"],
                "current": code == current,
            }
        )
    return {
        "LOTSE_DEMO": settings.DEMO,
        "LOTSE_2FA_RELAXED": not settings.REQUIRE_2FA,
        "lotse_languages": languages,
        "LANGUAGE_DIR": "rtl" if get_language_bidi() else "ltr",
    }
