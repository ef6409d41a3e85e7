"""Country and language names in the user's language (CLDR data through Babel)."""

from functools import lru_cache

from babel import Locale
from django.utils.translation import get_language

# Not countries: the EU, the euro area, the UN, unknown, pseudo and outlying regions.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"}

EU_EEA_CH = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",  # EU
        "IS", "LI", "NO",  # EEA
        "CH",
    }
)  # fmt: skip


@lru_cache(maxsize=32)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang.replace("-", "_"))


def _current(lang: str | None) -> str:
    return lang or get_language() or "de"


@lru_cache(maxsize=16)
def countries(lang: str) -> tuple[tuple[str, str], ...]:
    """(ISO 3166-1 alpha-2 code, name) for every country, sorted by name in `lang`."""
    names = _locale(lang).territories
    items = [
        (code, name)
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(items, key=lambda item: item[1].casefold()))


def country_name(code: str, lang: str | None = None) -> str:
    return _locale(_current(lang)).territories.get(code.upper(), code)


def is_country(code: str) -> bool:
    return code.upper() in dict(countries("en"))


def language_name(code: str, lang: str | None = None) -> str:
    return _locale(_current(lang)).languages.get(code, code)
