from django import template

from lotse.core.i18n import country_name, language_name

register = template.Library()


@register.filter
def country(code: str) -> str:
    return country_name(code)


@register.filter
def language(code: str) -> str:
    return language_name(code)
